/**
 * @module cli/wiring/load-config
 * Reads `dbt_project.yml` and `profiles.yml` from disk and hands them to the pure resolver.
 */
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
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
      hint: 'Pass --project-dir (and --profiles-dir) pointing at a folder with dbt_project.yml and profiles.yml.',
    })
  }
}
