/**
 * @module web/api/client
 * The dashboard's only way to the server: typed GETs of the API's routes (`ApiResponses` of
 * `src/serve/api-types.ts`), the SQL endpoint, and file downloads, each with the signed-in
 * token. Errors are {@link ApiError} with the problem's stable `code`.
 */
import {
  apiPath,
  type ApiProblem,
  type ApiQueries,
  type ApiResponses,
  type ApiRoute,
  type Page,
  type SqlResult,
} from '../../../src/serve/api-types.js'
import { token } from './auth.js'

/** A failed API call (the problem+json body when the server sent one). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** True when the principal may not read what was asked (403). */
  get denied(): boolean {
    return this.code === 'access-denied'
  }
}

/** Called on a 401 (the token is missing, expired or revoked). */
let onUnauthorized: () => void = () => undefined

/** Sets what happens on a 401 (the shell sends the user to sign in). */
export function handleUnauthorized(fn: () => void): void {
  onUnauthorized = fn
}

type Query<R extends ApiRoute> = R extends keyof ApiQueries ? ApiQueries[R] : Record<string, never>
type Params = Readonly<Record<string, string | number>>

async function send(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<Response> {
  const headers = new Headers(init.headers)
  const t = token()
  if (t !== null) headers.set('Authorization', `Bearer ${t}`)
  const response = await fetch(path, { ...init, headers, ...(signal ? { signal } : {}) })
  if (response.ok) return response
  let problem: Partial<ApiProblem> = {}
  try {
    problem = (await response.json()) as Partial<ApiProblem>
  } catch {
    // Not problem+json (a proxy's page): the status says enough.
  }
  if (response.status === 401) onUnauthorized()
  throw new ApiError(
    response.status,
    problem.code ?? `http-${response.status}`,
    problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`,
  )
}

/** GETs a route: `get('GET /api/sessions/{session_key}', { session_key: 9550 })`. */
export async function get<R extends ApiRoute>(
  route: R,
  params: Params = {},
  query: Partial<Query<R>> = {},
  signal?: AbortSignal,
): Promise<ApiResponses[R]> {
  const path = apiPath(route, params, query as Record<string, string | number | undefined>)
  const response = await send(path, {}, signal)
  return (await response.json()) as ApiResponses[R]
}

type PageItem<R extends ApiRoute> = ApiResponses[R] extends Page<infer T> ? T : never

/** Every item of a paged route (pages of 10,000, at most `maxPages`). */
export async function getAll<R extends ApiRoute>(
  route: R,
  params: Params = {},
  query: Partial<Query<R>> = {},
  signal?: AbortSignal,
  maxPages = 20,
): Promise<PageItem<R>[]> {
  const items: PageItem<R>[] = []
  let offset: number | null = 0
  for (let n = 0; offset !== null && n < maxPages; n++) {
    const page = (await get(
      route,
      params,
      { ...query, limit: 10_000, offset } as Partial<Query<R>>,
      signal,
    )) as unknown as Page<PageItem<R>>
    items.push(...page.items)
    offset = page.next_offset
  }
  return items
}

/** Runs a read-only query on `POST /api/sql`. */
export async function sql(text: string, limit?: number, signal?: AbortSignal): Promise<SqlResult> {
  const response = await send(
    '/api/sql',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(limit === undefined ? { sql: text } : { sql: text, limit }),
    },
    signal,
  )
  return (await response.json()) as SqlResult
}

/** Downloads a file from an authenticated route (GET, or POST with a JSON body). */
export async function download(path: string, filename: string, body?: unknown): Promise<void> {
  const init: RequestInit =
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }
  const blob = await (await send(path, init)).blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Whether a promise failed because the principal may not read it. */
export function isDenied(error: unknown): boolean {
  return error instanceof ApiError && error.denied
}
