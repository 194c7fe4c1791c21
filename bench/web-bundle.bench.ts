/**
 * The dashboard's weight (issue 14: the first page ≤ 400 KB compressed). Builds `web/` with
 * Vite (`npm run build:web`, timed), then adds up what the first page (`/`, the season picker)
 * downloads: index.html, its stylesheet, the entry script, the picker's chunk and every chunk
 * those import statically, each gzip- and brotli-compressed at the levels servers use, and what
 * `pitwall serve`'s static files actually send for them (bytes over the wire per encoding). The
 * heavy chunks loaded only by chart pages (ECharts, uPlot) are listed beside it. The ratio is
 * against the 400 KB goal.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { staticFiles } from '../src/serve/static-files.js'
import { time, type Benchmark, type Measurement } from './harness.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'web', 'dist')
const GOAL_KB = 400

function sizes(file: string): { raw: number; gzip: number; brotli: number } {
  const bytes = readFileSync(join(dist, file))
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 6 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
    }).length,
  }
}

/** `file` and every chunk it imports statically (`from"./x.js"`, `import"./x.js"`). */
function withStaticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const text = readFileSync(join(dist, file), 'utf8')
  for (const m of text.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g))
    withStaticImports(`assets/${m[1]}`, seen)
  return seen
}

const bench: Benchmark = {
  name: 'web-bundle: the dashboard build and its first page, compressed',
  async run() {
    const build = await time(() =>
      spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, encoding: 'utf8' }),
    )
    if (build.value.status !== 0) throw new Error(`build:web failed: ${build.value.stderr}`)
    const html = readFileSync(join(dist, 'index.html'), 'utf8')
    const entry = /src="\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1]
    const css = [...html.matchAll(/href="\/(assets\/[\w-]+\.css)"/g)].map((m) => m[1] as string)
    const assets = readdirSync(join(dist, 'assets'))
    const picker = assets.find((f) => f.startsWith('pickers-'))
    if (entry === undefined || picker === undefined) throw new Error('unexpected build output')
    const first = new Set(['index.html', ...css])
    for (const f of [...withStaticImports(entry), ...withStaticImports(`assets/${picker}`)])
      first.add(f)
    const total = { raw: 0, gzip: 0, brotli: 0 }
    for (const f of first) {
      const s = sizes(f)
      total.raw += s.raw
      total.gzip += s.gzip
      total.brotli += s.brotli
    }
    const kb = (n: number) => Math.round((n / 1024) * 10) / 10
    const measurements: Measurement[] = [
      {
        label: 'vite build of web/',
        seconds: build.seconds,
        extra: { files: assets.length },
      },
      {
        label: 'first page (/)',
        seconds: 0,
        extra: {
          files: first.size,
          raw_kb: kb(total.raw),
          gzip_kb: kb(total.gzip),
          brotli_kb: kb(total.brotli),
        },
      },
    ]
    // What the server sends for the same files, as a browser asks for them.
    const served = new Hono().use('*', staticFiles(dist))
    const wire = { gzip: 0, br: 0 }
    for (const encoding of ['gzip', 'br'] as const) {
      for (const f of first) {
        const res = await served.request(f === 'index.html' ? '/' : `/${f}`, {
          headers: { 'Accept-Encoding': encoding },
        })
        wire[encoding] += (await res.arrayBuffer()).byteLength
      }
    }
    measurements.push({
      label: 'first page (/) as pitwall serve sends it',
      seconds: 0,
      extra: { gzip_kb: kb(wire.gzip), brotli_kb: kb(wire.br) },
    })
    for (const f of assets.filter((a) => a.endsWith('.js')).sort()) {
      const s = sizes(`assets/${f}`)
      if (s.raw < 20_000) continue
      measurements.push({
        label: `lazy chunk ${f.replace(/-[\w]{8}\.js$/, '.js')}`,
        seconds: 0,
        extra: { raw_kb: kb(s.raw), gzip_kb: kb(s.gzip), brotli_kb: kb(s.brotli) },
      })
    }
    return {
      name: bench.name,
      measurements,
      ratios: [
        `first page gzip ${kb(total.gzip)} KB / goal ${GOAL_KB} KB = ${(kb(total.gzip) / GOAL_KB).toFixed(3)}×`,
      ],
    }
  },
}

export default bench
