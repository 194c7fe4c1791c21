/**
 * @module serve/auth
 * Bearer-token authentication of every `/api/` route but the open ones: `Authorization: Bearer
 * <token>` (created with `pitwall tokens create`) → the identity the request acts as. A missing,
 * malformed, unknown, revoked or expired token gets the same 401 (the client learns nothing about
 * which); the audit log records the real reason, never the token.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { IncomingMessage } from 'node:http'
import { problem } from './http-errors.js'
import { OPEN_PATHS, readContext } from './request-context.js'
import type { ServeEnv, ServeOptions } from './serve-options.js'

const BEARER = /^Bearer\s+(\S+)\s*$/i

/**
 * The request's `Authorization` header. Served by `@hono/node-server`, it is read from Node's
 * request: `c.req.header()` would first copy every request header into a WHATWG `Headers`.
 */
function authorization(c: Context<ServeEnv>): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (incoming === undefined) return c.req.header('Authorization') // app.request() in tests
  const value = incoming.headers.authorization
  return typeof value === 'string' ? value : undefined
}

/** Authenticates `/api/*` requests (except {@link OPEN_PATHS}). */
export function authenticate(options: ServeOptions): MiddlewareHandler<ServeEnv> {
  const access = options.reader.access
  return async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next()
    const started = performance.now()
    const header = authorization(c)
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1]
    let reason: string
    if (token === undefined) {
      reason = header === undefined ? 'no Authorization header' : 'Authorization is not Bearer'
    } else {
      const result = await access.authenticate(token)
      if ('identity' in result) {
        c.set('identity', result.identity)
        return next()
      }
      reason = `token ${result.rejected}`
    }
    options.reader.record(readContext(c, 'api.authenticate'), {
      principal: null,
      outcome: 'unauthenticated',
      reason,
      started,
    })
    return problem(
      c,
      'unauthorized',
      token === undefined
        ? 'send a token: Authorization: Bearer <token> (create one with pitwall tokens create)'
        : 'the token is not valid (unknown, revoked or expired)',
    )
  }
}
