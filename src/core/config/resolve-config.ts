/**
 * @module core/config/resolve-config
 * Turns the texts of `dbt_project.yml` and `profiles.yml` into one validated configuration for a
 * target, collecting every problem with its file and line. Pure: the CLI reads the files.
 */
import { hasErrors, makeDiagnostic, type Diagnostic } from '../diagnostics.js'
import { ConfigError } from '../errors.js'
import { PROJECT_KEYS, projectConfigSchema, type ProjectConfig } from './project-schema.js'
import {
  OUTPUT_TYPES,
  outputSchema,
  profileSchema,
  profilesFileSchema,
  type OutputConfig,
} from './profiles-schema.js'
import { renderProfileValue } from './profile-env.js'
import { validateYaml } from './validate.js'
import { parseYamlSource, type YamlSource } from './yaml-source.js'

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
  /** What `{{ env_var('X') }}` in profiles.yml reads (dbt renders the selected output). */
  readonly env?: Readonly<Record<string, string | undefined>>
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
  /** Every valid output of the profile, by target name (outputs of other types left out). */
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

  if (profiles.value === undefined) throw configError(diagnostics)
  // A broken dbt_project.yml still names its profile: its problems and the profile's are
  // reported together.
  const rawProject = (projectSource.value ?? {}) as { profile?: unknown; name?: unknown }
  const profileName = String(
    project.value?.profile ?? project.value?.name ?? rawProject.profile ?? rawProject.name ?? '',
  )
  if (profiles.value[profileName] === undefined || profileName === 'config') {
    const names = Object.keys(profiles.value).filter((k) => k !== 'config')
    diagnostics.push(
      makeDiagnostic(
        'target-not-found',
        { target: profileName, available: names },
        `profile '${profileName}' (named by dbt_project.yml) is not in profiles.yml; it has: ${names.join(', ') || 'none'}`,
        { file: input.profiles.file, at: { line: 1, column: 1 } },
      ),
    )
    throw configError(diagnostics)
  }
  // As dbt: only the selected profile, and in it only the selected output, must be valid.
  const profile = validateYaml(profilesSource, profileSchema, [profileName])
  diagnostics.push(...profile.diagnostics.filter((d) => !profiles.diagnostics.includes(d)))
  if (profile.value === undefined) throw configError(diagnostics)
  const targetName = input.target ?? profile.value.target
  const raw = profile.value.outputs
  if (raw[targetName] === undefined) {
    const at = profilesSource.positionOf([profileName, 'outputs'])
    diagnostics.push(
      makeDiagnostic(
        'target-not-found',
        { target: targetName, available: Object.keys(raw) },
        `target '${targetName}' is not an output of profile '${profileName}'; choose one of: ${Object.keys(raw).join(', ')}`,
        { file: input.profiles.file, ...(at === undefined ? {} : { at }) },
      ),
    )
    throw configError(diagnostics)
  }
  const { output, outputs } = resolveOutputs(
    profilesSource,
    profileName,
    raw,
    targetName,
    input,
    diagnostics,
  )
  if (project.value === undefined || output === undefined || hasErrors(diagnostics))
    throw configError(diagnostics)
  return {
    project: project.value,
    profileName,
    targetName,
    output,
    outputs,
    warnings: diagnostics.filter((d) => d.severity === 'warn'),
  }
}

/**
 * Validates the profile's outputs: the selected one strictly (its problems become diagnostics),
 * the others silently (only the valid ones are kept, for environments like `promote`).
 */
function resolveOutputs(
  profilesSource: YamlSource,
  profileName: string,
  raw: Readonly<Record<string, unknown>>,
  targetName: string,
  input: ResolveConfigInput,
  diagnostics: Diagnostic[],
): { output: OutputConfig | undefined; outputs: Record<string, OutputConfig> } {
  const outputs: Record<string, OutputConfig> = {}
  let output: OutputConfig | undefined
  for (const name of Object.keys(raw)) {
    const path = [profileName, 'outputs', name]
    const selected = name === targetName
    const rendered = renderProfileValue(raw[name], input.env ?? {})
    const type = (rendered.value as { type?: unknown } | null)?.type
    if (
      selected &&
      typeof type === 'string' &&
      !(OUTPUT_TYPES as readonly string[]).includes(type)
    ) {
      diagnostics.push(
        makeDiagnostic(
          'config-invalid-value',
          { path: [...path, 'type'].join('.'), reason: `type ${type} is not supported` },
          `${[...path, 'type'].join('.')}: pitwall runs outputs of type ${OUTPUT_TYPES.join(', ')} (target '${name}' is type ${type}); choose another target with --target, or add a type: duckdb output`,
          { file: input.profiles.file, ...atOf(profilesSource, [...path, 'type']) },
        ),
      )
      continue
    }
    if (selected) {
      for (const missing of rendered.missing) {
        diagnostics.push(
          makeDiagnostic(
            'config-invalid-value',
            { path: path.join('.'), reason: `env var ${missing} is not set` },
            `${path.join('.')}: env_var('${missing}') is not set and has no default; export ${missing} or give env_var a default`,
            { file: input.profiles.file, ...atOf(profilesSource, path) },
          ),
        )
      }
    }
    const checked = validateYaml(
      { ...profilesSource, value: { [profileName]: { outputs: { [name]: rendered.value } } } },
      outputSchema,
      path,
    )
    if (checked.value !== undefined) outputs[name] = checked.value
    if (selected) {
      diagnostics.push(
        ...checked.diagnostics.filter((d) => !profilesSource.diagnostics.includes(d)),
      )
      output = checked.value
    }
  }
  return { output, outputs }
}

function atOf(
  source: {
    positionOf(path: readonly PropertyKey[]): { line: number; column: number } | undefined
  },
  path: readonly string[],
): { at?: { line: number; column: number } } {
  const at = source.positionOf(path)
  return at === undefined ? {} : { at }
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
