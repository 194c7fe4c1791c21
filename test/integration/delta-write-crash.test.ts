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
  writeTable,
} from '../../src/lake/index.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { crashingTarget, type CrashPoint } from './fixtures/crash-points.js'
import { tableFixture, type TableFixture } from './delta-write-helpers.js'

/**
 * Crash points are chosen by counting the writer's storage and SQL calls (`crash-points.ts`),
 * never by the clock: the test covers the same points and does the same bounded work however
 * busy the machine is.
 *
 * - In this process, a writer is frozen before its n-th call, for every n of a sweep: nothing of
 *   the operation after that point runs, which is all the table sees of a crash.
 * - A few real writer processes SIGKILL themselves *during* their n-th call (mid-COPY, between
 *   the temp commit file and its link, mid-checkpoint). The worker is bundled once (esbuild,
 *   which tsx ships) so that it starts in a fraction of `node --import tsx`'s time.
 */
const BUNDLE = join(REPO_ROOT, 'node_modules', '.cache', 'pitwall-delta-write', 'worker.mjs')
/**
 * Frozen before: every one of the first 40 calls (a one-row append is 5–11 calls, a checkpoint
 * every 5 versions ~15 more), and the first call of a kind — a checkpoint written but not yet
 * renamed, its `_last_checkpoint`, a commit, the check of the writer's cached snapshot.
 */
const FROZEN: readonly CrashPoint[] = [
  ...Array.from({ length: 40 }, (_, i) => i + 1),
  'flush _delta_log/.',
  'put _delta_log/_last_checkpoint',
  'putIfAbsent _delta_log/',
  'head _delta_log/',
]
/** Killed inside: the data file's COPY, the commit's put-if-absent, a checkpoint's COPY. */
const KILLED: readonly CrashPoint[] = ['all COPY (SELECT', 'putIfAbsent _delta_log/', 'read_json(']

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

/** Runs a killable writer process to its end; resolves with the signal that ended it, if any. */
function runWriter(dir: string, name: string, point: CrashPoint): Promise<string | null> {
  const child: ChildProcess = spawn(
    process.execPath,
    [BUNDLE, 'crash-at', dir, name, String(point)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let out = ''
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
    if (out.startsWith('ready\n') && !out.includes('go-sent')) {
      out += 'go-sent'
      child.stdin?.write('go\n')
    }
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      // A writer that failed on its own (not by its crash) is a bug: show why.
      if (signal === null && code !== 0) reject(new Error(`writer failed (${code}): ${stderr}`))
      else resolve(signal)
    })
  })
}

describe('delta writer crashing at chosen points of its work', () => {
  it(`always leaves a table that opens at a committed version (${FROZEN.length + KILLED.length} crashes), and VACUUM removes the leftovers`, async () => {
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
    let last = 0
    const check = async (): Promise<void> => {
      const snap = await loadSnapshot(fx.store, { sql: fx.executor })
      expect(snap.version).toBeGreaterThanOrEqual(last)
      last = snap.version
      // Every committed version appended exactly one one-row file: nothing half-committed.
      expect(snap.files.size).toBe(snap.version)
    }
    for (const [i, point] of FROZEN.entries()) {
      const crash = crashingTarget(fx.store, fx.executor, point, 'freeze')
      let crashed = false
      const appends = (async () => {
        for (let j = 0; j < 8; j++) {
          await writeTable({ ...crash, sql: `SELECT 'f${i}-${j}' AS id, 'x' AS val` })
        }
      })()
      // The frozen append never settles; the crash is what ends this writer.
      await Promise.race([crash.crashed.then(() => (crashed = true)), appends])
      expect(crashed, `crash point ${point} reached`).toBe(true)
      await check()
    }
    for (const [i, point] of KILLED.entries()) {
      expect(await runWriter(fx.dir, `k${i}`, point), `killed in ${point}`).toBe('SIGKILL')
      await check()
    }
    expect(last).toBeGreaterThan(0)
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    const live = new Set([...snap.files.values()].map((a) => normalizePath(a.path)))
    // Some crashes landed between writing a data file and committing it: orphans exist.
    const before = (await fx.store.list('')).filter((o) => !o.path.startsWith('_delta_log/'))
    expect(before.filter((o) => !live.has(o.path)).length).toBeGreaterThan(0)
    await vacuumTable({ ...fx, retentionHours: 0, enforceRetention: false })
    const dataFiles = (await fx.store.list('')).filter((o) => !o.path.startsWith('_delta_log/'))
    expect(dataFiles.map((o) => o.path).sort()).toEqual([...live].sort())
    // In the log only commits, checkpoints, the hint, and temp files of crashed writers remain
    // (some crashes left one); log cleanup removes those temp files once they are stale.
    const logLeft = (await fx.store.list('_delta_log')).filter(
      (o) => classifyLogFile(o) === undefined && o.path !== '_delta_log/_last_checkpoint',
    )
    expect(logLeft.length).toBeGreaterThan(0)
    for (const o of logLeft) expect(o.path).toMatch(/\.tmp$/)
    await cleanupExpiredLogs(fx.store, { configuration: {}, now: Date.now() + 2 * 3_600_000 })
    const after = readdirSync(join(fx.dir, '_delta_log')).filter((n) => n.endsWith('.tmp'))
    expect(after).toEqual([])
    // VACUUM logged VACUUM START and VACUUM END as two commits.
    expect((await loadSnapshot(fx.store, { sql: fx.executor })).version).toBe(last + 2)
  }, 120_000)
})
