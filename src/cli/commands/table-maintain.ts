/**
 * @module cli/commands/table-maintain
 * The maintenance subcommands of `pitwall table`: `optimize` (bin-packing, `--zorder-by a,b`),
 * `vacuum` (`--retain 168h`, `--dry-run`, `--force` to go below the table's retention), `restore`
 * (`--version N` or `--timestamp T`) and `properties` (show, `--set k=v`, `--unset k`).
 */
import type { Command } from 'commander'
import { UsageError } from '../../core/index.js'
import {
  loadSnapshot,
  optimizeTable,
  parseIntervalHours,
  restoreTable,
  setTableProperties,
  vacuumTable,
} from '../../lake/index.js'
import type { CliContext } from '../context.js'
import { parseTimestamp, parseVersion, withTable, withVersion } from './table-target.js'

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

function metricsText(metrics: object): string {
  return Object.entries(metrics)
    .filter(([, v]) => !Array.isArray(v) && typeof v !== 'object')
    .map(([k, v]) => `  ${k}: ${String(v)}`)
    .join('\n')
}

/** Registers `table optimize|vacuum|restore|properties` under `table`. */
export function registerTableMaintain(table: Command, context: () => CliContext): void {
  table
    .command('optimize')
    .description('compact small files (bin-packing), optionally Z-ordered by columns')
    .argument('<table>', 'a table path or catalog.schema.table')
    .option(
      '--zorder-by <columns>',
      'comma-separated columns to Z-order by, e.g. session_key,driver_number',
    )
    .option('--partition <col=value>', 'only this partition (repeatable)', collect)
    .option(
      '--target-size <bytes>',
      'target file size in bytes (default delta.targetFileSize or 100 MiB)',
    )
    .action(
      async (
        name: string,
        opts: { zorderBy?: string; targetSize?: string; partition?: string[] },
      ) => {
        const ctx = context()
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
      },
    )

  table
    .command('vacuum')
    .description('delete data files no longer needed by versions within the retention')
    .argument('<table>', 'a table path or catalog.schema.table')
    .option(
      '--retain <duration>',
      "retention, e.g. 168h, 7d or 'interval 7 days' (default the table's, 7 days)",
    )
    .option('--dry-run', 'list the files that would be deleted, delete nothing')
    .option(
      '--force',
      "allow a retention shorter than the table's delta.deletedFileRetentionDuration",
    )
    .action(async (name: string, opts: { retain?: string; dryRun?: boolean; force?: boolean }) => {
      const ctx = context()
      let retentionHours: number | undefined
      if (opts.retain !== undefined) {
        try {
          retentionHours = parseIntervalHours(opts.retain)
        } catch (cause) {
          throw new UsageError(`--retain: ${(cause as Error).message}`)
        }
      }
      await withTable(ctx, name, async (target) => {
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
    })

  table
    .command('restore')
    .description('restore a Delta table to an earlier version (a new commit)')
    .argument('<table>', 'a table path or catalog.schema.table')
    .option('--version <n>', 'the version to restore')
    .option('--timestamp <t>', 'restore the version current at this time (ISO 8601 or epoch ms)')
    .action(async (name: string, local: { version?: string; timestamp?: string }, cmd: Command) => {
      const opts = withVersion(local, cmd)
      const ctx = context()
      const version = parseVersion(opts.version)
      const timestamp = parseTimestamp(opts.timestamp)
      if ((version === undefined) === (timestamp === undefined)) {
        throw new UsageError('give exactly one of --version N or --timestamp T')
      }
      await withTable(ctx, name, async (target) => {
        const r = await restoreTable({
          ...target,
          ...(version === undefined ? {} : { version }),
          ...(timestamp === undefined ? {} : { timestamp }),
        })
        ctx.emit(
          r,
          `restored ${name} to version ${r.metrics.restoredVersion} as version ${r.version}\n${metricsText(r.metrics)}`,
        )
      })
    })

  table
    .command('properties')
    .description('show table properties, or change them with --set key=value / --unset key')
    .argument('<table>', 'a table path or catalog.schema.table')
    .option('--set <key=value>', 'set a property (repeatable)', collect)
    .option('--unset <key>', 'remove a property (repeatable)', collect)
    .action(async (name: string, opts: { set?: string[]; unset?: string[] }) => {
      const ctx = context()
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
    })
}
