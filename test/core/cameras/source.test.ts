// A camera's source as entered: checked for its kind, credentials split out of stream addresses, and put back
// (percent-encoded) only for ffmpeg.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSource, SourceProblem, withCredentials } from '../../../src/main/core/cameras/source'
import type { CameraSourceKind } from '../../../src/shared/models'
import { useTempDirs } from '../../helpers/temp-dir'

const tempDir = useTempDirs()

function problem(kind: CameraSourceKind, raw: string): string {
  try {
    parseSource(kind, raw)
  } catch (error) {
    expect(error).toBeInstanceOf(SourceProblem)
    const message = (error as SourceProblem).message
    // A refusal never repeats the address: it may carry a password.
    if (raw.trim()) expect(message).not.toContain(raw.trim())
    return message
  }
  return expect.fail(`${raw} was accepted as a ${kind} source`)
}

describe('camera sources', () => {
  it('split credentials out of stream addresses, decoding escapes and keeping the rest as typed', () => {
    expect(parseSource('rtsp', ' rtsp://operator:Harbor%40Kite@192.0.2.10:554/Streaming/Channels/101?transport=tcp ')).toEqual({
      kind: 'rtsp',
      url: 'rtsp://192.0.2.10:554/Streaming/Channels/101?transport=tcp',
      credentials: { username: 'operator', password: 'Harbor@Kite' },
    })
    // An unencoded '@' in the password: the host begins after the last '@'.
    expect(parseSource('rtsp', 'RTSPS://admin:p@ss@cam-7.example.org/live').credentials).toEqual({ username: 'admin', password: 'p@ss' })
    expect(parseSource('rtsp', 'RTSPS://admin:p@ss@cam-7.example.org/live').url).toBe('rtsps://cam-7.example.org/live')
    expect(parseSource('http', 'https://viewer@[2001:db8::7]:8443/video.mjpg')).toEqual({
      kind: 'http',
      url: 'https://[2001:db8::7]:8443/video.mjpg',
      credentials: { username: 'viewer', password: '' },
    })
    expect(parseSource('http', 'http://192.0.2.10/video.mjpg')).toEqual({ kind: 'http', url: 'http://192.0.2.10/video.mjpg', credentials: null })
    expect(parseSource('udp', 'udp://@:5000').url).toBe('udp://@:5000')
    expect(parseSource('udp', 'udp://239.0.0.1:1234').url).toBe('udp://239.0.0.1:1234')
  })

  it('accept video devices and existing video files', () => {
    expect(parseSource('device', '/dev/video0').url).toBe('/dev/video0')
    expect(parseSource('device', '/dev/v4l/by-id/usb-Logitech_C920-video-index0').url).toBe('/dev/v4l/by-id/usb-Logitech_C920-video-index0')
    const file = join(tempDir(), 'gate.mp4')
    writeFileSync(file, 'not really a video, but a regular file')
    expect(parseSource('file', file)).toEqual({ kind: 'file', url: file, credentials: null })
  })

  it('refuse each malformed source with a sentence that does not repeat it', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'folder'))
    expect(problem('rtsp', '')).toMatch(/Enter the camera’s source/)
    expect(problem('rtsp', 'http://192.0.2.10/stream')).toMatch(/starts with rtsp:\/\//)
    expect(problem('http', 'rtsp://192.0.2.10/stream')).toMatch(/starts with http:\/\//)
    expect(problem('rtsp', '192.0.2.10/stream')).toMatch(/starts with rtsp:\/\//)
    expect(problem('rtsp', 'rtsp://user:pw@/stream')).toMatch(/no host/)
    expect(problem('rtsp', 'rtsp://bad_host!/stream')).toMatch(/invalid host name/)
    expect(problem('rtsp', 'rtsp://cam.local:70000/stream')).toMatch(/port must be between 1 and 65535/)
    expect(problem('rtsp', 'rtsp://cam.local:0/stream')).toMatch(/port must be between 1 and 65535/)
    expect(problem('rtsp', 'rtsp://u:p w@cam.local/stream')).toMatch(/spaces or control characters/)
    expect(problem('rtsp', 'rtsp://:secret@cam.local/stream')).toMatch(/password but no user name/)
    expect(problem('udp', 'udp://198.51.100.4')).toMatch(/needs a port/)
    expect(problem('udp', 'udp://user:secret@192.0.2.10:5000')).toMatch(/UDP streams take no user name or password/)
    expect(problem('device', '/dev/sda')).toMatch(/\/dev\/videoN/)
    expect(problem('device', '/dev/video0; rm -rf /')).toMatch(/spaces or control characters/)
    expect(problem('file', 'videos/gate.mp4')).toMatch(/full path/)
    expect(problem('file', join(dir, 'missing.mp4'))).toMatch(/No video file exists/)
    expect(problem('file', join(dir, 'folder'))).toMatch(/not a regular file/)
  })

  it('refuse credentials in the query string, naming the parameter but never its value', () => {
    const cases: [string, string][] = [
      ['http://192.0.2.10/video.cgi?user=admin&pwd=Harbor-Kite-93', 'user'],
      ['http://192.0.2.10/video.cgi?resolution=640x480&pwd=Harbor-Kite-93', 'pwd'],
      ['https://cam.local/snap.jpg?Password=Harbor-Kite-93', 'Password'],
      ['rtsp://cam.local/live?token=Harbor-Kite-93#x', 'token'],
      ['http://cam.local/mjpg?a=1;auth=Harbor-Kite-93', 'auth'],
      ['http://cam.local/mjpg?api_key=Harbor-Kite-93', 'api_key'],
      ['http://cam.local/mjpg?%70ass=Harbor-Kite-93', 'pass'],
    ]
    for (const [raw, name] of cases) {
      const message = problem(raw.startsWith('rtsp') ? 'rtsp' : 'http', raw)
      expect(message).toContain(`“${name}” parameter`)
      expect(message).toMatch(/user name and password in their own fields/)
      expect(message).not.toContain('Harbor-Kite-93')
    }
    // Parameters that only look alike stay.
    expect(parseSource('http', 'http://192.0.2.10/video.cgi?resolution=640x480&keyframe=1&username_hint=x').url).toBe(
      'http://192.0.2.10/video.cgi?resolution=640x480&keyframe=1&username_hint=x',
    )
  })

  it('put credentials back percent-encoded, so any character survives the trip to ffmpeg', () => {
    expect(withCredentials('rtsp://192.0.2.10:554/live', { username: 'op er', password: 'p@ss:w/rd#ü' })).toBe(
      'rtsp://op%20er:p%40ss%3Aw%2Frd%23%C3%BC@192.0.2.10:554/live',
    )
    expect(withCredentials('http://cam.local/video', { username: 'viewer', password: '' })).toBe('http://viewer@cam.local/video')
    expect(withCredentials('rtsp://cam.local/live', null)).toBe('rtsp://cam.local/live')
    // The round trip gives back what was typed.
    const url = withCredentials('rtsp://cam.local/live', { username: 'op er', password: 'p@ss:w/rd#ü' })
    expect(parseSource('rtsp', url)).toEqual({ kind: 'rtsp', url: 'rtsp://cam.local/live', credentials: { username: 'op er', password: 'p@ss:w/rd#ü' } })
  })
})
