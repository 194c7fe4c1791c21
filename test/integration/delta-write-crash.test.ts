import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import {
  cleanupExpiredLogs,
  createTable,
  classifyLogFile,
  loadSnapshot,
  normalizePath,
  vacuumTable,
} from '../../src/lake/index.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { tableFixture, type TableFixture } from './delta-write-helpers.js'

/**
 * The worker is bundled once (esbuild, which tsx ships) so that each of the 50 writer processes
 * starts in a fraction of `node --import tsx`'s time; writers are started ahead of time and wait
 * for a "go" line, so the kill loop never waits for a start-up.
 */
const BUNDLE = join(REPO_ROOT, 'node_modules', '.cache', 'pitwall-delta-write', 'worker.mjs')
const KILLS = 50

let fx: TableFixture
beforeAll(async () => {
  mkdirSync(join(REPO_ROOT, 'node_modules', '.cache', 'pitwall-delta-write'), { recursive: true })
  buildSync({
    entryPoints: [join(REPO_ROOT, 'test', 'integration', 'fixtures', 'delta-writer-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: BUNDLE,
    logLevel: 'error',
  })
  fx = await tableFixture()
})
afterAll(() => fx.close())

function startWriter(dir: string, n: number): ChildProcess {
  return spawn(process.execPath, [BUNDLE, 'append-forever', dir, `w${n}`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (d: Buffer): void => {
      out += d.toString()
      if (out.includes('ready\n')) {
        child.stdout?.off('data', onData)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`writer exited (${code}) before it was ready`)))
  })
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}

describe('delta writer killed at random points', () => {
  it(`always leaves a table that opens at a committed version (${KILLS} kills), and VACUUM removes the leftovers`, async () => {
    await createTable({
      ...fx,
      schema: {
        type: 'struct',
        fields: [
          { name: 'id', type: 'string', nullable: true, metadata: {} },
          { name: 'val', type: 'string', nullable: true, metadata: {} },
        ],
      },
      configuration: { 'delta.checkpointInterval': '5' },
    })
    const start = (n: number): { child: ChildProcess; ready: Promise<void> } => {
      const child = startWriter(fx.dir, n)
      return { child, ready: ready(child) }
    }
    const pool = [start(0), start(1), start(2)]
    let last = 0
    for (let k = 0; k < KILLS; k++) {
      const next = pool.shift() as { child: ChildProcess; ready: Promise<void> }
      pool.push(start(k + 3))
      await next.ready
      const child = next.child
      child.stdin?.write('go\n')
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 200)))
      child.kill('SIGKILL')
      await exited(child)
      const snap = await loadSnapshot(fx.store, { sql: fx.executor })
      expect(snap.version).toBeGreaterThanOrEqual(last)
      last = snap.version
      // Every committed version appended exactly one one-row file: nothing half-committed.
      expect(snap.files.size).toBe(snap.version)
    }
    for (const { child, ready: r } of pool) {
      child.kill('SIGKILL')
      await exited(child)
      await r.catch(() => undefined)
    }
    expect(last).toBeGreaterThan(0)
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    const live = new Set([...snap.files.values()].map((a) => normalizePath(a.path)))
    // Some kills landed between writing a data file and committing it: orphans exist.
    const before = (await fx.store.list('')).filter((o) => !o.path.startsWith('_delta_log/'))
    expect(before.filter((o) => !live.has(o.path)).length).toBeGreaterThan(0)
    await vacuumTable({ ...fx, retentionHours: 0, enforceRetention: false })
    const dataFiles = (await fx.store.list('')).filter((o) => !o.path.startsWith('_delta_log/'))
    expect(dataFiles.map((o) => o.path).sort()).toEqual([...live].sort())
    // In the log only commits, checkpoints, the hint, and temp files of killed writers remain;
    // log cleanup removes those temp files once they are stale.
    const logLeft = (await fx.store.list('_delta_log')).filter(
      (o) => classifyLogFile(o) === undefined && o.path !== '_delta_log/_last_checkpoint',
    )
    for (const o of logLeft) expect(o.path).toMatch(/\.tmp$/)
    await cleanupExpiredLogs(fx.store, { configuration: {}, now: Date.now() + 2 * 3_600_000 })
    const after = readdirSync(join(fx.dir, '_delta_log')).filter((n) => n.endsWith('.tmp'))
    expect(after).toEqual([])
    // VACUUM logged VACUUM START and VACUUM END as two commits.
    expect((await loadSnapshot(fx.store, { sql: fx.executor })).version).toBe(last + 2)
  }, 120_000)
})
