/**
 * @module serve/static-files
 * Hosts the built dashboard (`web/dist/`) at `/`: files by path (never outside the folder), and
 * `index.html` for any other path that is not under `/api/`, so the dashboard's deep links
 * (`/sessions/9550`) load the app. Text files go out brotli- or gzip-compressed when the browser
 * accepts it (compressed once, {@link CompressedFiles}). Absent folder → a short page saying how
 * to build it.
 */
import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import { CompressedFiles, negotiateEncoding } from './compressed-files.js'
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

/** Types worth compressing (the rest — images, fonts — are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map', '.txt'])

/** Serves `root` for GET/HEAD requests outside `/api/`. */
export function staticFiles(root: string | undefined): MiddlewareHandler<ServeEnv> {
  const base = root === undefined ? undefined : resolve(root)
  const files = new CompressedFiles()
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
    const ext = extname(file)
    const compressible = COMPRESSIBLE.has(ext)
    const hashed = /[.-][0-9a-f]{8,}\./i.test(file)
    const { body, encoding } = await files.get(
      file,
      compressible,
      negotiateEncoding(c.req.header('Accept-Encoding')),
    )
    return c.body(body, 200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
      ...(encoding === undefined ? {} : { 'Content-Encoding': encoding }),
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
