/**
 * @module serve/reads
 * How routes read: every read goes through the catalog's governed reader (grants, sandboxed
 * engine, limits, audit) as trusted SQL the route composed over the tables it names. Values from
 * the request reach SQL only as validated numbers or through `sqlString`.
 */
import type { Context } from 'hono'
import type { ReadTable } from '../catalog/index.js'
import { sqlQualified } from '../core/index.js'
import type { ResultRow } from '../engine/index.js'
import type { Page } from './api-types.js'
import { readContext } from './request-context.js'
import type { ServeEnv, ServeOptions } from './serve-options.js'

/** A table of the default catalog. */
export function tableIn(catalog: string, schema: string, table: string): ReadTable {
  return { catalog, schema, table }
}

/** A table's quoted three-part name for SQL. */
export function sqlTable(t: ReadTable): string {
  return sqlQualified([t.catalog, t.schema, t.table])
}

/** A trusted read: SQL composed by a route and the tables it reads. */
export interface RouteRead {
  readonly sql: string
  readonly tables: readonly ReadTable[]
}

/** Every row of a read, up to `maxRows` (the server's row cap by default). */
export async function readRows(
  c: Context<ServeEnv>,
  options: ServeOptions,
  read: RouteRead,
  maxRows = options.limits.maxRows,
  action = 'api.read',
): Promise<ResultRow[]> {
  const result = await options.reader.read(c.get('identity'), read, readContext(c, action), {
    maxRows,
    timeoutMs: options.limits.timeoutMs,
  })
  try {
    return await result.all()
  } finally {
    await result.close()
  }
}

/** One page of a read: `sql` must be ordered; the page's LIMIT/OFFSET are added here. */
export async function readPage<T>(
  c: Context<ServeEnv>,
  options: ServeOptions,
  read: RouteRead,
  page: { readonly limit: number; readonly offset: number },
): Promise<Page<T>> {
  return (await readPageWith(c, options, read, page, (p) => p)) as Page<T>
}

/**
 * One page of a read as its JSON text: the text is kept with the cached result (see
 * `GovernedResult.derive`), so while the tables keep their versions a repeated request costs
 * neither the query nor the serialization.
 */
export function readPageJson(
  c: Context<ServeEnv>,
  options: ServeOptions,
  read: RouteRead,
  page: { readonly limit: number; readonly offset: number },
): Promise<string> {
  return readPageWith(c, options, read, page, (p) => JSON.stringify(p), 'page-json')
}

/** Page texts longer than this are not kept with a cached result (the cache's memory stays small). */
const MAX_KEPT_JSON = 256 * 1024

/** Reads a page and turns it into `T` (kept with a cached result under `derivedAs`). */
async function readPageWith<T>(
  c: Context<ServeEnv>,
  options: ServeOptions,
  read: RouteRead,
  page: { readonly limit: number; readonly offset: number },
  make: (page: Page<ResultRow>) => T,
  derivedAs?: string,
): Promise<T> {
  const sql = `${read.sql}\nLIMIT ${page.limit + 1} OFFSET ${page.offset}`
  const result = await options.reader.read(
    c.get('identity'),
    { sql, tables: read.tables },
    readContext(c, 'api.read'),
    { maxRows: page.limit + 1, timeoutMs: options.limits.timeoutMs },
  )
  try {
    const rows = await result.all()
    // The page's limit and offset are in the SQL, so the result's cache key covers them.
    const build = () =>
      make({
        items: rows.slice(0, page.limit),
        limit: page.limit,
        offset: page.offset,
        next_offset: rows.length > page.limit ? page.offset + page.limit : null,
      })
    return derivedAs === undefined
      ? build()
      : result.derive(derivedAs, build, (v) => typeof v !== 'string' || v.length <= MAX_KEPT_JSON)
  } finally {
    await result.close()
  }
}

/** A whole list as one page (for answers small by nature). */
export function onePage<T>(items: readonly T[]): Page<T> {
  return { items, limit: Math.max(items.length, 1), offset: 0, next_offset: null }
}

/** The SELECT list of a row schema's columns. */
export function columnsOf(shape: Readonly<Record<string, unknown>>): string {
  return Object.keys(shape)
    .map((k) => sqlQualified([k]))
    .join(', ')
}
