/**
 * @module openf1/extract/extraction-manifest
 * `<landing>/_manifest.json`: one entry per unit (endpoint × session [× driver]) with the request,
 * status, record count, checksum and attempts. It is what makes a re-run skip complete work and
 * what the loader reads to know which files are whole. Written atomically (temp + rename),
 * at most every `flushMs`, and always at the end of a run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { OpenF1DataError } from '../openf1-errors.js'

/** The manifest's file name inside the landing folder. */
export const MANIFEST_FILE = '_manifest.json'

const entrySchema = z.looseObject({
  unit: z.string(),
  endpoint: z.string(),
  session_key: z.number().nullable(),
  meeting_key: z.number().nullable(),
  driver_number: z.number().nullable(),
  status: z.enum(['complete', 'empty', 'failed']),
  file: z.string().nullable(),
  requests: z.array(z.string()),
  http_status: z.number().nullable(),
  records: z.number(),
  bytes: z.number(),
  sha256: z.string().nullable(),
  attempts: z.number(),
  extracted_at: z.string(),
  error: z.string().optional(),
  invalid_records: z.number().optional(),
})

const manifestSchema = z.looseObject({
  schemaVersion: z.literal(1),
  updated_at: z.string(),
  entries: z.record(z.string(), entrySchema),
})

/** One unit's entry. */
export type ManifestEntry = z.infer<typeof entrySchema>

/** The manifest on disk. */
export type ExtractionManifestFile = z.infer<typeof manifestSchema>

/** The manifest of a landing folder, loaded once and saved on demand. */
export class ExtractionManifest {
  private readonly entries: Record<string, ManifestEntry>
  private timer: NodeJS.Timeout | undefined
  private dirty = false

  private constructor(
    readonly landingDir: string,
    entries: Record<string, ManifestEntry>,
    private readonly flushMs: number,
  ) {
    this.entries = entries
  }

  /** Loads `<landingDir>/_manifest.json` (empty when absent). A corrupt one is an error. */
  static load(landingDir: string, flushMs = 250): ExtractionManifest {
    const path = join(landingDir, MANIFEST_FILE)
    if (!existsSync(path)) return new ExtractionManifest(landingDir, {}, flushMs)
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new OpenF1DataError(`${path} is not valid JSON`, {
        cause: error,
        hint: 'Delete it (and re-run with --refresh) to rebuild the landing zone.',
      })
    }
    const result = manifestSchema.safeParse(parsed)
    if (!result.success) {
      const first = result.error.issues[0]
      throw new OpenF1DataError(
        `${path}: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid manifest'}`,
        { hint: 'Delete it (and re-run with --refresh) to rebuild the landing zone.' },
      )
    }
    return new ExtractionManifest(landingDir, { ...result.data.entries }, flushMs)
  }

  /** The entry of `unit`, if any. */
  get(unit: string): ManifestEntry | undefined {
    return this.entries[unit]
  }

  /** Every entry. */
  all(): ManifestEntry[] {
    return Object.values(this.entries)
  }

  /** Records an entry; the file is saved within `flushMs`. */
  set(entry: ManifestEntry): void {
    this.entries[entry.unit] = entry
    this.dirty = true
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      this.save()
    }, this.flushMs)
  }

  /** Saves now (atomically) if anything changed. */
  save(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (!this.dirty) return
    this.dirty = false
    mkdirSync(this.landingDir, { recursive: true })
    const sorted = Object.fromEntries(
      Object.entries(this.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    )
    const file: ExtractionManifestFile = {
      schemaVersion: 1,
      updated_at: new Date().toISOString(),
      entries: sorted,
    }
    const path = join(this.landingDir, MANIFEST_FILE)
    const tmp = join(this.landingDir, `.${MANIFEST_FILE}.tmp-${process.pid}`)
    writeFileSync(tmp, `${JSON.stringify(file, null, 1)}\n`)
    renameSync(tmp, path)
  }
}
