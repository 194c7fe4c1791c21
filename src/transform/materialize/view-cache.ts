/**
 * @module transform/materialize/view-cache
 * The SQL of each Delta table's view as a build last made it, kept under the home
 * (`<home>/target/view_cache/<catalog>/<schema>/<table>.json`), so that a later process makes the
 * view of a table that has not changed since without loading its log and reading the footer of
 * every data file (the `DESCRIBE` over `read_parquet([…], union_by_name)` that finds the columns
 * each file holds). A build makes the views of every relation of the project before its first
 * statement: over a long history that cost grew with the number of files (issue 16).
 *
 * An entry is used only while the table's latest commit is the one it was made from: same
 * location, same version, same size and modification time of that commit file (a table dropped
 * and recreated, or a rewritten commit, misses). A torn or unreadable entry is a miss, and entries
 * are written atomically. {@link FORMAT} changes whenever the view SQL the lake renders would.
 */
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { commitPath, type ObjectStore } from '../../lake/index.js'
import { writeFileAtomic } from '../artifacts/artifact-files.js'
import type { RelationName } from './warehouse.js'

/** Bumped when the view SQL of the same table version changes. */
const FORMAT = 1

/** A table's view: the version it shows, its partitioning and its SQL. */
export interface TableView {
  readonly version: number
  readonly partitionBy: readonly string[]
  readonly sql: string
}

interface Entry extends TableView {
  readonly format: number
  /** The table's location (the SQL names its files by absolute path). */
  readonly location: string
  /** Size and modification time of the commit file of `version`. */
  readonly size: number
  readonly modified: number
}

/** View SQL per table, on disk under the home. */
export class ViewCache {
  constructor(private readonly home: string) {}

  /** The cached view of the table at `location`, if its latest commit is still `latest`'s. */
  async read(
    rel: RelationName,
    store: ObjectStore,
    location: string,
    latest: number,
  ): Promise<TableView | undefined> {
    const text = await readFile(this.file(rel), 'utf8').catch(() => undefined)
    if (text === undefined) return undefined
    let entry: Entry
    try {
      entry = JSON.parse(text) as Entry
    } catch {
      return undefined
    }
    if (entry.format !== FORMAT || entry.location !== location || entry.version !== latest)
      return undefined
    const meta = await store.head(commitPath(entry.version))
    if (meta?.size !== entry.size || meta.modified !== entry.modified) return undefined
    return { version: entry.version, partitionBy: entry.partitionBy, sql: entry.sql }
  }

  /** Remembers `view` as the view of the table at `location`. */
  async write(
    rel: RelationName,
    store: ObjectStore,
    location: string,
    view: TableView,
  ): Promise<void> {
    const meta = await store.head(commitPath(view.version))
    if (meta === undefined || !Number.isFinite(meta.modified)) return
    const entry: Entry = {
      format: FORMAT,
      location,
      ...view,
      size: meta.size,
      modified: meta.modified,
    }
    await writeFileAtomic(this.file(rel), JSON.stringify(entry))
  }

  /** Forgets the view of a dropped table. */
  async forget(rel: RelationName): Promise<void> {
    await rm(this.file(rel), { force: true })
  }

  private file(rel: RelationName): string {
    return join(
      this.home,
      'target',
      'view_cache',
      rel.database,
      rel.schema,
      `${rel.identifier}.json`,
    )
  }
}
