/**
 * @module web/vite.config
 * Builds the dashboard into `web/dist/` (static files `pitwall serve` hosts at `/`). The first
 * page loads the shell (router, API client, pickers); each heavy page (charts, track map, SQL)
 * is its own chunk, loaded when visited. `npm run build:web` (and `npm ci`, through `prepare`).
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
  },
})
