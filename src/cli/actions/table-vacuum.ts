/**
 * @module cli/actions/table-vacuum
 * `pitwall table vacuum <table>`: deletes data files no version within the retention needs
 * (`--retain 168h`, `--dry-run`, `--force` to go below the table's retention). A retention below
 * the table's minimum is refused by the lake (`vacuum-retention-too-short`): the CLI reports it
 * as a usage error (exit 2; see `wiring/report-error.ts`).
 */
import { UsageError } from '../../core/index.js'
import { parseIntervalHours, vacuumTable } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { withTable } from '../wiring/table-target.js'

interface VacuumFlags {
  retain?: string
  dryRun?: boolean
  force?: boolean
}

/** Runs `pitwall table vacuum`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<VacuumFlags>,
): Promise<void> {
  let retentionHours: number | undefined
  if (opts.retain !== undefined) {
    try {
      retentionHours = parseIntervalHours(opts.retain)
    } catch (cause) {
      throw new UsageError(`--retain: ${(cause as Error).message}`, { cause })
    }
  }
  await withTable(ctx, String(args[0]), async (target) => {
    const r = await vacuumTable({
      ...target,
      ...(retentionHours === undefined ? {} : { retentionHours }),
      dryRun: opts.dryRun === true,
      enforceRetention: opts.force !== true,
    })
    const m = r.metrics
    const verb = m.dryRun ? 'would delete' : 'deleted'
    const lines = [
      `${verb} ${m.numFilesDeleted} file(s), ${m.bytesDeleted} bytes (retention ${m.retentionHours} h)`,
    ]
    for (const f of m.filesDeleted) lines.push(`  ${f}`)
    ctx.emit(r, lines.join('\n'))
  })
}
