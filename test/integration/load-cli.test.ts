/**
 * `pitwall load` as a script runs it (issue 18): progress lines on a pipe while it works (bound by
 * work — one tick per table — with the interval set to 0 through PITWALL_PROGRESS_MS, never by
 * time), a typo in `--endpoints` is a usage error naming the valid endpoints (exit 2, as
 * `extract`), and an empty or missing home says there is nothing to load and how to fix it.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PITWALL_BIN, REPO_ROOT, pitwallEnv } from '../helpers/cli.js'
import { withTmpDir } from '../helpers/tmp.js'
import { runInProcess, writeLanding } from './load-support.js'

/** One chunk of output, in arrival order. */
interface Chunk {
  readonly stream: 'stdout' | 'stderr'
  readonly text: string
}

function runPiped(args: readonly string[], env: Record<string, string>): Promise<Chunk[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PITWALL_BIN, ...args], {
      cwd: REPO_ROOT,
      env: pitwallEnv({ env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const chunks: Chunk[] = []
    child.stdout.on('data', (d: Buffer) => chunks.push({ stream: 'stdout', text: d.toString() }))
    child.stderr.on('data', (d: Buffer) => chunks.push({ stream: 'stderr', text: d.toString() }))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(chunks) : reject(new Error(`exit ${code}: ${JSON.stringify(chunks)}`)),
    )
  })
}

const ENDPOINTS = ['drivers', 'laps', 'pit', 'stints', 'weather']

describe('pitwall load on a pipe and with bad input', () => {
  it('runs `load` with stdout piped and sees progress lines while it works', () =>
    withTmpDir(async (home) => {
      // Five tables of two files each: the load reports after each table's commit.
      for (const e of ENDPOINTS) {
        for (const key of [9550, 9551]) {
          writeLanding(home, e, key, '20240630_150000', `[{"session_key": ${key}, "n": 1}]`)
        }
      }
      const chunks = await runPiped(['--home', home, 'load'], { PITWALL_PROGRESS_MS: '0' })
      const lines = chunks
        .filter((c) => c.stream === 'stderr')
        .map((c) => c.text)
        .join('')
        .split('\n')
        .filter((l) => l.includes('progress: '))
      const counts = lines
        .map((l) => /progress: load (\d+)\/10 files/.exec(l)?.[1])
        .filter((n) => n !== undefined && n !== '0')
      expect([...new Set(counts)]).toEqual(['2', '4', '6', '8', '10'])
      expect(lines.at(-1)).toMatch(/progress: done: load 10\/10 files \(100%\)/)
      // The lines came before the report: they were printed while the load ran.
      const firstProgress = chunks.findIndex(
        (c) => c.stream === 'stderr' && /progress: load 2\/10/.test(c.text),
      )
      const report = chunks.findIndex((c) => c.stream === 'stdout' && c.text.includes('10 file(s)'))
      expect(firstProgress).toBeGreaterThanOrEqual(0)
      expect(report).toBeGreaterThan(firstProgress)
    }))

  it('refuses an unknown endpoint with exit 2, naming the valid ones and the closest', () =>
    withTmpDir(async (home) => {
      writeLanding(home, 'laps', 9550, '20240630_150000', '[{"lap_number": 1}]')
      const r = await runInProcess(['--home', home, 'load', '--endpoints', 'laps,lapz'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/--endpoints: unknown endpoint\(s\) lapz \(did you mean laps\?\)/)
      expect(r.stderr).toMatch(/choose from .*car_data.*laps.*weather or 'all'/)
    }))

  it('says there is nothing to load and hints `pitwall extract`: exit 0 on an empty home, 2 on a missing one', () =>
    withTmpDir(async (home) => {
      mkdirSync(join(home, 'landing'), { recursive: true })
      const empty = await runInProcess(['--home', home, 'load'])
      expect(empty.code).toBe(0)
      expect(empty.stderr).toMatch(
        /nothing to load: no landing files in .*landing.*pitwall extract/,
      )

      const missing = await runInProcess(['--home', join(home, 'no-such-home'), 'load'])
      expect(missing.code).toBe(2)
      expect(missing.stderr).toMatch(
        /nothing to load: the lakehouse home .*no-such-home does not exist/,
      )
      expect(missing.stderr).toMatch(/hint: Run `pitwall extract` first/)
    }))
})
