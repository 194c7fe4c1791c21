/**
 * Helpers of the pipeline tests: `pitwall` as an asynchronous child process (so an in-process
 * replay server keeps answering while it runs), and the Delta version of every table of a home.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { PITWALL_BIN, REPO_ROOT, pitwallEnv, type CliRun } from '../helpers/cli.js'

/** Starts `pitwall <args>`; `done` resolves when it exits. */
export function startPitwall(
  args: readonly string[],
  env: Record<string, string> = {},
): {
  child: ChildProcess
  done: Promise<CliRun>
  output: () => { stdout: string; stderr: string }
} {
  const child = spawn(process.execPath, [PITWALL_BIN, ...args], {
    cwd: REPO_ROOT,
    env: pitwallEnv({ env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr }),
    )
  })
  return { child, done, output: () => ({ stdout, stderr }) }
}

/** Runs `pitwall <args>` to the end. */
export function pitwall(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return startPitwall(args, env).done
}

/** Latest Delta version of every table under `home` (`catalog/schema/table` → version). */
export function deltaVersions(home: string): Record<string, number> {
  const out: Record<string, number> = {}
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || !existsSync(dir)) return
    const log = join(dir, '_delta_log')
    if (existsSync(log)) {
      const versions = readdirSync(log)
        .filter((f) => /^\d{20}\.json$/.test(f))
        .map((f) => Number(f.slice(0, 20)))
      out[dir.slice(home.length + 1)] = Math.max(-1, ...versions)
      return
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.'))
        walk(join(dir, e.name), depth + 1)
    }
  }
  walk(home, 0)
  return out
}

/** Waits until `check()` is true, polling (bounded by `tries`, not by a clock the test asserts). */
export async function waitFor(check: () => boolean, tries = 2400, everyMs = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error('condition not reached')
}
