// The process boundaries of DESIGN.md, checked on the sources: only src/main/electron and src/preload load
// 'electron'; core reaches neither the adapters nor the renderer; the renderer and shared stay out of main.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..', '..')
const SRC = join(ROOT, 'src')
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Every module a file loads: static imports, re-exports, import(), require() and import x = require(). */
function specifiersOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true)
  return info.importedFiles.map((f) => f.fileName)
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/')

/** The layer a file belongs to, by folder. */
function layerOf(file: string): string {
  const rel = relative(SRC, file).split(sep)
  return rel[0] === 'main' ? `main/${rel[1]}` : (rel[0] ?? '')
}

const inside = (file: string, folder: string) => file.startsWith(join(SRC, folder) + sep)

/** Relative imports of `file`, resolved to absolute paths. */
const relativeTargets = (file: string) =>
  specifiersOf(readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => ({ specifier: s, target: resolve(dirname(file), s) }))

const files = sourceFiles(SRC)

describe('the import scanner', () => {
  it('finds every way of loading a module', () => {
    const source = `
      import { app } from 'electron'
      import type { WebContents } from "electron/main"
      export * from 'electron/renderer'
      const a = require('electron')
      const b = await import('electron/common')
      import x = require('electron')
      import './side-effect'
      const url = 'app://electron/not-an-import' // from 'electron' in a comment is not an import
    `
    expect(specifiersOf(source)).toEqual([
      'electron',
      'electron/main',
      'electron/renderer',
      'electron',
      'electron/common',
      'electron',
      './side-effect',
    ])
  })

  it('sees the real imports of the tree (the adapters do load electron)', () => {
    expect(files.length).toBeGreaterThan(20)
    const adapters = files.filter((f) => inside(f, 'main/electron'))
    expect(adapters.some((f) => specifiersOf(readFileSync(f, 'utf8')).some(isElectron))).toBe(true)
  })
})

describe('process boundaries', () => {
  it("only src/main/electron and src/preload import 'electron'", () => {
    const offenders = files
      .filter((f) => !inside(f, 'main/electron') && !inside(f, 'preload'))
      .filter((f) => specifiersOf(readFileSync(f, 'utf8')).some(isElectron))
      .map((f) => relative(ROOT, f))
    expect(offenders).toEqual([])
  })

  it('src/main/core never imports from src/main/electron, src/preload or src/renderer', () => {
    const offenders = files
      .filter((f) => inside(f, 'main/core'))
      .flatMap((f) =>
        relativeTargets(f)
          .filter(({ target }) => ['main/electron', 'preload', 'renderer'].some((folder) => target === join(SRC, folder) || inside(target, folder)))
          .map(({ specifier }) => `${relative(ROOT, f)} -> ${specifier}`),
      )
    expect(offenders).toEqual([])
  })

  it('the renderer imports only its own files and src/shared; src/shared imports only itself', () => {
    const allowed: Record<string, string[]> = { renderer: ['renderer', 'shared'], shared: ['shared'] }
    const offenders = files
      .filter((f) => layerOf(f) in allowed)
      .flatMap((f) =>
        relativeTargets(f)
          .filter(({ target }) => !allowed[layerOf(f)]!.some((folder) => inside(target, folder)))
          .map(({ specifier }) => `${relative(ROOT, f)} -> ${specifier}`),
      )
    expect(offenders).toEqual([])
  })
})
