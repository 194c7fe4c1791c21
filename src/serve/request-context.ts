/**
 * @module serve/request-context
 * Per-request plumbing: a request id (answered as `X-Request-Id`), the client address, the audit
 * context handed to the governed reader, and a last-resort audit record for requests that ended
 * without one (a 404, a validation error), so every request lands in the audit log exactly once.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import { randomUUID } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import type { AuditOutcome, ReadContext } from '../catalog/index.js'
import { statusOfOutcome } from './http-errors.js'
import { isPrepared } from './response-headers.js'
import type { ServeEnv, ServeOptions } from './serve-options.js'

/** The client's address, when served over a socket. */
function clientAddress(c: Context<ServeEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null // app.request() in tests: no socket
  }
}

/** Route templates by Hono route path (`/api/sessions/:session_key` → `…/{session_key}`). */
const templates = new Map<string, string>()

/** The route template of the handler running now (`GET /api/sessions/{session_key}`). */
export function routeOf(c: Context<ServeEnv>): string {
  const routePath = c.req.routePath
  let template = templates.get(routePath)
  if (template === undefined) {
    template = routePath.replace(/:(\w+)/g, '{$1}')
    // Route paths are the app's own (a few dozen): the map stays small.
    if (templates.size < 1000) templates.set(routePath, template)
  }
  const path = template === '*' || template === '/*' ? c.req.path.slice(0, 200) : template
  return `${c.req.method} ${path}`
}

/** The audit context of this request for `action`; the request counts as audited from now on. */
export function readContext(c: Context<ServeEnv>, action: string): ReadContext {
  c.set('audited', true)
  return {
    requestId: c.get('requestId'),
    action,
    resource: routeOf(c),
    clientAddress: c.get('clientAddress'),
    statusOf: statusOfOutcome,
  }
}

/** The outcome a final status stands for. */
function outcomeOfStatus(status: number): AuditOutcome {
  if (status < 400) return 'ok'
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'denied'
  if (status === 504) return 'timeout'
  if (status >= 500) return 'failed'
  return 'refused'
}

/** Request id, client address, and the audit record of requests nothing else audited. */
export function requestContext(options: ServeOptions): MiddlewareHandler<ServeEnv> {
  return async (c, next) => {
    const started = performance.now()
    const time = new Date()
    const requestId = randomUUID()
    c.set('requestId', requestId)
    c.set('clientAddress', clientAddress(c))
    c.set('audited', false)
    await next()
    // Set in place (`c.header` on a finished response makes Hono copy it); prepared JSON answers
    // carry it already (response-headers.ts).
    if (!isPrepared(c.res) && !c.res.headers.has('X-Request-Id')) {
      try {
        c.res.headers.set('X-Request-Id', requestId)
      } catch {
        c.header('X-Request-Id', requestId)
      }
    }
    if (!c.get('audited') && c.req.path.startsWith('/api/') && !OPEN_PATHS.has(c.req.path)) {
      const ctx = readContext(c, 'api.request')
      options.reader.record(
        {
          ...ctx,
          resource: `${c.req.method} ${c.req.path.slice(0, 200)}`,
          statusOf: () => c.res.status,
        },
        {
          principal: c.get('identity')?.name ?? null,
          outcome: outcomeOfStatus(c.res.status),
          time,
          started,
        },
      )
    }
  }
}

/** Routes that answer without a token (and are not audited: they read nothing). */
export const OPEN_PATHS: ReadonlySet<string> = new Set([
  '/api/health',
  '/api/openapi.json',
  '/api/docs',
])
