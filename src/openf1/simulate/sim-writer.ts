/**
 * @module openf1/simulate/sim-writer
 * Streams records into a JSON array file (`.json`, or `.json.gz` at gzip level 1), with
 * backpressure, so large telemetry never sits in memory whole. Writes to a temp name and renames.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Writable } from 'node:stream'
import { createGzip } from 'node:zlib'

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((r) => stream.once('drain', () => r()))
}

/** Writes `records` (JSON texts) as one array to `path`; returns the record count. */
export async function writeJsonArray(
  path: string,
  records: Iterable<string>,
  gzip: boolean,
): Promise<number> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.tmp-${process.pid}`
  const file = createWriteStream(tmp)
  const done = new Promise<void>((resolve, reject) => {
    file.once('finish', () => resolve())
    file.once('error', reject)
  })
  const sink: Writable = gzip ? createGzip({ level: 1 }) : file
  if (gzip) sink.pipe(file)
  let count = 0
  let buffer = '['
  for (const record of records) {
    buffer += count === 0 ? record : `,${record}`
    count++
    if (buffer.length > 1 << 20) {
      await write(sink, buffer)
      buffer = ''
    }
  }
  await write(sink, `${buffer}]`)
  sink.end()
  await done
  await rename(tmp, path)
  return count
}

/** Serialises plain records for {@link writeJsonArray}. */
export function* jsonTexts(records: readonly unknown[]): Generator<string> {
  for (const r of records) yield JSON.stringify(r)
}
