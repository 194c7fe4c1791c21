/**
 * @module serve/static-files
 * Hosts the built dashboard (`web/dist/`) at `/`: files by path (never outside the folder), and
 * `index.html` for any other path that is not under `/api/`, so the dashboard's deep links
 * (`/sessions/9550`) load the app. Absent folder → a short page saying how to build it.
 */
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import type { ServeEnv } from './serve-options.js'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

/** Serves `root` for GET/HEAD requests outside `/api/`. */
export function staticFiles(root: string | undefined): MiddlewareHandler<ServeEnv> {
  const base = root === undefined ? undefined : resolve(root)
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.req.path.startsWith('/api/')) {
      return next()
    }
    if (base === undefined || !existsSync(join(base, 'index.html'))) {
      if (c.req.path !== '/') return next()
      return c.html(
        '<!doctype html><title>pitwall</title><p>The dashboard is not built. Run <code>npm run build</code> (or <code>npm ci</code>), then reload. The API is at <a href="/api/docs">/api/docs</a>.</p>',
      )
    }
    let path: string
    try {
      path = resolve(base, `.${decodeURIComponent(c.req.path)}`)
    } catch {
      return next()
    }
    if (path !== base && !path.startsWith(base + sep)) return next()
    const file = (await isFile(path)) ? path : join(base, 'index.html')
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    const hashed = /[.-][0-9a-f]{8,}\./i.test(file)
    return c.body(new Uint8Array(await readFile(file)), 200, {
      'Content-Type': type,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
