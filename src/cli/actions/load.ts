/**
 * @module cli/actions/load
 * `pitwall load [--endpoints a,b]`: landing zone → bronze Delta tables of the target's catalog
 * (`<catalog>.bronze_raw.bronze_<endpoint>`), each landing file exactly once. Exit codes:
 * - 2 for a mistake in the command: an unknown endpoint, or a `--home` that does not exist
 *   (nothing was ever extracted there; a script with a mistyped path must not pass silently);
 * - 0 with a warning when the home exists but its landing zone has nothing for the selection
 *   ("nothing to do" is success, as dbt has it, so `extract && load && build` keeps working on
 *   a day without new sessions);
 * - 1 when a file was quarantined or vanished or a table failed; the report lists them and
 *   reconciles the row counts.
 * On a `type: databricks` target the files go to the workspace instead (volume + COPY INTO,
 * `wiring/databricks-load.ts`); no credentials there is a configuration error (exit 2).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LANDING_DIR, OPENF1_ENDPOINTS, UsageError } from '../../core/index.js'
import { formatLoadReport, listEndpointFolders } from '../../load/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatDatabricksLoad, loadOnDatabricks } from '../wiring/databricks-load.js'
import { runLoad } from '../wiring/run-load.js'

/** Runs `pitwall load`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ endpoints?: string }>,
): Promise<void> {
  const landing = join(ctx.home, LANDING_DIR)
  const endpoints = endpointsOption(opts.endpoints, listEndpointFolders(landing))
  if (!existsSync(ctx.home)) {
    throw new UsageError(`nothing to load: the lakehouse home ${ctx.home} does not exist`, {
      hint: 'Run `pitwall extract` first to land data there, or pass the right --home.',
    })
  }
  const { output } = await ctx.config()
  if (output.type === 'databricks') {
    // A Databricks target's bronze lives in its workspace: volume upload + COPY INTO.
    const r = await loadOnDatabricks(ctx, output, endpoints)
    ctx.emit(r, formatDatabricksLoad(r))
    return
  }
  const report = await runLoad(ctx, endpoints === undefined ? {} : { endpoints })
  if (report.landingFiles === 0) {
    const which = endpoints === undefined ? '' : ` for ${endpoints.join(', ')}`
    ctx.logger.warn(
      `nothing to load: no landing files in ${landing}${which}. Run \`pitwall extract\` first (e.g. \`pitwall extract --year 2024 --meeting Austria\`).`,
    )
  }
  ctx.emit(report, formatLoadReport(report))
  if (report.hasFailures) ctx.setExitCode(1)
}

/**
 * `--endpoints a,b` (or `all`): each must be an OpenF1 endpoint or a folder of the landing zone.
 * @throws UsageError naming the valid endpoints (and the closest one).
 */
function endpointsOption(
  value: string | undefined,
  folders: readonly string[],
): string[] | undefined {
  if (value === undefined || value.trim() === 'all') return undefined
  const names = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
  const valid = [...new Set([...OPENF1_ENDPOINTS, ...folders])].sort()
  const unknown = names.filter((n) => !valid.includes(n))
  if (unknown.length > 0 || names.length === 0) {
    const guess = unknown.length === 1 ? closest(unknown[0] ?? '', valid) : undefined
    throw new UsageError(
      `--endpoints: unknown endpoint(s) ${unknown.join(', ') || '(none given)'}${guess === undefined ? '' : ` (did you mean ${guess}?)`}; choose from ${valid.join(', ')} or 'all'`,
    )
  }
  return names
}

/** The name within edit distance 2 of `word`, if one is. */
function closest(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined
  for (const name of names) {
    const d = distance(word, name)
    if (d <= 2 && (best === undefined || d < best.d)) best = { name, d }
  }
  return best?.name
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost))
    }
    prev = row
  }
  return prev[b.length] ?? 0
}
