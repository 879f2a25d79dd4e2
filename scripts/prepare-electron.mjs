#!/usr/bin/env node
// Run by `npm start` before building: fetches Electron's binary (installs skip it so they work offline) and
// builds better-sqlite3-multiple-ciphers for Electron's ABI into build/electron-native/, leaving node_modules'
// Node build (which the tests use) untouched. Needs internet once; `--dry-run` only prints the plan.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers'
export const NATIVE_FILE = 'better_sqlite3.node'
export const STAMP_FILE = 'stamp.json'
export const HEADERS_URL = 'https://electronjs.org/headers'

const SKIP_DOWNLOAD_KEYS = /^(npm_config_)?electron_skip_binary_download$/i

export const projectRoot = () => resolve(dirname(fileURLToPath(import.meta.url)), '..')

export function paths(root) {
  const electronDir = join(root, 'node_modules', 'electron')
  const outDir = join(root, 'build', 'electron-native')
  return {
    electronDir,
    electronInstaller: join(electronDir, 'install.js'),
    sqlitePackageDir: join(root, 'node_modules', SQLITE_PACKAGE),
    outDir,
    pkgDir: join(outDir, 'pkg'),
    nativeFile: join(outDir, NATIVE_FILE),
    stampFile: join(outDir, STAMP_FILE),
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))

export function readVersions(root) {
  const p = paths(root)
  return {
    electron: readJson(join(p.electronDir, 'package.json')).version,
    sqlite: readJson(join(p.sqlitePackageDir, 'package.json')).version,
  }
}

/** Electron's binary is present when path.txt names an executable that exists under dist/. */
export function electronBinaryPresent(electronDir) {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return false
  const executable = readFileSync(pathFile, 'utf8').trim()
  return executable !== '' && existsSync(join(electronDir, 'dist', executable))
}

/** The environment for Electron's installer: the same, without the settings that tell it to skip the download. */
export function downloadEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !SKIP_DOWNLOAD_KEYS.test(key)))
}

/** The Electron build of the module is current when it exists and its stamp names the same versions and arch. */
export function nativeBuildCurrent(p, versions, arch) {
  if (!existsSync(p.nativeFile) || !existsSync(p.stampFile)) return false
  try {
    const stamp = readJson(p.stampFile)
    return stamp.electron === versions.electron && stamp.package === versions.sqlite && stamp.arch === arch
  } catch {
    return false
  }
}

export const prebuildArgs = (electronVersion, arch) => [
  '--yes',
  'prebuild-install',
  '--runtime',
  'electron',
  '--target',
  electronVersion,
  '--arch',
  arch,
]

export const nodeGypArgs = (electronVersion, arch) => [
  '--yes',
  'node-gyp',
  'rebuild',
  '--release',
  '--runtime=electron',
  `--target=${electronVersion}`,
  `--arch=${arch}`,
  `--dist-url=${HEADERS_URL}`,
]

/** What would be done, as data: the dry run prints it, the real run carries it out. */
export function plan(root, { arch = process.arch } = {}) {
  const p = paths(root)
  const versions = readVersions(root)
  const steps = []
  if (!electronBinaryPresent(p.electronDir)) {
    steps.push({
      id: 'electron-binary',
      description: `Download Electron ${versions.electron} (${process.platform}-${arch}): node ${p.electronInstaller}, without ELECTRON_SKIP_BINARY_DOWNLOAD`,
    })
  }
  if (!nativeBuildCurrent(p, versions, arch)) {
    steps.push({
      id: 'native-module',
      description:
        `Build ${SQLITE_PACKAGE} ${versions.sqlite} for Electron ${versions.electron} (${arch}) in ${p.pkgDir}: ` +
        `npx ${prebuildArgs(versions.electron, arch).join(' ')}, else npx ${nodeGypArgs(versions.electron, arch).join(' ')}; ` +
        `copy build/Release/${NATIVE_FILE} to ${p.nativeFile}`,
    })
  }
  return { versions, arch, steps }
}

const log = (line) => console.log(`[prepare-electron] ${line}`)

class PrepareError extends Error {}

async function requireInternet() {
  const probes = ['https://registry.npmjs.org/', 'https://github.com/']
  for (const url of probes) {
    try {
      await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) })
    } catch {
      throw new PrepareError(
        `No internet connection (${url} cannot be reached). Preparing Electron downloads its binary and builds ` +
          `${SQLITE_PACKAGE} for Electron once; run \`npm start\` again on a machine with internet. ` +
          '`npm install` and `npm test` do not need this step.',
      )
    }
  }
}

function run(command, args, options) {
  log(`$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`)
  const windows = process.platform === 'win32'
  const result = spawnSync(windows && command === 'npx' ? 'npx.cmd' : command, args, { stdio: 'inherit', shell: windows, ...options })
  return result.status === 0
}

function downloadElectron(p) {
  if (!run(process.execPath, [p.electronInstaller], { env: downloadEnv(process.env) }) || !electronBinaryPresent(p.electronDir)) {
    throw new PrepareError(`Electron's binary could not be downloaded (see the installer's output above).`)
  }
}

function buildNativeModule(p, versions, arch) {
  rmSync(p.pkgDir, { recursive: true, force: true })
  mkdirSync(p.outDir, { recursive: true })
  // Copy the sources only: node_modules' build/ holds the Node build and must neither be reused nor touched.
  const top = resolve(p.sqlitePackageDir, 'build')
  cpSync(p.sqlitePackageDir, p.pkgDir, { recursive: true, filter: (source) => resolve(source) !== top })
  const built = join(p.pkgDir, 'build', 'Release', NATIVE_FILE)
  let ok = run('npx', prebuildArgs(versions.electron, arch), { cwd: p.pkgDir }) && existsSync(built)
  if (!ok) {
    log('No prebuilt binary; compiling from source against Electron headers (a few minutes).')
    ok = run('npx', nodeGypArgs(versions.electron, arch), { cwd: p.pkgDir }) && existsSync(built)
  }
  if (!ok) throw new PrepareError(`${SQLITE_PACKAGE} could not be built for Electron ${versions.electron} (see the output above).`)
  cpSync(built, p.nativeFile)
  writeFileSync(p.stampFile, JSON.stringify({ electron: versions.electron, package: versions.sqlite, arch }, null, 2) + '\n')
  rmSync(p.pkgDir, { recursive: true, force: true })
  log(`Built ${p.nativeFile} (${statSync(p.nativeFile).size} bytes).`)
}

export async function main(argv = process.argv.slice(2), root = projectRoot()) {
  const dryRun = argv.includes('--dry-run')
  const p = paths(root)
  const { versions, arch, steps } = plan(root)
  log(`Electron ${versions.electron}, ${SQLITE_PACKAGE} ${versions.sqlite}, ${process.platform}-${arch}`)
  if (steps.length === 0) {
    log('Nothing to do: the Electron binary is present and the Electron build of the database module is current.')
    return 0
  }
  log(dryRun ? 'Plan (dry run, nothing is changed):' : 'Plan:')
  steps.forEach((step, i) => log(`  ${i + 1}. ${step.description}`))
  if (dryRun) return 0
  try {
    await requireInternet()
    for (const step of steps) {
      if (step.id === 'electron-binary') downloadElectron(p)
      else buildNativeModule(p, versions, arch)
    }
  } catch (error) {
    if (!(error instanceof PrepareError)) throw error
    console.error(`[prepare-electron] ${error.message}`)
    return 1
  }
  log('Done.')
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main()
}
