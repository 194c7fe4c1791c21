/**
 * @module cli/actions/docs-serve
 * `pitwall docs serve`: serves `<home>/target` (the site `docs generate` wrote) on 127.0.0.1
 * until stopped.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { UsageError } from '../../core/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { listenOrExplain, untilStopped } from '../wiring/server-lifetime.js'
import { targetDir } from '../wiring/transform-project.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
}

/** Runs `pitwall docs serve`. */
export async function run(ctx: CliContext, { opts }: ActionInput<{ port: string }>): Promise<void> {
  const port = Number(opts.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535 (got '${opts.port}')`)
  const dir = await targetDir(ctx)
  if (!existsSync(join(dir, 'index.html'))) {
    throw new UsageError(`no docs site in ${dir}`, {
      hint: 'Run `pitwall docs generate` first.',
    })
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const rel = normalize(
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).slice(1),
    )
    if (rel.startsWith('..') || rel.includes('\0')) {
      res.writeHead(400).end('bad path')
      return
    }
    readFile(join(dir, rel)).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end('not found'),
    )
  })
  const actual = await listenOrExplain(server, port)
  ctx.emit(
    { url: `http://127.0.0.1:${actual}/` },
    `Serving docs at http://127.0.0.1:${actual}/ (Ctrl-C to stop)`,
  )
  const reason = await untilStopped()
  ctx.logger.debug(`docs serve stopping (${reason})`)
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
