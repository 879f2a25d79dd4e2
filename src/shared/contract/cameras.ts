// Channels of the camera registry (administrators): fixed and mobile cameras, their source, rate and region.
// Stream credentials go in and never come out: no channel returns them, and the access log withholds them.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { CameraRecord } from '../models'

const name = z.string().trim().min(1, 'Give the camera a name.').max(80, 'A camera name is 80 characters at most.')
const kind = z.enum(['fixed', 'mobile'], 'Choose fixed or mobile.')
const latitude = z.number('Latitude is a number of degrees.').min(-90, 'Latitude is between -90 and 90 degrees.').max(90, 'Latitude is between -90 and 90 degrees.').nullable()
const longitude = z.number('Longitude is a number of degrees.').min(-180, 'Longitude is between -180 and 180 degrees.').max(180, 'Longitude is between -180 and 180 degrees.').nullable()
const location = z.string().trim().max(200, 'The location description is 200 characters at most.')
const direction = z.string().trim().max(40, 'The direction is 40 characters at most, for example “northbound”.')
const sourceKind = z.enum(['rtsp', 'http', 'udp', 'device', 'file'], 'Choose the kind of source.')
/** A stream address or a device/file path; checked against its kind in core (cameras/source.ts). */
const source = z.string().max(2000, 'The source is 2,000 characters at most.')
const streamUsername = z.string().max(200, 'The user name is 200 characters at most.')
const streamPassword = z.string().max(200, 'The password is 200 characters at most.')
const fps = z.number('The frame rate is a number.').min(0.5, 'The frame rate is between 0.5 and 30 frames per second.').max(30, 'The frame rate is between 0.5 and 30 frames per second.')
const fraction = z.number().min(0, 'Region values are fractions of the frame, from 0 to 1.').max(1, 'Region values are fractions of the frame, from 0 to 1.')
/** [x, y, w, h] as fractions of the frame, lying inside it; null for the whole frame. */
const roi = z
  .tuple([fraction, fraction, fraction, fraction], 'A region is [x, y, width, height].')
  .refine(([, , w, h]) => w > 0 && h > 0, 'The region needs a width and height above zero.')
  .refine(([x, y, w, h]) => x + w <= 1 + 1e-9 && y + h <= 1 + 1e-9, 'The region must lie inside the frame (x + width and y + height at most 1).')
  .nullable()

const bothOrNeither = (v: { latitude?: number | null; longitude?: number | null }) =>
  (v.latitude === undefined) === (v.longitude === undefined) && (v.latitude === null) === (v.longitude === null)
const coordinatesTogether = { message: 'Give both latitude and longitude, or neither.', path: ['longitude'] }

export const cameraChannels = {
  'cameras.list': channel<CameraRecord[]>()({
    summary: 'Every registered camera with its source (without credentials) and its capture state.',
    input: noInput,
    access: 'cameras.manage',
  }),
  'cameras.create': channel<CameraRecord>()({
    summary: 'Register a fixed or mobile camera with its source; credentials are kept apart and never shown again.',
    input: z
      .strictObject({
        name,
        kind,
        latitude: latitude.default(null),
        longitude: longitude.default(null),
        location: location.default(''),
        direction: direction.default(''),
        sourceKind,
        source,
        streamUsername: streamUsername.optional(),
        streamPassword: streamPassword.optional(),
        fps: fps.default(5),
        roi: roi.default(null),
        enabled: z.boolean().default(true),
      })
      .refine(bothOrNeither, coordinatesTogether),
    access: 'cameras.manage',
  }),
  'cameras.update': channel<CameraRecord>()({
    summary: 'Change a camera’s details, source, rate or region; stored credentials are kept unless replaced or cleared.',
    input: z
      .strictObject({
        cameraId: f.recordId,
        name: name.optional(),
        kind: kind.optional(),
        latitude: latitude.optional(),
        longitude: longitude.optional(),
        location: location.optional(),
        direction: direction.optional(),
        sourceKind: sourceKind.optional(),
        source: source.optional(),
        streamUsername: streamUsername.optional(),
        streamPassword: streamPassword.optional(),
        /** Removes the stored credentials. */
        clearCredentials: z.boolean().optional(),
        fps: fps.optional(),
        roi: roi.optional(),
      })
      .refine(bothOrNeither, coordinatesTogether),
    access: 'cameras.manage',
  }),
  'cameras.setEnabled': channel<CameraRecord>()({
    summary: 'Enable or disable a camera; disabling is how a camera is retired (its reads keep referring to it).',
    input: z.strictObject({ cameraId: f.recordId, enabled: z.boolean() }),
    access: 'cameras.manage',
  }),
}
