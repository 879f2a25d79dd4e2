// Types for the pure parts of prepare-electron.mjs, so the tests can import them under strict TypeScript.
export declare const SQLITE_PACKAGE: string
export declare const NATIVE_FILE: string
export declare const STAMP_FILE: string
export declare const HEADERS_URL: string

export interface PreparePaths {
  electronDir: string
  electronInstaller: string
  sqlitePackageDir: string
  outDir: string
  pkgDir: string
  nativeFile: string
  stampFile: string
}
export interface Versions {
  electron: string
  sqlite: string
}
export interface Step {
  id: 'electron-binary' | 'native-module'
  description: string
}

export declare function projectRoot(): string
export declare function paths(root: string): PreparePaths
export declare function readVersions(root: string): Versions
export declare function electronBinaryPresent(electronDir: string): boolean
export declare function downloadEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv
export declare function nativeBuildCurrent(p: PreparePaths, versions: Versions, arch: string): boolean
export declare function prebuildArgs(electronVersion: string, arch: string): string[]
export declare function nodeGypArgs(electronVersion: string, arch: string): string[]
export declare function plan(root: string, options?: { arch?: string }): { versions: Versions; arch: string; steps: Step[] }
export declare function main(argv?: string[], root?: string): Promise<number>
