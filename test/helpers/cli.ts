/**
 * Runs the real `pitwall` executable (bin/pitwall.js) as a child process. By default it runs the
 * TypeScript sources (`PITWALL_FROM_SOURCE=1`, through tsx), so tests need no build; pass
 * `{ built: true, packageDir }` to run a compiled copy exactly as users do (see
 * {@link buildPackageCopy}).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, symlinkSync } from 'node:fs'
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
  /** The package folder whose `bin/pitwall.js` runs (default the repository). */
  readonly packageDir?: string
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
  const bin =
    options.packageDir === undefined ? PITWALL_BIN : join(options.packageDir, 'bin', 'pitwall.js')
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: pitwallEnv(options),
    encoding: 'utf8',
    timeout: 120_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/**
 * A copy of the package as a fresh clone has it after `npm ci`: `bin/`, `src/`, `warehouse/`,
 * `web/`, `package.json` and the tsconfigs copied to `dir`, `node_modules` linked, and the `prepare`
 * script (what `npm ci` runs) run there. Building a copy keeps the test independent of edits to the working tree while it
 * runs (and of the shared `dist/`). Returns `dir`.
 */
export function buildPackageCopy(dir: string): string {
  mkdirSync(dir, { recursive: true })
  for (const entry of ['bin', 'src', 'warehouse', 'web', 'package.json', 'tsconfig.json'])
    cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true })
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const r = spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`npm run prepare failed:\n${r.stdout}${r.stderr}`)
  return dir
}
