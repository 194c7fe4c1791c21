/**
 * @module cli/actions/deps
 * `pitwall deps` (as `dbt deps`): installs the project's packages and writes package-lock.yml.
 */
import type { CliContext } from '../context.js'
import { installPackages } from '../wiring/install-packages.js'

/** Runs `pitwall deps`. */
export async function run(ctx: CliContext): Promise<void> {
  const result = await installPackages(ctx.projectDir, (line) => ctx.logger.info(line))
  const human =
    result.packages.length === 0
      ? `Warning: No packages were found in packages.yml or dependencies.yml of ${ctx.projectDir}`
      : [
          `Installed ${result.packages.length} package(s) into ${result.installDir}:`,
          ...result.packages.map((p) => `  ${p.name}  ${p.source} (${p.how})`),
          `Updated lock file: ${result.lockFile}`,
        ].join('\n')
  ctx.emit(
    {
      command: 'deps',
      projectDir: ctx.projectDir,
      installDir: result.installDir,
      packages: result.packages,
      lockFile: result.lockFile,
    },
    human,
  )
}
