import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTable, LocalObjectStore, loadSnapshot, writeTable } from '../../src/lake/index.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

const WORKER = join(REPO_ROOT, 'test', 'integration', 'fixtures', 'delta-writer-worker.ts')

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

interface Done {
  readonly op: 'append' | 'merge'
  readonly id: string
  readonly val?: string
  readonly version: number
  readonly retries: number
}

function runWorker(
  args: readonly string[],
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: REPO_ROOT })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

describe('delta writer under concurrency', () => {
  it('two appends racing to create the same table both land: the loser appends to the winner', async () => {
    fx = await tableFixture()
    const other = await DuckDbEngine.create()
    try {
      const results = await Promise.all([
        writeTable({ store: fx.store, executor: fx.executor, sql: `SELECT 1 AS id` }),
        writeTable({ store: new LocalObjectStore(fx.dir), executor: other, sql: `SELECT 2 AS id` }),
      ])
      expect(results.map((r) => r.version).sort()).toEqual([0, 1])
      expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([1, 2])
    } finally {
      await other.close()
    }
  })

  it('two processes appending and merging 100 times each lose no commit and duplicate no row', async () => {
    fx = await tableFixture()
    await createTable({
      ...fx,
      schema: {
        type: 'struct',
        fields: [
          { name: 'id', type: 'string', nullable: true, metadata: {} },
          { name: 'val', type: 'string', nullable: true, metadata: {} },
        ],
      },
    })
    const results = await Promise.all([
      runWorker(['mixed', fx.dir, 'A', '100']),
      runWorker(['mixed', fx.dir, 'B', '100']),
    ])
    for (const r of results) expect(r.code, r.err).toBe(0)
    const done = results.flatMap((r) =>
      r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Done),
    )
    expect(done.length).toBe(200)
    // Every operation got its own version: 1..200 after the create, none lost, none shared.
    const versions = done.map((d) => d.version).sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(snap.version).toBe(200)
    const rows = plain(await readBack(fx, 'id'))
    const ids = rows.map((r) => String(r['id']))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((i) => i.startsWith('a-')).length).toBe(100)
    expect(ids.filter((i) => i.startsWith('m-')).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `m-${i}`),
    )
    // Each merged key holds the value of its last committed merge.
    for (let k = 0; k < 10; k++) {
      const last = done
        .filter((d) => d.op === 'merge' && d.id === `m-${k}`)
        .sort((a, b) => b.version - a.version)[0]
      expect(rows.find((r) => r['id'] === `m-${k}`)?.['val']).toBe(last?.val)
    }
    // The race was really exercised: some commits landed after a version they had not read (rebased
    // after losing the put-if-absent race) or were re-planned after a real conflict.
    let rebased = 0
    for (let v = 1; v <= 200; v++) {
      const first =
        readFileSync(
          join(fx.dir, '_delta_log', `${String(v).padStart(20, '0')}.json`),
          'utf8',
        ).split('\n')[0] ?? '{}'
      const info = (JSON.parse(first) as { commitInfo: { readVersion: number } }).commitInfo
      if (info.readVersion !== v - 1) rebased++
    }
    expect(rebased + done.filter((d) => d.retries > 0).length).toBeGreaterThan(0)
  }, 120_000)
})
