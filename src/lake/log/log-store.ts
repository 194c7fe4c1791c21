/**
 * @module lake/log/log-store
 * Reading side of the Delta log (as delta-rs's `LogStore`): list `_delta_log/`, find the latest
 * version, read one commit, read the `_last_checkpoint` hint. Writing commits lives in
 * `log/commit*.ts` (the writer), built on the same {@link ObjectStore}.
 */
import { readdir } from 'node:fs/promises'
import type { Action } from '../protocol/actions.js'
import { parseActions } from '../protocol/parse-actions.js'
import {
  DamagedCommitError,
  InvalidLogError,
  NotADeltaTableError,
  ObjectNotFoundError,
} from '../lake-errors.js'
import type { ObjectMeta, ObjectStore } from '../store/object-store.js'
import { classifyLogFile, commitPath, LOG_DIR, type LogFile } from './log-files.js'

/** The `_last_checkpoint` hint (PROTOCOL.md "Last Checkpoint File Schema"). */
export interface LastCheckpoint {
  readonly version: number
  readonly size?: number
  readonly parts?: number
  readonly sizeInBytes?: number
  readonly numOfAddFiles?: number
  readonly [key: string]: unknown
}

/** What `_delta_log/` holds, by kind, sorted by version. */
export interface LogListing {
  /** JSON commits by version. */
  readonly commits: ReadonlyMap<number, ObjectMeta>
  /** Every checkpoint file (parts of multi-part checkpoints separately). */
  readonly checkpoints: readonly Extract<LogFile, { kind: 'checkpoint' }>[]
  /** Highest commit or checkpoint version; -1 when the log holds neither. */
  readonly latest: number
}

const decoder = new TextDecoder()

/**
 * The tag of `commitInfo` in which pitwall records how many actions follow it, so that a commit
 * cut short exactly at a line break is recognised too (`commitInfo.tags` is free-form).
 */
export const ACTION_COUNT_TAG = 'pitwall.actions'

function recordedActionCount(actions: readonly Action[]): number | undefined {
  for (const a of actions) {
    if (!('commitInfo' in a)) continue
    const tags = a.commitInfo['tags']
    if (typeof tags !== 'object' || tags === null) return undefined
    const n = (tags as Record<string, unknown>)[ACTION_COUNT_TAG]
    return typeof n === 'string' && /^\d+$/.test(n) ? Number(n) : undefined
  }
  return undefined
}

/** Reads the Delta log of one table through an {@link ObjectStore} rooted at the table. */
export class LogStore {
  constructor(readonly store: ObjectStore) {}

  /**
   * Lists and classifies `_delta_log/`. Without `times`, a store on local disk is listed by name
   * only (one `readdir`, no `stat` per file — opening a table with thousands of commits must not
   * cost thousands of system calls); `size`/`modified` are then `NaN`. Pass `times: true` when
   * commit timestamps are needed (time travel by timestamp, history, CDF).
   * @throws NotADeltaTableError when there is no log.
   */
  async listLog(options: { readonly times?: boolean } = {}): Promise<LogListing> {
    const metas = options.times === true ? await this.store.list(LOG_DIR) : await this.listNames()
    const commits = new Map<number, ObjectMeta>()
    const checkpoints: Extract<LogFile, { kind: 'checkpoint' }>[] = []
    let latest = -1
    for (const meta of metas) {
      const f = classifyLogFile(meta)
      if (f === undefined) continue
      if (f.kind === 'commit') {
        commits.set(f.version, meta)
        latest = Math.max(latest, f.version)
      } else if (f.kind === 'checkpoint') {
        checkpoints.push(f)
        latest = Math.max(latest, f.version)
      }
    }
    if (latest < 0) throw new NotADeltaTableError(this.store.root)
    checkpoints.sort((a, b) => a.version - b.version || a.part - b.part)
    return { commits, checkpoints, latest }
  }

  /**
   * The objects directly in `_delta_log/`, sorted by path: names only on local disk (`size` and
   * `modified` are `NaN`; ask `store.head` where they matter), as the store lists them otherwise.
   */
  async listFiles(): Promise<ObjectMeta[]> {
    return this.listNames()
  }

