/**
 * The dashboard's files as `pitwall serve` sends them (issue 14: the first page ≤ 400 KB
 * compressed): the built `web/dist/` (made by `npm ci`), brotli or gzip as the browser accepts,
 * the same bytes once decompressed, and the first page's compressed weight no more than what the
 * `web-bundle` benchmark reports (gzip level 6 of the same files).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { staticFiles } from '../../src/serve/static-files.js'
import { REPO_ROOT } from '../helpers/cli.js'

const dist = join(REPO_ROOT, 'web', 'dist')
const app = new Hono().use('*', staticFiles(dist))

function get(path: string, acceptEncoding?: string): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
    }),
  )
}

/** What the first page (`/`) loads: index.html, its CSS, the entry, the picker's chunk, imports. */
function firstPageFiles(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const entry = /src="\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1]
  // As the benchmark finds it: the route table imports it lazily.
  const picker = readdirSync(join(dist, 'assets')).find((f) => /^pickers-[\w-]+\.js$/.test(f))
  expect(entry).toBeDefined()
  expect(picker).toBeDefined()
  const files = new Set(['index.html'])
  for (const m of html.matchAll(/href="\/(assets\/[\w-]+\.css)"/g)) files.add(m[1] as string)
  const visit = (file: string): void => {
    if (files.has(file)) return
    files.add(file)
    const text = readFileSync(join(dist, file), 'utf8')
    for (const m of text.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g))
      visit(`assets/${m[1]}`)
  }
  visit(entry as string)
  visit(`assets/${picker as string}`)
  return [...files]
}

describe('the dashboard, compressed', () => {
  it('is built (npm ci runs npm run build:web)', () => {
    expect(existsSync(join(dist, 'index.html'))).toBe(true)
  })

  it('sends the first page gzip-compressed, as small as the web-bundle benchmark says', async () => {
    const files = firstPageFiles()
    expect(files.length).toBeGreaterThanOrEqual(4)
    let served = 0
    let benchGzip6 = 0
    for (const file of files) {
      const raw = readFileSync(join(dist, file))
      const res = await get(`/${file === 'index.html' ? '' : file}`, 'gzip, deflate')
      expect(res.status, file).toBe(200)
      expect(res.headers.get('content-encoding'), file).toBe('gzip')
      expect(res.headers.get('vary'), file).toBe('Accept-Encoding')
      const body = Buffer.from(await res.arrayBuffer())
      expect(gunzipSync(body).equals(raw), file).toBe(true)
      served += body.length
      benchGzip6 += gzipSync(raw, { level: 6 }).length
    }
    // Served at gzip's best level: never heavier than the benchmark's level 6 (1 % for headers).
    expect(served).toBeLessThanOrEqual(benchGzip6 * 1.01)
    expect(served).toBeLessThan(400 * 1024)
  })

  it('prefers brotli, honours q=0, and sends small or binary files as they are', async () => {
    const html = readFileSync(join(dist, 'index.html'))
    const br = await get('/', 'gzip, deflate, br')
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).equals(html)).toBe(true)

    const plain = await get('/')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(Buffer.from(await plain.arrayBuffer()).equals(html)).toBe(true)

    const refused = await get('/', 'br;q=0, gzip;q=0')
    expect(refused.headers.get('content-encoding')).toBeNull()

    // A deep link answers with the app's shell, compressed like the page itself.
    const deep = await get('/sessions/9550/strategy', 'gzip')
    expect(deep.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await deep.arrayBuffer())).equals(html)).toBe(true)

    // The icon is smaller than a compression is worth.
    const icon = await get('/favicon.svg', 'gzip')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-encoding')).toBeNull()
    expect(
      Buffer.from(await icon.arrayBuffer()).equals(readFileSync(join(dist, 'favicon.svg'))),
    ).toBe(true)
  })
})
