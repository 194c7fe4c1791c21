/**
 * @module cli/commands/load
 * `pitwall load [--endpoints a,b]`: landing zone → bronze Delta tables of the target's catalog
 * (`<catalog>.bronze_raw.bronze_<endpoint>`), each landing file exactly once. Exit code 1 when a
 * file was quarantined or a table failed; the report lists them and reconciles the row counts.
 */
import type { Command } from 'commander'
import {
  currentEnvironment,
  formatTableName,
  layerTableProperties,
  tableName,
  tablePath,
} from '../../catalog/index.js'
import { DuckDbEngine } from '../../engine/index.js'
import { formatLoadReport, loadLanding, type LoadReport } from '../../load/index.js'
import type { CliContext } from '../context.js'

/** Runs a load for the context's home and target (also used by `pitwall demo`). */
export async function runLoad(
  ctx: CliContext,
  options: { readonly endpoints?: readonly string[] } = {},
): Promise<LoadReport> {
  const config = await ctx.config()
  const catalog = currentEnvironment(config).catalog
  const engine = await DuckDbEngine.create()
  try {
    return await loadLanding({
      home: ctx.home,
      catalog,
      locate: (schema, table) => {
        const name = tableName(catalog, schema, table)
        return { name: formatTableName(name), path: tablePath(ctx.home, name) }
      },
      properties: {
        bronze_raw: layerTableProperties('bronze_raw'),
        system: layerTableProperties('system'),
      },
      engine,
      logger: ctx.logger,
      progress: ctx.progress,
      ...(options.endpoints === undefined ? {} : { endpoints: options.endpoints }),
    })
  } finally {
    await engine.close()
  }
}

/** Registers `pitwall load`. */
export function registerLoad(program: Command, context: () => CliContext): void {
  program
    .command('load')
    .description(
      'landing zone → bronze Delta tables (exactly once per file, schema evolution, rescued data, quarantine)',
    )
    .option('--endpoints <list>', 'only these endpoints, comma-separated (default: all)')
    .action(async (opts: { endpoints?: string }) => {
      const ctx = context()
      const endpoints = opts.endpoints
        ?.split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '')
      const report = await runLoad(ctx, endpoints === undefined ? {} : { endpoints })
      ctx.emit(report, formatLoadReport(report))
      if (report.hasFailures) ctx.setExitCode(1)
    })
}
