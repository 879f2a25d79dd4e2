// Builds the three parts of the app: main (with the store worker and the recognition utility process as
// their own entries), the sandboxed preload (fully bundled, CommonJS, as sandboxed preloads require) and
// the React renderer.
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          main: resolve('src/main/electron/main.ts'),
          'store-worker': resolve('src/main/core/store/store-worker.ts'),
          'recognition-process': resolve('src/main/electron/recognition-process-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react()],
  },
})
