/**
 * Writers racing for one version of a Delta table on S3 (s3rver on loopback behind the
 * conditional-write proxy of `s3-server.ts`): the loser of a put-if-absent of `_delta_log/N.json`
 * gets 412 from the server, re-reads the log and commits N+1 — no commit lost, none shared, no row
 * duplicated. The same checks as the local `delta-write-concurrency.test.ts`, fewer operations.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../src/engine/index.js'
import {
  createTable,
  LogStore,
  loadSnapshot,
  objectStoreFor,
  scanSql,
  writeTable,
} from '../../src/lake/index.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { startS3Server, type S3TestServer } from './s3-server.js'

const WORKER = join(REPO_ROOT, 'test', 'integration', 'fixtures', 'delta-writer-worker.ts')

let s3: S3TestServer
let engine: DuckDbEngine
const caches: string[] = []

beforeAll(async () => {
  s3 = await startS3Server()
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
  await s3.close()
  for (const c of caches) rmSync(c, { recursive: true, force: true })
})

/** An S3 store of `location` with its own cache folder (another machine's view of the bucket). */
function storeOf(location: string) {
  const cache = mkdtempSync(join(tmpdir(), 'pitwall-s3-race-'))
  caches.push(cache)
  return objectStoreFor(location, { ...s3.env, PITWALL_S3_CACHE: cache })
}

function runWorker(args: readonly string[], cache: string) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...s3.env, PITWALL_S3_CACHE: cache },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

describe('Delta on S3: writers racing for one version', () => {
  it('two appends racing to create the table both land: the loser appends to the winner', async () => {
    const location = `s3://${s3.bucket}/race/create`
    const other = await DuckDbEngine.create()
    try {
      const results = await Promise.all([
        writeTable({ store: storeOf(location), executor: engine, sql: `SELECT 1 AS id` }),
        writeTable({ store: storeOf(location), executor: other, sql: `SELECT 2 AS id` }),
      ])
      expect(results.map((r) => r.version).sort()).toEqual([0, 1])
      const snap = await loadSnapshot(storeOf(location), { sql: engine })
      const rows = await engine.all(
        `SELECT id FROM (${await scanSql(snap, { sql: engine })}) ORDER BY id`,
      )
      expect(rows.map((r) => Number(r['id']))).toEqual([1, 2])
    } finally {
      await other.close()
    }
  })

  it('two processes appending and merging 20 times each lose no commit and duplicate no row', async () => {
    const location = `s3://${s3.bucket}/race/mixed`
    await createTable({
      store: storeOf(location),
      executor: engine,
      schema: {
        type: 'struct',
        fields: [
          { name: 'id', type: 'string', nullable: true, metadata: {} },
          { name: 'val', type: 'string', nullable: true, metadata: {} },
        ],
      },
    })
    const refusedBefore = s3.refused()
    const cacheA = mkdtempSync(join(tmpdir(), 'pitwall-s3-race-'))
    const cacheB = mkdtempSync(join(tmpdir(), 'pitwall-s3-race-'))
    caches.push(cacheA, cacheB)
    const results = await Promise.all([
      runWorker(['mixed', location, 'A', '20'], cacheA),
      runWorker(['mixed', location, 'B', '20'], cacheB),
    ])
    for (const r of results) expect(r.code, r.err).toBe(0)
    const done = results.flatMap((r) =>
      r.out
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as {
              op: string
              id: string
              val?: string
              version: number
              retries: number
            },
        ),
    )
    expect(done.length).toBe(40)
    expect(done.map((d) => d.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    )
    const store = storeOf(location)
    const snap = await loadSnapshot(store, { sql: engine })
    expect(snap.version).toBe(40)
    const rows = await engine.all(
      `SELECT id, val FROM (${await scanSql(snap, { sql: engine })}) ORDER BY id`,
    )
    const ids = rows.map((r) => String(r['id']))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((i) => i.startsWith('a-')).length).toBe(20)
    for (let k = 0; k < 10; k++) {
      const last = done
        .filter((d) => d.op === 'merge' && d.id === `m-${k}`)
        .sort((a, b) => b.version - a.version)[0]
      expect(rows.find((r) => r['id'] === `m-${k}`)?.['val']).toBe(last?.val)
    }
    // The race was really run: some commit was refused by the server (412) or rebased/re-planned.
    const log = new LogStore(store)
    let rebased = 0
    for (let v = 1; v <= 40; v++) {
      const info = (await log.readCommit(v)).find((a) => 'commitInfo' in a)
      const read = (info as { commitInfo?: { readVersion?: number } } | undefined)?.commitInfo
      if (read?.readVersion !== v - 1) rebased++
    }
    expect(
      s3.refused() - refusedBefore + rebased + done.filter((d) => d.retries > 0).length,
    ).toBeGreaterThan(0)
  }, 120_000)
})
