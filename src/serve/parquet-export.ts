/**
 * @module serve/parquet-export
 * Parquet exports: DuckDB writes the read's rows (capped) to one file in the export folder with
 * `COPY … TO`, then the file is streamed to the client and deleted. The read is governed like any
 * other (user SQL is checked by the guard first and only ever embedded whole).
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Context } from 'hono'
import type { ReadTable } from '../catalog/index.js'
import { sqlString } from '../core/index.js'
import { attachment, fileStream } from './exports.js'
import { readContext } from './request-context.js'
import type { ServeEnv, ServeOptions } from './serve-options.js'

/** Writes `read` as a Parquet file with DuckDB, then streams it (see `exports.ts`). */
export async function parquetExport(
  c: Context<ServeEnv>,
  options: ServeOptions,
  read:
    { readonly sql: string; readonly tables: readonly ReadTable[] } | { readonly userSql: string },
  file: string,
): Promise<Response> {
  const path = join(options.exportDir, `${randomUUID()}.parquet`)
  const cap = options.limits.exportMaxRows
  const copy = (select: string) =>
    `COPY (SELECT * FROM (\n${select.replace(/[\s;]+$/, '')}\n) AS export LIMIT ${cap}) TO ${sqlString(path)} (FORMAT parquet)`
  const limits = { maxRows: 1, timeoutMs: options.limits.exportTimeoutMs }
  const result =
    'userSql' in read
      ? await options.reader.sql(
          c.get('identity'),
          read.userSql,
          readContext(c, 'sql.export'),
          limits,
          copy,
        )
      : await options.reader.read(
          c.get('identity'),
          { sql: copy(read.sql), tables: read.tables },
          readContext(c, 'api.export'),
          limits,
        )
  let written: number
  try {
    const [row] = await result.all()
    written = Number(Object.values(row ?? {})[0] ?? 0)
  } catch (error) {
    await result.close()
    throw error
  }
  await result.close(undefined, undefined, written)
  const { stream, size } = await fileStream(path)
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/vnd.apache.parquet',
      'Content-Length': String(size),
      'Content-Disposition': attachment(file),
    },
  })
}
