/**
 * @module serve/response-headers
 * The headers every answer carries — the security headers (those of Hono's `secureHeaders()`
 * with its defaults) and `X-Request-Id` — and prepared JSON answers, which carry them from the
 * start as one plain object. Set one by one after the handler, each header goes through a WHATWG
 * `Headers` (validated, then sorted and copied back into a plain object by the Node adapter): on
 * the read routes under load that cost more than answering from the result cache.
 */
import type { MiddlewareHandler } from 'hono'

/** The security headers of every answer (Hono's `secureHeaders()` defaults; a test checks). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
}

const SECURITY_LIST = Object.entries(SECURITY_HEADERS)

/** Answers that already carry every header (see {@link jsonAnswer}). */
const prepared = new WeakSet<Response>()

/** A 200 answer of a JSON text, with the security headers and `X-Request-Id` already on it. */
export function jsonAnswer(requestId: string, json: string): Response {
  const response = new Response(json, {
    status: 200,
    headers: {
      'content-type': 'application/json',
      ...SECURITY_HEADERS,
      'x-request-id': requestId,
    },
  })
  prepared.add(response)
  return response
}

/** True for an answer built by {@link jsonAnswer} (it needs no header added). */
export function isPrepared(response: Response): boolean {
  return prepared.has(response)
}

/** Adds the security headers to every answer that does not carry them yet. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (prepared.has(c.res)) return
    const headers = c.res.headers
    for (const [name, value] of SECURITY_LIST) headers.set(name, value)
  }
}
