/**
 * @module cli/wiring/load-config
 * Where the project and `profiles.yml` are, found as dbt finds them, and reading both files for
 * the pure resolver.
 *
 * - Project: `--project-dir`, `PITWALL_PROJECT_DIR`, `DBT_PROJECT_DIR`, else the nearest folder
 *   holding `dbt_project.yml` from the current one upwards (running inside a dbt project uses it,
 *   as dbt does), else the built-in F1 warehouse.
 * - profiles.yml: `--profiles-dir`, `DBT_PROFILES_DIR`, `PITWALL_PROFILES_DIR`, the current folder,
 *   the project folder, `~/.dbt/`. The built-in warehouse reads its own profiles.yml unless
 *   `--profiles-dir`/`PITWALL_PROFILES_DIR` says otherwise: a dbt user's `DBT_PROFILES_DIR` is
 *   for their dbt projects.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import {
  ConfigError,
  makeDiagnostic,
  resolveConfig,
  type ResolvedConfig,
} from '../../core/index.js'

/** Where to look for the two files. */
export interface LoadConfigOptions {
  readonly projectDir: string
  readonly profilesDir: string
  readonly target?: string
  /** What `{{ env_var() }}` in profiles.yml reads. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** Where the project lives and how it was found. */
export interface ProjectLocation {
  readonly dir: string
  /** `flag` (--project-dir or an env var), `found` (a dbt_project.yml up from cwd) or `builtin`. */
  readonly how: 'flag' | 'found' | 'builtin'
}

/** The project dir: the flag or env, else the nearest dbt_project.yml upwards, else `builtin`. */
export function findProjectDir(
  cwd: string,
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  builtin: string,
): ProjectLocation {
  const given = flag ?? env['PITWALL_PROJECT_DIR'] ?? env['DBT_PROJECT_DIR']
  if (given !== undefined) return { dir: resolve(cwd, given), how: 'flag' }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'dbt_project.yml'))) return { dir, how: 'found' }
    if (dirname(dir) === dir) return { dir: builtin, how: 'builtin' }
  }
}

/** The folder of profiles.yml, searched in dbt's order (see the module comment). */
export function findProfilesDir(
  cwd: string,
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  project: ProjectLocation,
): string {
  const own = flag ?? env['PITWALL_PROFILES_DIR']
  if (own !== undefined) return resolve(cwd, own)
  if (project.how === 'builtin') return project.dir
  const dbtEnv = env['DBT_PROFILES_DIR']
  if (dbtEnv !== undefined) return resolve(cwd, dbtEnv)
  const home = env['HOME'] ?? homedir()
  for (const dir of [resolve(cwd), project.dir, join(home, '.dbt')]) {
    if (existsSync(join(dir, 'profiles.yml'))) return dir
  }
  return project.dir
}

/** Loads and validates the configuration; throws {@link ConfigError} listing every problem. */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const projectFile = join(options.projectDir, 'dbt_project.yml')
  const profilesFile = join(options.profilesDir, 'profiles.yml')
  const [project, profiles] = await Promise.all([readText(projectFile), readText(profilesFile)])
  return resolveConfig({
    project: { file: display(projectFile), text: project },
    profiles: { file: display(profilesFile), text: profiles },
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.env === undefined ? {} : { env: options.env }),
  })
}

function display(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (cause) {
    const d = makeDiagnostic('file-not-found', { file }, `cannot read ${file}`, {
      file: display(file),
    })
    throw new ConfigError(`missing configuration file ${display(file)}`, [d], {
      cause,
      hint: file.endsWith('profiles.yml')
        ? 'Put profiles.yml in the project folder or ~/.dbt/, or pass --profiles-dir (or set DBT_PROFILES_DIR), as for dbt.'
        : 'Pass --project-dir pointing at a folder with dbt_project.yml, or run pitwall inside a dbt project.',
    })
  }
}
