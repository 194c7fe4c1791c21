/**
 * @module transform/materialize/home-state
 * What a warehouse keeps in the local lakehouse home whatever engine holds the tables: build
 * records (`<home>/target/build_state/[<engine>/]<catalog>/<schema>/<table>.json`, what makes a
 * second build a no-op) and lock files (`<home>/_locks/[<engine>-]<name>.lock`). Shared by the
 * Delta and the Databricks warehouse; `scope` keeps a Databricks target's state apart.
 */
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../artifacts/artifact-files.js'
import { SnapshotLockedError } from '../transform-errors.js'
import { acquireFileLock, describeHolder } from './file-lock.js'
import type { BuildRecord, RelationName } from './warehouse.js'

/** Build records and locks of one warehouse under `home`. */
export class HomeState {
  constructor(
    private readonly home: string,
    /** Set for a remote engine (`databricks`), so its records and locks stay apart. */
    private readonly scope?: string,
    private readonly onWarning?: (message: string) => void,
  ) {}

  /** The last build record of `rel`; a missing or torn record is none (it only costs a rebuild). */
  async readBuildRecord(rel: RelationName): Promise<BuildRecord | undefined> {
    const text = await readFile(this.recordFile(rel), 'utf8').catch(() => undefined)
    if (text === undefined) return undefined
    try {
      return JSON.parse(text) as BuildRecord
    } catch {
      return undefined
    }
  }

  /** Atomic: a crash mid-write leaves the previous record, never a torn one. */
  async writeBuildRecord(rel: RelationName, record: BuildRecord): Promise<void> {
    await writeFileAtomic(this.recordFile(rel), JSON.stringify(record))
  }

  /** Forgets `rel`'s record (the relation was dropped or replaced by a view). */
  async forgetBuildRecord(rel: RelationName): Promise<void> {
    await rm(this.recordFile(rel), { force: true })
  }

  /** Takes the lock `name` (see `file-lock.ts`). @throws SnapshotLockedError when it is held. */
  async lock(name: string): Promise<() => Promise<void>> {
    const base = this.scope === undefined ? name : `${this.scope}-${name}`
    const file = join(this.home, '_locks', `${base}.lock`)
    const r = await acquireFileLock(file, {
      purpose: name,
      ...(this.onWarning === undefined ? {} : { onWarning: this.onWarning }),
    })
    if (!r.ok) throw new SnapshotLockedError(file, describeHolder(r.holder, r.raw))
    return r.release
  }

  private recordFile(rel: RelationName): string {
    const scoped = this.scope === undefined ? [] : [this.scope]
    return join(
      this.home,
      'target',
      'build_state',
      ...scoped,
      rel.database,
      rel.schema,
      `${rel.identifier}.json`,
    )
  }
}