  private async listNames(): Promise<ObjectMeta[]> {
    // A cache folder (stores with `prefetch`) is not the log: list the store itself.
    const dir = this.store.prefetch === undefined ? this.store.localPath?.(LOG_DIR) : undefined
    if (dir === undefined) return this.store.list(LOG_DIR)
    try {
      const names = await readdir(dir)
      return names.sort().map((n) => ({ path: `${LOG_DIR}/${n}`, size: NaN, modified: NaN }))
    } catch (cause) {
      const code = (cause as { code?: unknown }).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return []
      throw cause
    }
  }

  /** The newest version in the log (commit or checkpoint). */
  async latestVersion(): Promise<number> {
    return (await this.listLog()).latest
  }

  /**
   * Reads and parses the JSON commit of `version`.
   * @throws InvalidLogError when it is missing; DamagedCommitError when it is empty, not valid
   *   JSON, or holds fewer actions than its `commitInfo` recorded (a write cut short).
   */
  async readCommit(version: number): Promise<Action[]> {
    const path = commitPath(version)
    let bytes: Uint8Array
    try {
      bytes = await this.store.get(path)
    } catch (cause) {
      if (cause instanceof ObjectNotFoundError) {
        throw new InvalidLogError(`commit ${version} of ${this.store.root} is missing (${path})`, {
          cause,
          context: { table: this.store.root, version },
        })
      }
      throw cause
    }
    const file = this.store.localPath?.(path) ?? `${this.store.root}/${path}`
    if (bytes.byteLength === 0) throw await this.damaged(version, file, 'is empty (0 bytes)')
    const text = decoder.decode(bytes)
    let actions: Action[]
    try {
      actions = parseActions(text, file)
    } catch (cause) {
      if (!(cause instanceof InvalidLogError)) throw cause
      const line = (cause.context as { line?: number }).line
      throw await this.damaged(
        version,
        file,
        'is not valid JSON (the file was cut short or is corrupt)',
        cause,
        line,
      )
    }
    const recorded = recordedActionCount(actions)
    if (recorded !== undefined) {
      const lines = text.split('\n').filter((l) => l.trim() !== '').length - 1
      if (lines !== recorded) {
        throw await this.damaged(
          version,
          file,
          `is cut short (it holds ${lines} of the ${recorded} actions its commitInfo recorded)`,
        )
      }
    }
    return actions
  }

  private async damaged(
    version: number,
    file: string,
    problem: string,
    cause?: unknown,
    line?: number,
  ): Promise<DamagedCommitError> {
    const last = (await this.store.head(commitPath(version + 1))) === undefined
    return new DamagedCommitError(
      {
        table: this.store.root,
        version,
        file,
        ...(line === undefined ? {} : { line }),
        last,
        problem,
      },
      cause === undefined ? {} : { cause },
    )
  }

  /** Reads one log file as text. */
  async readText(path: string): Promise<string> {
    return decoder.decode(await this.store.get(path))
  }

  /**
   * Reads `_delta_log/_last_checkpoint`. Returns `undefined` when it is missing or corrupt: it is
   * only a hint, and a half-written one must never stop a table from opening.
   */
  async readLastCheckpoint(): Promise<LastCheckpoint | undefined> {
    return (await this.readLastCheckpointHint()).hint
  }

  /** Reads `_last_checkpoint` and says whether it was absent, corrupt or valid. */
  async readLastCheckpointHint(): Promise<{
    readonly status: 'absent' | 'corrupt' | 'valid'
    readonly hint?: LastCheckpoint
  }> {
    let text: string
    try {
      text = await this.readText(`${LOG_DIR}/_last_checkpoint`)
    } catch (cause) {
      if (cause instanceof ObjectNotFoundError) return { status: 'absent' }
      throw cause
    }
    try {
      const value: unknown = JSON.parse(text)
      if (typeof value !== 'object' || value === null) return { status: 'corrupt' }
      const v = (value as { version?: unknown }).version
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return { status: 'corrupt' }
      const parts = (value as { parts?: unknown }).parts
      if (parts !== undefined && (typeof parts !== 'number' || parts < 1))
        return { status: 'corrupt' }
      return { status: 'valid', hint: value as LastCheckpoint }
    } catch {
      return { status: 'corrupt' }
    }
  }
}
