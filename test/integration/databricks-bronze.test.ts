/**
 * Bronze on Databricks: landing files → a Unity Catalog volume (Files API) → COPY INTO. The SQL
 * warehouse is the recording driver fake; the Files API is a loopback HTTP server with its
 * documented semantics (PUT with overwrite=false: 201 once, 409 after; OAuth M2M tokens from
 * /oidc/v1/token), since no Databricks is reachable. A second load uploads nothing new and emits
 * the same COPY INTO, which Databricks answers with 0 rows (it skips loaded files).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DatabricksEngine, loadBronzeOnDatabricks } from '../../src/engine/index.js'
import { fakeDriver } from './databricks-fake-driver.js'

const stored = new Map<string, Buffer>()
const auth: string[] = []
let server: http.Server
let base = ''

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      auth.push(String(req.headers.authorization))
      const url = new URL(req.url ?? '/', 'http://x')
      if (req.method === 'POST' && url.pathname === '/oidc/v1/token') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ access_token: 'oauth-token', expires_in: 3600 }))
        return
      }
      const path = decodeURIComponent(url.pathname.replace('/api/2.0/fs/files', ''))
      if (req.method !== 'PUT' || url.searchParams.get('overwrite') !== 'false') {
        res.writeHead(400)
        res.end()
        return
      }
      if (stored.has(path)) {
        res.writeHead(409)
        res.end('{"error_code":"ALREADY_EXISTS"}')
        return
      }
      stored.set(path, Buffer.concat(chunks))
      res.writeHead(201)
      res.end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const landing = [
  {
    endpoint: 'laps',
    name: 'laps_9158_20240302_120000.json',
    data: Buffer.from('[{"lap_number":1}]'),
  },
  {
    endpoint: 'laps',
    name: 'laps_9159_20240302_130000.json',
    data: Buffer.from('[{"lap_number":2}]'),
  },
  { endpoint: 'sessions', name: 'sessions_9158_20240302_120000.json', data: Buffer.from('[]') },
]

describe('bronze on Databricks', () => {
  it('uploads each landing file once and loads each endpoint with COPY INTO, never forced', async () => {
    const driver = fakeDriver()
    const engine = await DatabricksEngine.open({ client: driver, catalog: 'f1_prod' })
    const files = { connection: { host: 'h', httpPath: '/p', token: 'pat' }, baseUrl: base }
    const first = await loadBronzeOnDatabricks({ engine, files, catalog: 'f1_prod' }, landing)
    const second = await loadBronzeOnDatabricks({ engine, files, catalog: 'f1_prod' }, landing)
    await engine.close()
    expect(first.map((r) => [r.table, r.uploads.map((u) => u.status)])).toEqual([
      ['bronze_laps', ['uploaded', 'uploaded']],
      ['bronze_sessions', ['uploaded']],
    ])
    expect(second.flatMap((r) => r.uploads.map((u) => u.status))).toEqual([
      'already-there',
      'already-there',
      'already-there',
    ])
    expect([...stored.keys()].sort()).toEqual([
      '/Volumes/f1_prod/bronze_raw/landing/laps/laps_9158_20240302_120000.json',
      '/Volumes/f1_prod/bronze_raw/landing/laps/laps_9159_20240302_130000.json',
      '/Volumes/f1_prod/bronze_raw/landing/sessions/sessions_9158_20240302_120000.json',
    ])
    expect(auth.every((a) => a === 'Bearer pat')).toBe(true)
    const s = driver.statements
    expect(s).toContain('CREATE VOLUME IF NOT EXISTS `f1_prod`.`bronze_raw`.`landing`')
    const create = s.find((x) =>
      x.startsWith('CREATE TABLE IF NOT EXISTS `f1_prod`.`bronze_raw`.`bronze_laps`'),
    )
    expect(create).toContain('`lap_duration` DOUBLE')
    expect(create).toContain('`segments_sector_1` ARRAY<BIGINT>')
    expect(create).toContain('PARTITIONED BY (`batch_day`)')
    const copies = s.filter((x) => x.startsWith('COPY INTO'))
    expect(copies).toHaveLength(4)
    expect(copies[0]).toContain("FROM '/Volumes/f1_prod/bronze_raw/landing/laps/'")
    expect(copies.every((c) => !c.includes('force'))).toBe(true)
  })

  it('uses an OAuth M2M token for the Files API when no PAT is set', async () => {
    auth.length = 0
    const driver = fakeDriver()
    const engine = await DatabricksEngine.open({ client: driver, catalog: 'f1_dev' })
    const files = {
      connection: { host: 'h', httpPath: '/p', oauthClientId: 'sp', oauthClientSecret: 'secret' },
      baseUrl: base,
    }
    await loadBronzeOnDatabricks({ engine, files, catalog: 'f1_dev' }, [landing[2]!])
    await engine.close()
    expect(auth[0]).toBe(`Basic ${Buffer.from('sp:secret').toString('base64')}`)
    expect(auth[1]).toBe('Bearer oauth-token')
  })
})
