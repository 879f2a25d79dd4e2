// `npm start`'s preparation: what it decides to do (pure parts), and that a dry run prints the plan and changes nothing.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  downloadEnv,
  electronBinaryPresent,
  nativeBuildCurrent,
  nodeGypArgs,
  paths,
  plan,
  prebuildArgs,
} from '../../scripts/prepare-electron.mjs'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A project folder with just enough of node_modules for the script to read versions. */
function fakeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'alpr-prepare-'))
  dirs.push(root)
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true })
  mkdirSync(join(root, 'node_modules', 'better-sqlite3-multiple-ciphers'), { recursive: true })
  writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: '45.5.0' }))
  writeFileSync(join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'package.json'), JSON.stringify({ version: '12.11.1' }))
  return root
}

function installElectronBinary(root: string): void {
  const dir = join(root, 'node_modules', 'electron')
  writeFileSync(join(dir, 'path.txt'), 'electron')
  mkdirSync(join(dir, 'dist'))
  writeFileSync(join(dir, 'dist', 'electron'), '')
}

function writeNativeBuild(root: string, stamp: unknown): void {
  const p = paths(root)
  mkdirSync(p.outDir, { recursive: true })
  writeFileSync(p.nativeFile, 'binary')
  writeFileSync(p.stampFile, typeof stamp === 'string' ? stamp : JSON.stringify(stamp))
}

describe('deciding what to prepare', () => {
  it('downloads Electron when path.txt or the executable it names is missing', () => {
    const root = fakeProject()
    const electronDir = paths(root).electronDir
    expect(electronBinaryPresent(electronDir)).toBe(false)
    writeFileSync(join(electronDir, 'path.txt'), 'electron')
    expect(electronBinaryPresent(electronDir)).toBe(false)
    mkdirSync(join(electronDir, 'dist'))
    writeFileSync(join(electronDir, 'dist', 'electron'), '')
    expect(electronBinaryPresent(electronDir)).toBe(true)
  })

  it('rebuilds the native module unless the file exists and the stamp names the same Electron, package and arch', () => {
    const root = fakeProject()
    const p = paths(root)
    const versions = { electron: '45.5.0', sqlite: '12.11.1' }
    expect(nativeBuildCurrent(p, versions, 'x64')).toBe(false)
    writeNativeBuild(root, { electron: '45.5.0', package: '12.11.1', arch: 'x64' })
    expect(nativeBuildCurrent(p, versions, 'x64')).toBe(true)
    expect(nativeBuildCurrent(p, { ...versions, electron: '46.0.0' }, 'x64')).toBe(false)
    expect(nativeBuildCurrent(p, { ...versions, sqlite: '12.12.0' }, 'x64')).toBe(false)
    expect(nativeBuildCurrent(p, versions, 'arm64')).toBe(false)
    writeNativeBuild(root, 'not json')
    expect(nativeBuildCurrent(p, versions, 'x64')).toBe(false)
  })

  it('plans both steps on a fresh checkout and none once both are done', () => {
    const root = fakeProject()
    expect(plan(root, { arch: 'x64' }).steps.map((s) => s.id)).toEqual(['electron-binary', 'native-module'])
    installElectronBinary(root)
    expect(plan(root, { arch: 'x64' }).steps.map((s) => s.id)).toEqual(['native-module'])
    writeNativeBuild(root, { electron: '45.5.0', package: '12.11.1', arch: 'x64' })
    expect(plan(root, { arch: 'x64' })).toEqual({ versions: { electron: '45.5.0', sqlite: '12.11.1' }, arch: 'x64', steps: [] })
  })

  it('builds for Electron’s runtime, version and arch, with node-gyp against Electron’s headers as the fallback', () => {
    expect(prebuildArgs('45.5.0', 'arm64')).toEqual(['--yes', 'prebuild-install', '--runtime', 'electron', '--target', '45.5.0', '--arch', 'arm64'])
    expect(nodeGypArgs('45.5.0', 'x64')).toEqual([
      '--yes',
      'node-gyp',
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=45.5.0',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
    ])
  })

  it('lets the installer download by removing every skip-download setting, and keeps the rest', () => {
    const env = downloadEnv({
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      electron_skip_binary_download: '1',
      npm_config_electron_skip_binary_download: '1',
      NPM_CONFIG_ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      ELECTRON_MIRROR: 'https://mirror.example/',
      PATH: '/usr/bin',
    })
    expect(env).toEqual({ ELECTRON_MIRROR: 'https://mirror.example/', PATH: '/usr/bin' })
  })
})

describe('the dry run', () => {
  it('prints the plan for this checkout, exits 0 and creates nothing', () => {
    const root = join(import.meta.dirname, '..', '..')
    const built = existsSync(join(root, 'build', 'electron-native'))
    const output = execFileSync(process.execPath, [join(root, 'scripts', 'prepare-electron.mjs'), '--dry-run'], { encoding: 'utf8' })
    expect(output).toContain('[prepare-electron] Electron 45.5.0, better-sqlite3-multiple-ciphers')
    expect(output).toMatch(/Plan \(dry run, nothing is changed\)|Nothing to do/)
    expect(existsSync(join(root, 'build', 'electron-native'))).toBe(built)
  })
})
