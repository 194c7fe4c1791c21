/**
 * @module openf1/replay/replay-data
 * A read-only view of a data directory in the layout of `../shared/openf1/v1` (and of the
 * simulator's output):
 *
 * ```
 * <dir>/<endpoint>.json[.gz]                                  every record (sessions, meetings)
 * <dir>/<endpoint>/session_key=<k>.json[.gz]                  one session
 * <dir>/<endpoint>/session_key=<k>/driver_number=<n>.json[.gz] one driver of one session
 * ```
 *
 * Files are indexed once, read lazily and kept in a size-bounded LRU cache of decompressed text.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { OpenF1DataError } from '../openf1-errors.js'

const gunzipAsync = promisify(gunzip)

/** One data file. */
export interface ReplayFile {
  readonly path: string
  readonly sessionKey?: number
  readonly driverNumber?: number
}

const FILE = /^(.+)\.json(\.gz)?$/
const SESSION = /^session_key=(\d+)\.json(\.gz)?$/
const SESSION_DIR = /^session_key=(\d+)$/
const DRIVER = /^driver_number=(\d+)\.json(\.gz)?$/

/** The indexed data directory. */
export class ReplayData {
  /** Files per endpoint, in a stable order (session key, then driver number). */
  readonly files = new Map<string, ReplayFile[]>()
  private readonly cache = new Map<string, string>()
  private readonly counts = new Map<string, number>()
  private cachedChars = 0

  constructor(
    readonly dir: string,
    private readonly cacheChars = 256 * 2 ** 20,
  ) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new OpenF1DataError(`replay data directory ${dir} does not exist`, {
        hint: 'Pass --data with a folder in the layout of ../shared/openf1/v1 (or run `pitwall simulate --out DIR` first).',
      })
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const top = FILE.exec(entry.name)
      if (entry.isFile() && top?.[1] !== undefined) {
        this.add(top[1], { path: join(dir, entry.name) })
      } else if (entry.isDirectory()) {
        this.indexEndpoint(entry.name, join(dir, entry.name))
      }
    }
    for (const list of this.files.values()) {
      list.sort(
        (a, b) =>
          (a.sessionKey ?? -1) - (b.sessionKey ?? -1) ||
          (a.driverNumber ?? -1) - (b.driverNumber ?? -1),
      )
    }
  }

  private add(endpoint: string, file: ReplayFile): void {
    const list = this.files.get(endpoint) ?? []
    this.files.set(endpoint, list)
    // `.json` and `.json.gz` of the same data: keep one.
    if (!list.some((f) => f.sessionKey === file.sessionKey && f.driverNumber === file.driverNumber))
      list.push(file)
  }

  private indexEndpoint(endpoint: string, dir: string): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const session = SESSION.exec(entry.name)
      if (entry.isFile() && session !== null) {
        this.add(endpoint, { path: join(dir, entry.name), sessionKey: Number(session[1]) })
        continue
      }
      const sessionDir = SESSION_DIR.exec(entry.name)
      if (!entry.isDirectory() || sessionDir === null) continue
      for (const f of readdirSync(join(dir, entry.name))) {
        const driver = DRIVER.exec(f)
        if (driver === null) continue
        this.add(endpoint, {
          path: join(dir, entry.name, f),
          sessionKey: Number(sessionDir[1]),
          driverNumber: Number(driver[1]),
        })
      }
    }
  }

  /** True when the directory has data (or at least a folder) for `endpoint`. */
  hasEndpoint(endpoint: string): boolean {
    return this.files.has(endpoint)
  }

  /** The decompressed text of a file (cached). */
  async text(file: ReplayFile): Promise<string> {
    const hit = this.cache.get(file.path)
    if (hit !== undefined) {
      this.cache.delete(file.path)
      this.cache.set(file.path, hit)
      return hit
    }
    const raw = await readFile(file.path)
    const text = (file.path.endsWith('.gz') ? await gunzipAsync(raw) : raw).toString('utf8')
    this.cache.set(file.path, text)
    this.cachedChars += text.length
    for (const [path, t] of this.cache) {
      if (this.cachedChars <= this.cacheChars || path === file.path) break
      this.cache.delete(path)
      this.cachedChars -= t.length
    }
    return text
  }

  /** How many records `text` (the file's text) holds; counted once per file. */
  count(file: ReplayFile, text: string): number {
    const known = this.counts.get(file.path)
    if (known !== undefined) return known
    const n = countTopLevel(text)
    this.counts.set(file.path, n)
    return n
  }

  /** The records of a file. Throws {@link OpenF1DataError} when it is not a JSON array. */
  async records(file: ReplayFile): Promise<Record<string, unknown>[]> {
    const text = await this.text(file)
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new OpenF1DataError(`${file.path} is not valid JSON`, { cause: error })
    }
    if (!Array.isArray(parsed)) throw new OpenF1DataError(`${file.path} does not hold a JSON array`)
    return parsed as Record<string, unknown>[]
  }
}

/** Counts the top-level elements of a JSON array text cheaply (0 for `[]`). */
function countTopLevel(text: string): number {
  let depth = 0
  let count = 0
  let inString = false
  let sawValue = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
      continue
    }
    if (c === 34) {
      inString = true
      if (depth === 1) sawValue = true
    } else if (c === 91 || c === 123) {
      if (depth === 1) sawValue = true
      depth++
    } else if (c === 93 || c === 125) depth--
    else if (c === 44 && depth === 1) count++
    else if (depth === 1 && c > 32) sawValue = true
  }
  return sawValue ? count + 1 : 0
}
