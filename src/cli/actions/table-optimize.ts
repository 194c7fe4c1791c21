/**
 * @module cli/actions/table-optimize
 * `pitwall table optimize <table>`: bin-packing of small files, `--zorder-by a,b`, one partition
 * with `--partition col=value`.
 */
import { UsageError } from '../../core/index.js'
import { optimizeTable } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { metricsText } from '../format/metrics-text.js'
import { withTable } from '../wiring/table-target.js'

interface OptimizeFlags {
  zorderBy?: string
  targetSize?: string
  partition?: string[]
}

/** Runs `pitwall table optimize`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<OptimizeFlags>,
): Promise<void> {
  const name = String(args[0])
  const zOrderBy = opts.zorderBy
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
  if (opts.targetSize !== undefined && !/^\d+$/.test(opts.targetSize)) {
    throw new UsageError(`--target-size must be a number of bytes (got '${opts.targetSize}')`)
  }
  let partitionFilter: Record<string, string> | undefined
  for (const kv of opts.partition ?? []) {
    const i = kv.indexOf('=')
    if (i <= 0) throw new UsageError(`--partition takes col=value (got '${kv}')`)
    partitionFilter = { ...partitionFilter, [kv.slice(0, i)]: kv.slice(i + 1) }
  }
  await withTable(ctx, name, async (target) => {
    const r = await optimizeTable({
      ...target,
      ...(partitionFilter === undefined ? {} : { partitionFilter }),
      ...(zOrderBy === undefined ? {} : { zOrderBy }),
      ...(opts.targetSize === undefined ? {} : { targetSizeBytes: Number(opts.targetSize) }),
    })
    ctx.emit(r, `optimized ${name}: version ${r.version}\n${metricsText(r.metrics)}`)
  })
}
