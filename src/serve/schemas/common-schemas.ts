/**
 * @module serve/schemas/common-schemas
 * The zod building blocks of the API's schemas: column kinds, pagination, problem+json, and
 * `page()` for list answers. The answers' types in `api-types*.ts` are inferred from the schemas
 * (the few hand-written ones here — problem, health, me — are checked with `satisfies`), so the
 * OpenAPI document and the dashboard's types cannot drift.
 */
import { z } from '@hono/zod-openapi'
import type { JsonValue } from '../api-answer.js'
import type { ApiProblem, Health, Me } from '../api-basics.js'

/** An integer column. */
export const int = z.number().int()
/** A floating-point column. */
export const num = z.number()
/** A text column. */
export const str = z.string()
/** A boolean column. */
export const bool = z.boolean()
/** `t` or null (a nullable column). */
export const n = <T extends z.ZodType>(t: T) => t.nullable()
/** A timestamp as ISO-8601 text. */
export const ts = z.string().meta({ format: 'date-time', example: '2024-06-30T13:00:00.000000Z' })
/** Any JSON value (typed as the API's `JsonValue`; documented as any). */
export const json = z
  .unknown()
  .openapi({ description: 'any JSON value' }) as unknown as z.ZodType<JsonValue>

/** Largest page a list route returns. */
export const MAX_LIMIT = 10_000
/** Largest offset accepted (deeper pages are a sign of scraping: use an export). */
export const MAX_OFFSET = 10_000_000

/** `?limit=&offset=` with a route's default limit. */
export function pageQuery(defaultLimit: number) {
  return z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_LIMIT)
      .default(defaultLimit)
      .openapi({ description: `rows per page, 1–${MAX_LIMIT}` }),
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_OFFSET)
      .default(0)
      .openapi({ description: 'rows to skip' }),
  })
}

/** A list answer of `item` rows. */
export function page<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      limit: int,
      offset: int,
      next_offset: int.nullable(),
    })
    .openapi(name)
}

/** An error as `application/problem+json`. */
export const ProblemSchema = z
  .object({
    type: str,
    title: str,
    status: int,
    detail: str,
    code: z.enum([
      'invalid-request',
      'sql-refused',
      'query-failed',
      'unauthorized',
      'access-denied',
      'not-found',
      'method-not-allowed',
      'payload-too-large',
      'unsupported-media-type',
      'query-timeout',
      'internal',
    ]),
    request_id: str,
    errors: z.array(z.object({ path: str, message: str })).optional(),
  })
  .openapi('Problem') satisfies z.ZodType<ApiProblem>

/** `GET /api/health`. */
export const HealthSchema = z
  .object({ status: z.literal('ok'), version: str, time: ts })
  .openapi('Health') satisfies z.ZodType<Health>

/** `GET /api/me`. */
export const MeSchema = z
  .object({
    principal: str,
    kind: z.enum(['user', 'service_principal', 'group']),
    groups: z.array(str),
    catalogs: z.array(str),
    default_catalog: str,
  })
  .openapi('Me') satisfies z.ZodType<Me>

/** A path segment that names a catalog, schema or table (lower-case identifier). */
export const identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,127}$/, 'must be a lower-case identifier (letters, digits, _)')

/** A short free-text filter value (no quotes, no SQL). */
export const filterText = z
  .string()
  .regex(/^[A-Za-z0-9 _.-]{1,64}$/, 'letters, digits, space, _ . - only (1–64)')

/** The problem responses every authenticated route documents. */
export const PROBLEM_RESPONSES = {
  400: {
    description: 'invalid request',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  401: {
    description: 'no valid token',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  403: {
    description: 'not granted',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  404: {
    description: 'not found',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  504: {
    description: 'query timed out',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const

/** The 200 answer of an export route: a streamed CSV or Parquet file. */
export const FILE_RESPONSE = {
  description: 'the file',
  content: {
    'text/csv': { schema: z.string() },
    'application/vnd.apache.parquet': { schema: z.string().openapi({ format: 'binary' }) },
  },
} as const
