/**
 * @module core/config/resolve-config
 * Turns the texts of `dbt_project.yml` and `profiles.yml` into one validated configuration for a
 * target, collecting every problem with its file and line. Pure: the CLI reads the files.
 */
import { hasErrors, makeDiagnostic, type Diagnostic } from '../diagnostics.js'
import { ConfigError } from '../errors.js'
import { PROJECT_KEYS, projectConfigSchema, type ProjectConfig } from './project-schema.js'
import { profilesFileSchema, type OutputConfig } from './profiles-schema.js'
import { validateYaml } from './validate.js'
import { parseYamlSource } from './yaml-source.js'

/** The names of the targets every pitwall profile is expected to know. */
export const TARGET_NAMES = ['dev', 'stage', 'prod'] as const

/** A file handed to the resolver. */
export interface ConfigFile {
  /** The path shown in diagnostics. */
  readonly file: string
  /** Its content. */
  readonly text: string
}

/** Input of {@link resolveConfig}. */
export interface ResolveConfigInput {
  readonly project: ConfigFile
  readonly profiles: ConfigFile
  /** The `--target` asked for; the profile's default target otherwise. */
  readonly target?: string
}

/** The configuration a command runs with. */
export interface ResolvedConfig {
  readonly project: ProjectConfig
  /** The profile's name (`profile:` in dbt_project.yml, or the project name). */
  readonly profileName: string
  /** The chosen target's name. */
  readonly targetName: string
  /** The chosen target's output. */
  readonly output: OutputConfig
  /** Every output of the profile, by target name. */
  readonly outputs: Readonly<Record<string, OutputConfig>>
  /** Warnings found on the way. */
  readonly warnings: readonly Diagnostic[]
}

/**
 * Validates both files and picks the target. Throws a {@link ConfigError} carrying every
 * diagnostic when anything is wrong.
 */
export function resolveConfig(input: ResolveConfigInput): ResolvedConfig {
  const diagnostics: Diagnostic[] = []
  const projectSource = parseYamlSource(input.project.text, input.project.file)
  const project = validateYaml(projectSource, projectConfigSchema)
  diagnostics.push(...project.diagnostics)
  if (projectSource.value !== null && typeof projectSource.value === 'object') {
    for (const key of Object.keys(projectSource.value)) {
      if (!PROJECT_KEYS.has(key)) {
        const at = projectSource.positionOf([key])
        diagnostics.push(
          makeDiagnostic(
            'config-unknown-key',
            { path: key },
            `unknown key '${key}' (dbt_project.yml keys are dbt's)`,
            {
              file: input.project.file,
              severity: 'warn',
              ...(at === undefined ? {} : { at }),
            },
          ),
        )
      }
    }
  }
  const profilesSource = parseYamlSource(input.profiles.text, input.profiles.file)
  const profiles = validateYaml(profilesSource, profilesFileSchema)
  diagnostics.push(...profiles.diagnostics)

  if (project.value === undefined || profiles.value === undefined || hasErrors(diagnostics)) {
    throw configError(diagnostics)
  }
  const profileName = project.value.profile ?? project.value.name
  const profile = profiles.value[profileName]
  if (profile === undefined) {
    diagnostics.push(
      makeDiagnostic(
        'target-not-found',
        { target: profileName, available: Object.keys(profiles.value) },
        `profile '${profileName}' (named by dbt_project.yml) is not in profiles.yml; it has: ${Object.keys(profiles.value).join(', ') || 'none'}`,
        { file: input.profiles.file, at: { line: 1, column: 1 } },
      ),
    )
    throw configError(diagnostics)
  }
  const targetName = input.target ?? profile.target
  const output = profile.outputs[targetName]
  if (output === undefined) {
    const at = profilesSource.positionOf([profileName, 'outputs'])
    diagnostics.push(
      makeDiagnostic(
        'target-not-found',
        { target: targetName, available: Object.keys(profile.outputs) },
        `target '${targetName}' is not an output of profile '${profileName}'; choose one of: ${Object.keys(profile.outputs).join(', ')}`,
        { file: input.profiles.file, ...(at === undefined ? {} : { at }) },
      ),
    )
    throw configError(diagnostics)
  }
  return {
    project: project.value,
    profileName,
    targetName,
    output,
    outputs: profile.outputs,
    warnings: diagnostics.filter((d) => d.severity === 'warn'),
  }
}

function configError(diagnostics: readonly Diagnostic[]): ConfigError {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const files = [...new Set(errors.map((d) => d.file).filter((f) => f !== undefined))]
  return new ConfigError(
    `invalid configuration: ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files.join(', ') || 'config'}`,
    diagnostics,
    { hint: 'Fix the lines listed above; see README.md §Configuration for the expected shape.' },
  )
}
