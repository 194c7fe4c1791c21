/**
 * @module transform/materialize/microbatch
 * The `microbatch` incremental strategy (dbt 1.9): the model is run once per time batch
 * (`batch_size` hour | day | month | year) over `event_time`; refs to models that have an
 * `event_time` are filtered to the batch, and each batch replaces exactly its own rows (one Delta
 * `replaceWhere` commit per batch), so a failed batch can be re-run alone. The first run (or
 * `--full-refresh`) starts at `begin`; later runs redo the last `lookback` batches (default 1) and
 * the current one.
 */
import { compileExecuting } from '../compile/execution-loop.js'
import { beginDate, type BATCH_SIZES } from '../project/config-checks.js'
import type { ProjectNode } from '../project/types.js'
import { TemplateError } from '../transform-errors.js'
import type { MaterializeContext, MaterializeOutcome } from './materialize-context.js'
import { qualified, type RelationName } from './warehouse.js'
import { warehouseAnswerer } from './warehouse-answers.js'

type BatchSize = (typeof BATCH_SIZES)[number]

/** The batch windows `[start, end)` between `from` and `to`, aligned to `size`. */
export function batchWindows(from: Date, to: Date, size: BatchSize): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = []
  let start = truncate(from, size)
  while (start < to && out.length < 100_000) {
    const end = advance(start, size, 1)
    out.push({ start, end })
    start = end
  }
  return out
}

function truncate(d: Date, size: BatchSize): Date {
  const t = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      size === 'year' ? 0 : d.getUTCMonth(),
      size === 'month' || size === 'year' ? 1 : d.getUTCDate(),
      size === 'hour' ? d.getUTCHours() : 0,
    ),
  )
  return t
}

function advance(d: Date, size: BatchSize, n: number): Date {
  const t = new Date(d)
  if (size === 'hour') t.setUTCHours(t.getUTCHours() + n)
  else if (size === 'day') t.setUTCDate(t.getUTCDate() + n)
  else if (size === 'month') t.setUTCMonth(t.getUTCMonth() + n)
  else t.setUTCFullYear(t.getUTCFullYear() + n)
  return t
}

const lit = (d: Date) => `timestamp '${d.toISOString().replace('T', ' ').replace('Z', '')}'`

/** Runs the model batch by batch. `exists` says whether the table is there already. */
export async function runMicrobatch(
  ctx: MaterializeContext,
  node: ProjectNode,
  rel: RelationName,
  exists: boolean,
  now: Date,
): Promise<MaterializeOutcome> {
  // event_time, batch_size, begin and lookback were checked at parse time (config-checks.ts).
  const eventTime = String(node.config['event_time'])
  const size = node.config['batch_size'] as BatchSize
  const lookback = typeof node.config['lookback'] === 'number' ? node.config['lookback'] : 1
  let from: Date
  let to = now
  if (ctx.eventTimeStart !== undefined) {
    // An explicit backfill: exactly these batches, whatever ran before.
    from = new Date(ctx.eventTimeStart)
    if (ctx.eventTimeEnd !== undefined) to = new Date(ctx.eventTimeEnd)
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
      throw new Error('--event-time-start/--event-time-end must be ISO dates, e.g. 2024-06-01')
    }
  } else if (!exists) {
    from = beginDate(node.config['begin'])
  } else {
    from = advance(truncate(now, size), size, -lookback)
  }
  const windows = batchWindows(from, to, size)
  let rows = 0
  let compiled = ''
  let first = !exists
  for (const w of windows) {
    const window = { start: lit(w.start), end: lit(w.end) }
    const r = await compileExecuting(
      ctx.project,
      node.unique_id,
      {
        isIncremental: !first,
        eventTimeWindow: window,
        ...(ctx.relations === undefined ? {} : { relations: ctx.relations }),
      },
      warehouseAnswerer(ctx.warehouse),
    )
    if (!r.ok) throw new TemplateError(r.diagnostic)
    compiled = r.node.compiled_code
    const predicate = `${eventTime} >= ${window.start} and ${eventTime} < ${window.end}`
    const sql = `select * from (${compiled}) as batch where ${predicate}`
    try {
      const out = first
        ? await ctx.warehouse.write(rel, sql, { mode: 'overwrite' })
        : await ctx.warehouse.write(rel, sql, { mode: 'overwrite', replaceWhere: predicate })
      rows += out.rows
    } catch (error) {
      throw new Error(
        `batch ${w.start.toISOString()} – ${w.end.toISOString()} failed (earlier batches are kept; re-run to retry): ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    }
    first = false
  }
  return {
    message: `OK microbatch: ${windows.length} batch(es) of one ${size}, ${rows} rows`,
    rowsAffected: rows,
    compiledCode: compiled,
    relationName: qualified(rel),
  }
}
