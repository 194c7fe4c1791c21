/**
 * @module cli/commands/docs
 * `pitwall docs generate` writes `catalog.json`, `manifest.json` and a static site
 * (`index.html`: every model, column, description and test, and the lineage graph) to
 * `<home>/target/`; `pitwall docs serve` serves that folder on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import type { Command } from 'commander'
import { UsageError } from '../../core/index.js'
import { buildCatalog, buildDocsSite, buildManifest, statusesOf } from '../../transform/index.js'
import type { CliContext } from '../context.js'
import { loadProject, readArtifact, targetDir, writeArtifact } from './transform-project.js'
import { openRuntime } from './transform-runtime.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
}

/** Registers `pitwall docs generate|serve`. */
export function registerDocs(program: Command, context: () => CliContext): void {
  const docs = program.command('docs').description('documentation site with lineage (as dbt docs)')
  docs
    .command('generate')
    .description('catalog.json + manifest.json + static docs site with lineage in <home>/target')
    .option('--vars <yaml>', "variables, e.g. '{season: 2024}'")
    .action(async (opts: { vars?: string }) => {
      const ctx = context()
      const project = await loadProject(ctx, {
        ...(opts.vars === undefined ? {} : { vars: opts.vars }),
      })
      const meta = { invocationId: randomUUID(), generatedAt: new Date().toISOString() }
      const runtime = await openRuntime(ctx, project)
      try {
        const catalog = await buildCatalog(project, runtime.warehouse, meta)
        await writeArtifact(ctx, 'catalog.json', catalog)
        await writeArtifact(ctx, 'manifest.json', buildManifest(project, meta))
        const last = await readArtifact(ctx, 'run_results.json')
        const site = buildDocsSite(project, catalog, last === undefined ? {} : statusesOf(last))
        for (const [name, content] of Object.entries(site))
          await writeFile(join(targetDir(ctx), name), content)
        const path = join(targetDir(ctx), 'index.html')
        ctx.emit(
          {
            site: path,
            catalog: join(targetDir(ctx), 'catalog.json'),
            relations: Object.keys(catalog.nodes).length + Object.keys(catalog.sources).length,
            errors: catalog.errors,
          },
          `Catalog written with ${Object.keys(catalog.nodes).length} node(s) and ${Object.keys(catalog.sources).length} source(s).\nDocs site: ${path}\nServe it with: pitwall docs serve`,
        )
      } finally {
        await runtime.close()
      }
    })
  docs
    .command('serve')
    .description('serve the docs site of <home>/target on 127.0.0.1')
    .option('--port <n>', 'port (0 = any free port)', '8580')
    .action(async (opts: { port: string }) => {
      const ctx = context()
      const port = Number(opts.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0–65535 (got '${opts.port}')`)
      const dir = targetDir(ctx)
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
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
      const address = server.address()
      const actual = typeof address === 'object' && address !== null ? address.port : port
      ctx.emit(
        { url: `http://127.0.0.1:${actual}/` },
        `Serving docs at http://127.0.0.1:${actual}/ (Ctrl-C to stop)`,
      )
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => server.close(() => resolve()))
        process.once('SIGTERM', () => server.close(() => resolve()))
      })
    })
}
