/**
 * @module serve/routes/api-app
 * What every route module uses: the app type routes register on, `send()`, which answers a
 * route with a body checked against `api-types.ts` (the zod schema of the same route documents
 * it), `sendJson()` (the same answer already serialized), `ok()` (a route's documented answers) and the audit record of a metadata read.
 */
import type { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ApiResponses, ApiRoute } from '../api-types.js'
import { readContext } from '../request-context.js'
import { jsonAnswer } from '../response-headers.js'
import { PROBLEM_RESPONSES } from '../schemas/common-schemas.js'
import type { ServeEnv, ServeOptions } from '../serve-options.js'

/** The API app. */
export type Api = OpenAPIHono<ServeEnv>

/** Answers 200 with `body`, typed by the route's entry in `ApiResponses`. */
export function send<K extends ApiRoute>(c: Context<ServeEnv>, _route: K, body: ApiResponses[K]) {
  return c.json(body as never, 200)
}

/**
 * Answers 200 with a JSON text already serialized from a body of the route's type (e.g. by
 * `readPageJson`), with every header on it from the start (response-headers.ts).
 */
export function sendJson<K extends ApiRoute>(c: Context<ServeEnv>, _route: K, json: string) {
  return jsonAnswer(c.get('requestId'), json) as unknown as ReturnType<typeof send<K>>
}

/** The security requirement of every authenticated route. */
export const BEARER = [{ bearer: [] }]

/** A 200 JSON answer of `schema`, beside the problems every authenticated route documents. */
export const ok = (schema: z.ZodType, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...PROBLEM_RESPONSES,
})

/** Audits an allowed read of metadata or artifacts (`objects`: the tables it concerned). */
export function recordMetadataRead(
  options: ServeOptions,
  c: Context<ServeEnv>,
  started: number,
  objects: readonly string[],
): void {
  options.reader.record(readContext(c, 'api.metadata'), {
    principal: c.get('identity').name,
    outcome: 'ok',
    objects,
    started,
  })
}
