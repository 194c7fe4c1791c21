/**
 * Runs the real `pitwall` executable (bin/pitwall.js) as a child process. By default it runs the
 * TypeScript sources (`PITWALL_FROM_SOURCE=1`, through tsx), so tests need no build; pass
 * `{ built: true }` to run the compiled `dist/` exactly as users do (build it first with
 * {@link buildDist}).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The command users run. */
export const PITWALL_BIN = join(REPO_ROOT, 'bin', 'pitwall.js')

/** The result of one run. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Options of {@link runPitwall}. */
export interface RunPitwallOptions {
  readonly cwd?: string
  readonly env?: Record<string, string>
  /** Run the compiled dist/ instead of the sources. */
  readonly built?: boolean
  /** Text for the child's stdin. */
  readonly input?: string
}

/** The environment a child `pitwall` runs with. */
export function pitwallEnv(options: RunPitwallOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env }
  if (options.built === true) delete env['PITWALL_FROM_SOURCE']
  else env['PITWALL_FROM_SOURCE'] = '1'
  return env
}

/** Runs `pitwall <args>` and waits for it. */
export function runPitwall(args: readonly string[], options: RunPitwallOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [PITWALL_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: pitwallEnv(options),
    encoding: 'utf8',
    timeout: 120_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Builds dist/ as `npm ci` does (`npm run build`). */
export function buildDist(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' })
}
