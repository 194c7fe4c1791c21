/**
 * @module serve/exports
 * Streamed exports of a governed read. CSV is written chunk by chunk as the client reads it (a
 * pull stream: DuckDB computes the next rows only when the socket wants them), so no result is
 * ever whole in memory. Parquet is written by DuckDB (`COPY … TO`, one file in the export folder)
 * and streamed from disk, then deleted. Either way the read's audit record is written when the
 * stream ends — with the rows sent, or `failed` when the client went away.
 */
import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { GovernedResult } from '../catalog/index.js'
import type { JsonValue, ResultRow } from '../engine/index.js'

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function csvLine(values: readonly (JsonValue | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}

/** The rows of `result` as a CSV byte stream (header first). Closes the result at the end. */
export function csvStream(result: GovernedResult): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const names = result.columns.map((c) => c.name)
  const chunks = result.chunks()
  let header = true
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (header) {
        header = false
        controller.enqueue(encoder.encode(csvLine(names)))
        return
      }
      let next: IteratorResult<ResultRow[]>
      try {
        next = await chunks.next()
      } catch (error) {
        await result.close()
        controller.error(error)
        return
      }
      if (next.done === true) {
        await result.close()
        controller.close()
        return
      }
      controller.enqueue(
        encoder.encode(next.value.map((r) => csvLine(names.map((n) => r[n]))).join('')),
      )
    },
    async cancel() {
      await result.close('failed', 'the client closed the download')
    },
  })
}

/** A file written by the export, streamed to the client and deleted afterwards. */
export async function fileStream(
  path: string,
): Promise<{ stream: ReadableStream<Uint8Array>; size: number }> {
  const { size } = await stat(path)
  const node = createReadStream(path)
  const cleanup = (): void => {
    void rm(path, { force: true })
  }
  node.once('close', cleanup)
  node.once('error', cleanup)
  return { stream: Readable.toWeb(node) as ReadableStream<Uint8Array>, size }
}

/** `Content-Disposition` for a download named `name` (already a safe file name). */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}"`
}

/** A 200 answer streaming `result` as a CSV download named `name`. */
export function csvResponse(result: GovernedResult, name: string): Response {
  return new Response(csvStream(result), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(name),
    },
  })
}
