/**
 * @module serve/http-errors
 * The one place errors become HTTP (STYLE.md §8): every failure is answered as
 * `application/problem+json` (RFC 9457) with a stable `code`, the request id, and a `detail` that
 * never carries server paths, tokens or stack traces. Unexpected errors are logged server-side
 * with the request id and answered as a plain `internal` problem.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import {
  AccessDeniedError,
  GovernedQueryError,
  InvalidTableNameError,
  QueryTimeoutError,
  SqlRefusedError,
  UnknownPrincipalError,
  type AuditOutcome,
} from '../catalog/index.js'
import { WarehouseError } from '../core/index.js'
import { PROBLEM_CODES, type ApiProblem, type ProblemCode } from './api-types.js'
import type { ServeEnv } from './serve-options.js'

const TITLES: Record<ProblemCode, string> = {
  'invalid-request': 'Invalid request',
  'sql-refused': 'Query refused',
  'query-failed': 'Query failed',
  unauthorized: 'Unauthorized',
  'access-denied': 'Access denied',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'query-timeout': 'Query timed out',
  internal: 'Internal error',
}

/** An error a route raises to answer with a given problem. */
export class ApiError extends WarehouseError {
  constructor(
    readonly problem: ProblemCode,
    detail: string,
    readonly errors?: readonly { path: string; message: string }[],
  ) {
    super(problem, detail)
  }
}

/** The problem body for `code`. */
export function problemBody(
  code: ProblemCode,
  detail: string,
  requestId: string,
  errors?: readonly { path: string; message: string }[],
): ApiProblem {
  return {
    type: `https://pitwall.dev/problems/${code}`,
    title: TITLES[code],
    status: PROBLEM_CODES[code],
    detail,
    code,
    request_id: requestId,
    ...(errors === undefined || errors.length === 0 ? {} : { errors }),
  }
}

/** Answers `c` with a problem. */
export function problem(
  c: Context<ServeEnv>,
  code: ProblemCode,
  detail: string,
  errors?: readonly { path: string; message: string }[],
): Response {
  const body = problemBody(code, detail, c.get('requestId') ?? 'unknown', errors)
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' }
  if (code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer realm="pitwall"'
  return new Response(JSON.stringify(body), { status: body.status, headers })
}

/** The problem code an error maps to, and the detail safe to show. */
export function classify(error: unknown): {
  code: ProblemCode
  detail: string
  errors?: readonly { path: string; message: string }[]
} {
  if (error instanceof ApiError) {
    return {
      code: error.problem,
      detail: error.message,
      ...(error.errors ? { errors: error.errors } : {}),
    }
  }
  if (error instanceof AccessDeniedError) return { code: 'access-denied', detail: error.message }
  if (error instanceof SqlRefusedError) return { code: 'sql-refused', detail: error.message }
  if (error instanceof QueryTimeoutError) return { code: 'query-timeout', detail: error.message }
  if (error instanceof GovernedQueryError) return { code: 'query-failed', detail: error.message }
  if (error instanceof UnknownPrincipalError)
    return { code: 'unauthorized', detail: 'the token is not valid' }
  if (error instanceof InvalidTableNameError) return { code: 'not-found', detail: 'no such table' }
  if (error instanceof HTTPException) {
    if (error.status === 413)
      return { code: 'payload-too-large', detail: 'the request body is too large' }
    if (error.status === 404) return { code: 'not-found', detail: 'not found' }
    if (error.status === 405) return { code: 'method-not-allowed', detail: 'method not allowed' }
    if (error.status < 500) return { code: 'invalid-request', detail: 'the request is not valid' }
  }
  return {
    code: 'internal',
    detail: 'internal error; the request id identifies it in the server log',
  }
}

/** The audit outcome of a problem code. */
export function outcomeOf(code: ProblemCode): AuditOutcome {
  switch (code) {
    case 'unauthorized':
      return 'unauthenticated'
    case 'access-denied':
      return 'denied'
    case 'query-timeout':
      return 'timeout'
    case 'query-failed':
    case 'internal':
      return 'failed'
    default:
      return 'refused'
  }
}

/** The HTTP status an audit outcome is answered with. */
export function statusOfOutcome(outcome: AuditOutcome): number {
  switch (outcome) {
    case 'ok':
    case 'truncated':
      return 200
    case 'denied':
      return 403
    case 'unauthenticated':
      return 401
    case 'refused':
      return 400
    case 'timeout':
      return 504
    case 'failed':
      return 400
  }
}
