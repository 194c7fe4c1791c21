/**
 * @module cli/actions/table-properties
 * `pitwall table properties <table>`: shows the table's properties, or changes them with
 * `--set k=v` / `--unset k` (one commit).
 */
import { UsageError } from '../../core/index.js'
import { loadSnapshot, setTableProperties } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { withTable } from '../wiring/table-target.js'

/** Runs `pitwall table properties`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ set?: string[]; unset?: string[] }>,
): Promise<void> {
  const name = String(args[0])
  const set: Record<string, string> = {}
  for (const kv of opts.set ?? []) {
    const i = kv.indexOf('=')
    if (i <= 0) throw new UsageError(`--set takes key=value (got '${kv}')`)
    set[kv.slice(0, i).trim()] = kv.slice(i + 1).trim()
  }
  await withTable(ctx, name, async (target) => {
    if (Object.keys(set).length === 0 && (opts.unset ?? []).length === 0) {
      const snap = await loadSnapshot(target.store, { sql: target.executor })
      const result = {
        version: snap.version,
        protocol: snap.protocol,
        properties: snap.configuration,
        partitionColumns: snap.partitionColumns,
      }
      const lines = Object.entries(snap.configuration).map(([k, v]) => `  ${k} = ${v}`)
      const human = [
        `${name} at version ${snap.version} (protocol ${snap.protocol.minReaderVersion}/${snap.protocol.minWriterVersion})`,
        ...(lines.length === 0 ? ['  (no properties)'] : lines),
      ].join('\n')
      ctx.emit(result, human)
      return
    }
    const r = await setTableProperties({ ...target, set, unset: opts.unset ?? [] })
    const lines = Object.entries(r.metrics.configuration).map(([k, v]) => `  ${k} = ${v}`)
    ctx.emit(r, [`${name}: version ${r.version}`, ...lines].join('\n'))
  })
}
