/**
 * @module serve/compressed-files
 * The dashboard's files as the browser asks for them: brotli or gzip when its `Accept-Encoding`
 * allows and the type compresses (text: HTML, JS, CSS, JSON, SVG). Each file is compressed once,
 * at the highest levels (the files do not change while serving; a rebuild changes their size or
 * time and is compressed again), so serving costs a lookup, not a compression per request.
 */
import { readFile, stat } from 'node:fs/promises'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** The encodings served, best first. */
export type ContentEncoding = 'br' | 'gzip'

/** A file's bytes in the encoding chosen (`encoding` absent: as stored). */
export interface EncodedFile {
  readonly body: Uint8Array<ArrayBuffer>
  readonly encoding?: ContentEncoding
}

interface Entry {
  readonly mtimeMs: number
  readonly size: number
  readonly raw: Uint8Array<ArrayBuffer>
  readonly encoded: Map<ContentEncoding, Promise<Uint8Array<ArrayBuffer>>>
}

/** Below this, compressing saves less than the header costs. */
const MIN_BYTES = 512

/**
 * The encoding to send for an `Accept-Encoding` header: `br`, else `gzip`, else none (`q=0`
 * refuses one).
 */
export function negotiateEncoding(header: string | undefined): ContentEncoding | undefined {
  if (header === undefined) return undefined
  const accepted = new Set<string>()
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim())
    const q = params.find((p) => p.startsWith('q='))
    if (q !== undefined && Number(q.slice(2)) <= 0) continue
    accepted.add(name)
  }
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip'
  return undefined
}

/** Files read and compressed once per version on disk. */
export class CompressedFiles {
  readonly #entries = new Map<string, Entry>()

  /**
   * `path` in `encoding` when it is worth it (`compressible` and not tiny), else as stored.
   * Reads the disk's size and time on each call so a rebuilt file is never served stale.
   */
  async get(
    path: string,
    compressible: boolean,
    encoding: ContentEncoding | undefined,
  ): Promise<EncodedFile> {
    const info = await stat(path)
    let entry = this.#entries.get(path)
    if (entry === undefined || entry.mtimeMs !== info.mtimeMs || entry.size !== info.size) {
      entry = {
        mtimeMs: info.mtimeMs,
        size: info.size,
        raw: new Uint8Array(await readFile(path)),
        encoded: new Map(),
      }
      this.#entries.set(path, entry)
    }
    if (!compressible || encoding === undefined || entry.raw.length < MIN_BYTES) {
      return { body: entry.raw }
    }
    let encoded = entry.encoded.get(encoding)
    if (encoded === undefined) {
      encoded = compress(entry.raw, encoding)
      entry.encoded.set(encoding, encoded)
    }
    return { body: await encoded, encoding }
  }
}

async function compress(
  raw: Uint8Array<ArrayBuffer>,
  encoding: ContentEncoding,
): Promise<Uint8Array<ArrayBuffer>> {
  const out =
    encoding === 'br'
      ? await brotliAsync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
      : await gzipAsync(raw, { level: constants.Z_BEST_COMPRESSION })
  return new Uint8Array(out)
}
