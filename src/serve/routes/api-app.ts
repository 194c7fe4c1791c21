/**
 * @module serve/routes/api-app
 * The app type routes register on, and `send()`, which answers a route with a body checked
 * against `api-types.ts` (the zod schema of the same route documents it).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ApiResponses, ApiRoute } from '../api-types.js'
import type { ServeEnv } from '../serve-options.js'

/** The API app. */
export type Api = OpenAPIHono<ServeEnv>

/** Answers 200 with `body`, typed by the route's entry in `ApiResponses`. */
export function send<K extends ApiRoute>(c: Context<ServeEnv>, _route: K, body: ApiResponses[K]) {
  return c.json(body as never, 200)
}

/** The security requirement of every authenticated route. */
export const BEARER = [{ bearer: [] }]
