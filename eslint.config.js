// Lint for the whole repository: recommended JavaScript and TypeScript rules, plus the process boundaries of
// DESIGN.md: only src/main/electron and src/preload load 'electron'; core, preload, renderer and shared import
// only the layers they may (checked on resolved paths, so no folder name can slip past).
import { dirname, relative, resolve, sep } from 'node:path'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const SRC = resolve(import.meta.dirname, 'src')

/** Which layers each layer may import by relative path. */
const ALLOWED_LAYERS = {
  'main/core': ['main/core', 'shared'],
  'main/electron': ['main/electron', 'main/core', 'shared'],
  preload: ['preload', 'shared'],
  renderer: ['renderer', 'shared'],
  shared: ['shared'],
}

function layerOf(file) {
  const rel = relative(SRC, file)
  if (rel.startsWith('..') || rel === '') return null
  const [top, sub] = rel.split(sep)
  if (top === 'main') return sub === 'core' || sub === 'electron' ? `main/${sub}` : 'main'
  return top
}

const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports inside the layers a file may use (DESIGN.md, "Processes and layers").' },
    schema: [],
    messages: {
      crossing: "{{from}} may not import from {{to}} ('{{specifier}}'); allowed: {{allowed}}.",
    },
  },
  create(context) {
    const from = layerOf(context.filename)
    const allowed = from ? ALLOWED_LAYERS[from] : undefined
    if (!allowed) return {}
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return
      const to = layerOf(resolve(dirname(context.filename), source.value)) ?? 'outside src'
      if (!allowed.includes(to)) {
        context.report({ node, messageId: 'crossing', data: { from, to, specifier: source.value, allowed: allowed.join(', ') } })
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
      'CallExpression[callee.name="require"]': (node) => check(node, node.arguments[0]?.type === 'Literal' ? node.arguments[0] : null),
    }
  },
}

const electronOnlyInAdapters = {
  paths: [{ name: 'electron', message: "Only src/main/electron and src/preload may import 'electron'; core runs under plain Node." }],
  patterns: [{ group: ['electron/*'], message: "Only src/main/electron and src/preload may import 'electron'." }],
}

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortSignal', 'setTimeout', 'clearTimeout', 'setImmediate'].map(
    (name) => [name, 'readonly'],
  ),
)
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'location', 'history', 'sessionStorage', 'WebSocket', 'console', 'URLSearchParams', 'setTimeout', 'clearTimeout'].map(
    (name) => [name, 'readonly'],
  ),
)

export default tseslint.config(
  { ignores: ['out/**', 'build/**', 'dist/**', 'node_modules/**', 'test-results/**', 'screenshots/**', '.alpr-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { alpr: { rules: { 'layer-boundaries': layerBoundaries } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', electronOnlyInAdapters],
      'alpr/layer-boundaries': 'error',
    },
  },
  // The adapters, the preload and the adapters' tests (which mock it) are where 'electron' belongs.
  {
    files: ['src/main/electron/**', 'src/preload/**', 'test/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['tools/dev-browser/bridge.js'],
    languageOptions: { sourceType: 'script', globals: browserGlobals },
  },
)
