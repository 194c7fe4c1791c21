/**
 * Long work is visible when output is not a terminal: `pitwall simulate` with stdout and stderr
 * piped prints progress lines on stderr while it works (here one per session, with the interval
 * set to 0 through PITWALL_PROGRESS_MS so that the test depends on counts, not on speed), then
 * a final line, and its result on stdout.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PITWALL_BIN, REPO_ROOT, pitwallEnv } from '../helpers/cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'pitwall-cli-progress-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** One chunk of output, in arrival order. */
interface Chunk {
  readonly stream: 'stdout' | 'stderr'
  readonly text: string
}

function runPiped(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; chunks: Chunk[] }> {
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
    child.on('close', (code) => resolve({ code: code ?? -1, chunks }))
  })
}

describe('progress on a pipe', () => {
  it('simulate prints a progress line per session while it works, then its result', async () => {
    const out = join(tmp, 'sim')
    const r = await runPiped(
      [
        'simulate',
        '--seasons',
        '2024',
        '--meetings',
        '2',
        '--sessions',
        'qualifying,race',
        '--telemetry-hz',
        '0.1',
        '--out',
        out,
      ],
      { PITWALL_PROGRESS_MS: '0' },
    )
    expect(r.code).toBe(0)
    const stderr = r.chunks
      .filter((c) => c.stream === 'stderr')
      .map((c) => c.text)
      .join('')
    const lines = stderr.split('\n').filter((l) => l.includes('progress: '))
    // Two meetings × (qualifying, race) = four sessions: a line as each one finishes (heartbeat
    // lines may come in between while a session takes long), then one final line.
    const counts = lines
      .map((l) => /progress: simulate (\d)\/4 sessions/.exec(l)?.[1])
      .filter((n) => n !== undefined && n !== '0')
    expect([...new Set(counts)]).toEqual(['1', '2', '3', '4'])
    expect(lines.at(-1)).toMatch(/progress: done: simulate 4\/4 sessions \(100%\) in \d+(m\d\d)?s$/)
    // The lines arrived before the result: they were printed while the work ran.
    const firstProgress = r.chunks.findIndex(
      (c) => c.stream === 'stderr' && c.text.includes('progress: simulate 1/4'),
    )
    const result = r.chunks.findIndex(
      (c) => c.stream === 'stdout' && c.text.includes('simulated 2 meeting(s)'),
    )
    expect(firstProgress).toBeGreaterThanOrEqual(0)
    expect(result).toBeGreaterThan(firstProgress)
  })
})
