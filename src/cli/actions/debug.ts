/**
 * @module cli/actions/debug
 * `pitwall debug` (as `dbt debug`): shows the configuration in force and checks it loads.
 */
import type { CliContext } from '../context.js'

/** Runs `pitwall debug`. */
export async function run(ctx: CliContext): Promise<void> {
  const config = await ctx.config()
  const result = {
    home: ctx.home,
    projectDir: ctx.projectDir,
    profilesDir: ctx.profilesDir,
    project: config.project.name,
    profile: config.profileName,
    target: config.targetName,
    output: {
      type: config.output.type,
      catalog: config.output.catalog,
      threads: config.output.threads,
    },
    targets: Object.keys(config.outputs),
    warnings: config.warnings,
  }
  const human = [
    `home:        ${result.home}`,
    `project dir: ${result.projectDir}`,
    `profiles:    ${result.profilesDir}/profiles.yml`,
    `project:     ${result.project}`,
    `profile:     ${result.profile}`,
    `target:      ${result.target} (${result.output.type}, catalog ${result.output.catalog}, ${result.output.threads} threads)`,
    `targets:     ${result.targets.join(', ')}`,
    `All checks passed!`,
  ].join('\n')
  ctx.emit(result, human)
}
