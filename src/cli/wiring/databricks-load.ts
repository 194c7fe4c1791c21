/**
 * @module cli/wiring/databricks-load
 * `pitwall load` on a `type: databricks` target (issue 17): the landing files go to the target
 * catalog's Unity Catalog volume and into its bronze tables with `COPY INTO`
 * (`engine/databricks/bronze-load.ts`), instead of the local Delta tables. Files are read and
 * uploaded in slices of at most {@link SLICE_BYTES}, so memory stays bounded whatever the
 * landing zone holds; COPY INTO skips files it loaded before, so a slice repeated after a
 * failure, or a whole repeated load, loads nothing twice.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LANDING_DIR, type DatabricksOutputConfig } from '../../core/index.js'
import { loadBronzeOnDatabricks, type LandingFile } from '../../engine/index.js'
import { listLandingFiles } from '../../load/index.js'
import type { CliContext } from '../context.js'
import { databricksConnection, openDatabricksEngine } from './databricks-runtime.js'

/** Upper bound of landing bytes held in memory at once. */
export const SLICE_BYTES = 256 * 1024 * 1024

/** What a load on Databricks did, per bronze table. */
export interface DatabricksLoadReport {
  readonly target: 'databricks'
  readonly catalog: string
  readonly landingFiles: number
  readonly tables: readonly {
    readonly table: string
    readonly uploaded: number
    readonly alreadyThere: number
    readonly rowsLoaded: number
  }[]
}

/** Uploads and loads the landing zone (or `endpoints` of it) into the target's bronze tables. */
export async function loadOnDatabricks(
  ctx: CliContext,
  output: DatabricksOutputConfig,
  endpoints?: readonly string[],
): Promise<DatabricksLoadReport> {
  const files = listLandingFiles(join(ctx.home, LANDING_DIR)).filter(
    (f) => endpoints === undefined || endpoints.includes(f.endpoint),
  )
  const totals = new Map<string, { uploaded: number; alreadyThere: number; rowsLoaded: number }>()
  if (files.length === 0) return report(output.catalog, 0, totals)
  const engine = await openDatabricksEngine(ctx, output)
  try {
    const connection = databricksConnection(output, ctx.io.env)
    const bar = ctx.progress.start('upload + COPY INTO', files.length, 'files')
    for (const slice of slices(files)) {
      const landing: LandingFile[] = []
      for (const f of slice) {
        landing.push({
          endpoint: f.endpoint,
          name: f.sourceFile.slice(f.endpoint.length + 1),
          data: await readFile(f.path),
        })
      }
      const results = await loadBronzeOnDatabricks(
        { engine, files: { connection }, catalog: output.catalog },
        landing,
      )
      for (const r of results) {
        const t = totals.get(r.table) ?? { uploaded: 0, alreadyThere: 0, rowsLoaded: 0 }
        t.uploaded += r.uploads.filter((u) => u.status === 'uploaded').length
        t.alreadyThere += r.uploads.filter((u) => u.status === 'already-there').length
        t.rowsLoaded += r.rowsLoaded
        totals.set(r.table, t)
      }
      bar.tick(slice.length)
    }
    bar.done()
  } finally {
    await engine.close()
  }
  return report(output.catalog, files.length, totals)
}

/** The files in order, cut where a slice would pass {@link SLICE_BYTES} (one file at least). */
function* slices<T extends { readonly bytes: number }>(files: readonly T[]): Generator<T[]> {
  let slice: T[] = []
  let bytes = 0
  for (const f of files) {
    if (slice.length > 0 && bytes + f.bytes > SLICE_BYTES) {
      yield slice
      slice = []
      bytes = 0
    }
    slice.push(f)
    bytes += f.bytes
  }
  if (slice.length > 0) yield slice
}

function report(
  catalog: string,
  landingFiles: number,
  totals: ReadonlyMap<string, { uploaded: number; alreadyThere: number; rowsLoaded: number }>,
): DatabricksLoadReport {
  return {
    target: 'databricks',
    catalog,
    landingFiles,
    tables: [...totals].map(([table, t]) => ({ table, ...t })),
  }
}

/** The human summary of a Databricks load. */
export function formatDatabricksLoad(r: DatabricksLoadReport): string {
  if (r.landingFiles === 0) return `nothing to load into ${r.catalog}.bronze_raw`
  const lines = r.tables.map(
    (t) =>
      `  ${r.catalog}.bronze_raw.${t.table}: ${t.uploaded} file(s) uploaded, ${t.alreadyThere} already in the volume, ${t.rowsLoaded} row(s) loaded by COPY INTO`,
  )
  return [`Loaded ${r.landingFiles} landing file(s) on Databricks:`, ...lines].join('\n')
}
