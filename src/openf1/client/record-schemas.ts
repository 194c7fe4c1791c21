/**
 * @module openf1/client/record-schemas
 * Tolerant zod schemas of every endpoint's record, derived from the field catalogue in core
 * (`OPENF1_FIELDS`, API.md §4): unknown fields are kept, missing fields are accepted, and a wrong
 * type is reported as a warning by {@link checkRecords}, never a crash. The catalogue describes
 * what the API has been seen to send, quirks included.
 */
import { z } from 'zod'
import { OPENF1_FIELDS, type FieldKind } from '../../core/index.js'

type Kinds = typeof OPENF1_FIELDS

const ZOD_OF: Readonly<Record<FieldKind, z.ZodType>> = {
  int: z.number().int().nullable().optional(),
  num: z.number().nullable().optional(),
  str: z.string().nullable().optional(),
  date: z.string().nullable().optional(),
  bool: z.boolean().nullable().optional(),
  gap: z
    .union([z.number(), z.string(), z.array(z.union([z.number(), z.string(), z.null()]))])
    .nullable()
    .optional(),
  segments: z.array(z.number().int().nullable()).nullable().optional(),
}

const isGapItem = (v: unknown): boolean =>
  v === null || typeof v === 'number' || typeof v === 'string'

/** Fast checks, equivalent to {@link ZOD_OF}; zod only explains the records that fail them. */
const CHECK_OF: Readonly<Record<FieldKind, (v: unknown) => boolean>> = {
  int: (v) => v === undefined || v === null || Number.isInteger(v),
  num: (v) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v)),
  str: (v) => v === undefined || v === null || typeof v === 'string',
  date: (v) => v === undefined || v === null || typeof v === 'string',
  bool: (v) => v === undefined || v === null || typeof v === 'boolean',
  gap: (v) => v === undefined || isGapItem(v) || (Array.isArray(v) && v.every(isGapItem)),
  segments: (v) =>
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.every((x) => x === null || Number.isInteger(x))),
}

type ZodShape<F> = { [K in keyof F]: z.ZodType }
type TsOf<K> = K extends 'int' | 'num'
  ? number | null | undefined
  : K extends 'str' | 'date'
    ? string | null | undefined
    : K extends 'bool'
      ? boolean | null | undefined
      : K extends 'segments'
        ? (number | null)[] | null | undefined
        : number | string | (number | string | null)[] | null | undefined

function toZod<F extends Record<string, FieldKind>>(fields: F): z.ZodType {
  const shape: Partial<ZodShape<F>> = {}
  for (const [k, kind] of Object.entries(fields))
    (shape as Record<string, z.ZodType>)[k] = ZOD_OF[kind]
  return z.looseObject(shape as Record<string, z.ZodType>)
}

/** Tolerant zod schemas by endpoint name: unknown fields kept, missing fields accepted. */
export const RECORD_SCHEMAS: { readonly [E in keyof Kinds]: z.ZodType } = Object.fromEntries(
  Object.entries(OPENF1_FIELDS).map(([e, f]) => [e, toZod(f)]),
) as { readonly [E in keyof Kinds]: z.ZodType }

/** An endpoint name. */
export type EndpointName = keyof Kinds

/** The typed record of an endpoint (unknown fields allowed). */
export type OpenF1Record<E extends EndpointName> = { [K in keyof Kinds[E]]?: TsOf<Kinds[E][K]> } & {
  readonly [extra: string]: unknown
}

/** A session as `/sessions` returns it. */
export type SessionRecord = OpenF1Record<'sessions'>
/** A meeting as `/meetings` returns it. */
export type MeetingRecord = OpenF1Record<'meetings'>

/** One problem found in a response's records. */
export interface RecordIssue {
  /** Index of the record in the response. */
  readonly index: number
  /** Dotted path of the field. */
  readonly path: string
  /** What is wrong. */
  readonly message: string
}

/** The result of {@link checkRecords}. */
export interface RecordCheck {
  /** Records that are not JSON objects or have a wrong-typed field. */
  readonly invalid: number
  /** The first few issues (at most `maxIssues`). */
  readonly issues: readonly RecordIssue[]
}

/**
 * Checks `records` against the endpoint's schema. Never throws: wrong types are counted and the
 * first `maxIssues` are described, so a caller can warn and keep the data as received.
 */
export function checkRecords(
  endpoint: EndpointName,
  records: readonly unknown[],
  maxIssues = 5,
): RecordCheck {
  const schema = RECORD_SCHEMAS[endpoint]
  const fields: Readonly<Record<string, FieldKind>> = OPENF1_FIELDS[endpoint]
  const checks = Object.entries(fields).map(([k, kind]) => [k, CHECK_OF[kind]] as const)
  const issues: RecordIssue[] = []
  let invalid = 0
  records.forEach((record, index) => {
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
      const r = record as Record<string, unknown>
      if (checks.every(([k, ok]) => ok(r[k]))) return
    }
    const result = schema.safeParse(record)
    if (result.success) return
    invalid++
    for (const issue of result.error.issues) {
      if (issues.length >= maxIssues) break
      issues.push({ index, path: issue.path.join('.') || '(record)', message: issue.message })
    }
  })
  return { invalid, issues }
}
