/**
 * @module serve/api-basics
 * The API's answers that no zod schema derives from: the error shape, its stable codes, health
 * and the caller's identity. A leaf (it imports nothing), so the schemas can check themselves
 * against these types without an import circle through `api-types.ts`, which re-exports them.
 */

/**
 * Every error, as `application/problem+json` (RFC 9457). `code` is stable (clients switch on it);
 * `detail` is for people and never contains server paths, tokens or stack traces.
 */
export interface ApiProblem {
  /** `https://pitwall.dev/problems/<code>` (documentation, not fetched). */
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  /** See {@link PROBLEM_CODES}. */
  readonly code: ProblemCode
  /** The request's id (also the `X-Request-Id` header and the audit log's `request_id`). */
  readonly request_id: string
  /** Field-level problems of a rejected request (query, path or body). */
  readonly errors?: readonly { readonly path: string; readonly message: string }[]
}

/** The stable error codes and their HTTP status. */
export const PROBLEM_CODES = {
  'invalid-request': 400,
  'sql-refused': 400,
  'query-failed': 400,
  unauthorized: 401,
  'access-denied': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'query-timeout': 504,
  internal: 500,
} as const

/** A stable error code. */
export type ProblemCode = keyof typeof PROBLEM_CODES

/** `GET /api/health` (no token). Says nothing about the data. */
export interface Health {
  readonly status: 'ok'
  readonly version: string
  readonly time: string
}

/** `GET /api/me`: who the token acts as. */
export interface Me {
  readonly principal: string
  readonly kind: 'user' | 'service_principal' | 'group'
  /** Groups it belongs to (directly or nested); their grants apply too. */
  readonly groups: readonly string[]
  /** Catalogs it may use. */
  readonly catalogs: readonly string[]
  /** The catalog two-part SQL names resolve in. */
  readonly default_catalog: string
}
