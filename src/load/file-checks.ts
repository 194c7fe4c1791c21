/**
 * @module load/file-checks
 * Whether a landing file is whole before any of it is loaded (issue 11, "loading never loses a
 * file"). DuckDB reads a 0-byte or whitespace-only file as an empty array and a truncated gzip
 * stream as the objects before the cut, so "0 records" or "fewer records" is never taken at its
 * word: a file is loaded only when
 * - every element of its top-level array is an object,
 * - its record count equals the extraction manifest's for that file (when the manifest knows it),
 * - a file with no records really is `[]`, and
 * - a gzip file the manifest cannot vouch for decompresses to its end.
 * Anything else is quarantined with the reason, never recorded as loaded.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { gunzipSync, createGunzip } from 'node:zlib'
import type { FileShape } from './file-shape.js'
import type { ManifestCounts } from './landing-manifest.js'

/** Why a file is refused, or `undefined` when it may be loaded. */
export async function refusalOf(
  shape: FileShape,
  manifest: ManifestCounts,
): Promise<string | undefined> {
  const { file, records } = shape
  if (shape.nonObjects.size > 0) {
    const n = [...shape.nonObjects.values()].reduce((a, b) => a + b, 0)
    return `${n} element(s) of the top-level array are ${[...shape.nonObjects.keys()].join('/')}, not objects`
  }
  const expected = manifest.recordsOf(file.sourceFile)
  if (expected !== undefined && expected !== records) {
    return `holds ${records} record(s) but the extraction manifest recorded ${expected}: the file was truncated or changed after extraction`
  }
  if (records === 0) {
    const empty = await emptyArrayProblem(file.path)
    if (empty !== undefined) return empty
  }
  if (expected === undefined && file.path.endsWith('.gz')) {
    const broken = await gzipProblem(file.path)
    if (broken !== undefined) return `corrupt gzip stream (${broken})`
  }
  return undefined
}

/** Largest file whose text is checked to be `[]` (an empty response is a few bytes). */
const EMPTY_CHECK_BYTES = 65536

async function emptyArrayProblem(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r')
  let bytes: Buffer
  try {
    const size = (await handle.stat()).size
    if (size === 0) return 'the file is empty (0 bytes), not a JSON array'
    if (size > EMPTY_CHECK_BYTES) return `no records read from a ${size}-byte file`
    bytes = Buffer.alloc(size)
    await handle.read(bytes, 0, size, 0)
  } finally {
    await handle.close()
  }
  let text: string
  try {
    text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
  } catch (error) {
    return `corrupt gzip stream (${(error as Error).message})`
  }
  if (/^\s*\[\s*\]\s*$/.test(text)) return undefined
  if (text.trim() === '') return 'the file holds only whitespace, not a JSON array'
  return 'no records read from a file that is not an empty array'
}

/** Decompresses the whole file to nowhere; the zlib error when the stream is broken. */
async function gzipProblem(path: string): Promise<string | undefined> {
  const sink = new Writable({ write: (_chunk, _enc, done) => done() })
  try {
    await pipeline(createReadStream(path), createGunzip(), sink)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}
