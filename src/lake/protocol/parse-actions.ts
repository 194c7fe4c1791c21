/**
 * @module lake/protocol/parse-actions
 * (De)serialisation of log actions: newline-delimited JSON commits (`N.json`, V2 JSON
 * checkpoints) and rows of Parquet checkpoints (read by DuckDB, one nullable struct per action).
 * Unknown actions are skipped (PROTOCOL.md: readers must ignore them); unknown fields are kept.
 */
import { InvalidLogError } from '../lake-errors.js'
import type { Action, DeletionVectorDescriptor } from './actions.js'

/** The action keys this reader understands, in the order a checkpoint row is inspected. */
export const ACTION_KEYS = [
  'protocol',
  'metaData',
  'add',
  'remove',
  'cdc',
  'txn',
  'commitInfo',
  'domainMetadata',
  'checkpointMetadata',
  'sidecar',
] as const

/** One of {@link ACTION_KEYS}. */
export type ActionKey = (typeof ACTION_KEYS)[number]

const KNOWN = new Set<string>(ACTION_KEYS)

/**
 * Parses newline-delimited JSON actions. `source` names the file in errors.
 * @throws InvalidLogError naming the file and line when a line is not a JSON object.
 */
export function parseActions(text: string, source: string): Action[] {
  const out: Action[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (cause) {
      throw new InvalidLogError(`${source}:${i + 1} is not valid JSON`, {
        cause,
        context: { file: source, line: i + 1 },
        hint: 'the commit file is corrupt; restore it from a backup or time travel to an older version',
      })
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InvalidLogError(`${source}:${i + 1} is not a JSON object`, {
        context: { file: source, line: i + 1 },
      })
    }
    const action = toAction(value as Record<string, unknown>)
    if (action !== undefined) out.push(action)
  }
  return out
}

/**
 * Turns one object (a JSON line or a checkpoint row with one non-null struct per action kind)
 * into an action, or `undefined` when it holds no known action.
 */
export function toAction(row: Record<string, unknown>): Action | undefined {
  for (const [key, value] of Object.entries(row)) {
    if (!KNOWN.has(key) || value === null || value === undefined) continue
    if (typeof value !== 'object') continue
    if (key === 'add') return { add: fixAdd(value as Record<string, unknown>) } as unknown as Action
    return { [key]: value } as unknown as Action
  }
  return undefined
}

/** Checkpoints written with only `stats_parsed` carry no `stats` string: rebuild it. */
function fixAdd(add: Record<string, unknown>): Record<string, unknown> {
  const stats = add['stats']
  const parsed = add['stats_parsed']
  if ((stats === null || stats === undefined) && parsed !== null && parsed !== undefined) {
    return { ...add, stats: JSON.stringify(parsed) }
  }
  return add
}

/** Serialises actions as a commit file body: one JSON object per line, newline-terminated. */
export function serializeActions(actions: readonly Action[]): string {
  return actions.map((a) => JSON.stringify(a)).join('\n') + '\n'
}

/** The kind of an action (`'add'`, `'remove'`, …). */
export function actionKind(action: Action): ActionKey {
  return Object.keys(action)[0] as ActionKey
}

/** A deletion vector's unique id: storageType + pathOrInlineDv [+ '@' + offset]. */
export function dvUniqueId(dv: DeletionVectorDescriptor | null | undefined): string {
  if (dv === null || dv === undefined) return ''
  const offset = dv.offset === null || dv.offset === undefined ? '' : `@${dv.offset}`
  return `${dv.storageType}${dv.pathOrInlineDv}${offset}`
}
