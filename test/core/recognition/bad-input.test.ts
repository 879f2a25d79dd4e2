// Bad input never stops the work: a missing, corrupt or unsupported file gets a clear message for that file
// on stderr, the other files are still read, and the exit code says that something failed.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../../../src/main/core/recognition/image-input'
import { RecognitionError } from '../../../src/main/core/recognition/errors'
import { renderScene, toPng } from './render'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../../..')
let dir: string
let good: string, corrupt: string, truncated: string, unsupported: string, notImage: string, video: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alpr-bad-'))
  const png = await toPng(await renderScene({ text: '7ABC123', noise: 6 }))
  good = join(dir, 'good.png')
  writeFileSync(good, png)
  corrupt = join(dir, 'corrupt.jpg')
  writeFileSync(corrupt, Buffer.from('this is not a jpeg at all'))
  truncated = join(dir, 'truncated.png')
  writeFileSync(truncated, png.subarray(0, Math.floor(png.length / 3)))
  unsupported = join(dir, 'notes.txt')
  writeFileSync(unsupported, 'hello')
  notImage = join(dir, 'fake.mp4')
  writeFileSync(notImage, Buffer.alloc(2048, 7))
  video = notImage
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('decoding', () => {
  it('refuses bytes that are no image format', async () => {
    await expect(decodeImage(Buffer.from('nope'))).rejects.toSatisfy((e) => RecognitionError.is(e, 'UNSUPPORTED_INPUT'))
  })
  it('refuses a truncated image as corrupt', async () => {
    await expect(decodeImage(truncated)).rejects.toSatisfy((e) => RecognitionError.is(e, 'CORRUPT_INPUT'))
  })
})

describe('npm run recognize', () => {
  it('reports each bad file on stderr, still reads the good one, and exits 1', async () => {
    const missing = join(dir, 'missing.jpg')
    const outcome = await run('npx', ['tsx', 'tools/recognize.ts', '--json', missing, corrupt, good, truncated, unsupported, video, dir], {
      cwd: ROOT,
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    )
    expect(outcome.code).toBe(1)
    const lines = outcome.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(1)
    expect(lines[0].file).toBe(good)
    expect(lines[0].plates[0]).toMatchObject({ text: '7ABC123', box: expect.any(Array) })
    expect(typeof lines[0].plates[0].confident).toBe('boolean')
    expect(lines[0].ms).toBeGreaterThan(0)
    const err = outcome.stderr
    expect(err).toContain(`${missing}: NOT_FOUND`)
    expect(err).toContain(`${corrupt}: UNSUPPORTED_INPUT`)
    expect(err).toContain(`${truncated}: CORRUPT_INPUT`)
    expect(err).toContain(`${unsupported}: UNSUPPORTED_INPUT: unsupported file type ".txt"`)
    expect(err).toContain(`${video}: CAPTURE_FAILED`)
    expect(err).toContain(`${dir}: UNSUPPORTED_INPUT: not a file`)
    expect(err).not.toMatch(/\n\s+at /) // no stack traces
  }, 45_000)

  // Exit 0 when every file was read is proven by the video test in tracker.test.ts.
  it('refuses a bad option with its usage and exit code 2', async () => {
    const bad = await run('npx', ['tsx', 'tools/recognize.ts', '--fps', 'zero', good], { cwd: ROOT }).catch((e) => e)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('usage: npm run recognize')
  }, 45_000)
})
