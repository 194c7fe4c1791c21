/**
 * @module openf1/extract/extraction-manifest
 * `<landing>/_manifest.json`: one entry per unit (endpoint × session [× driver]) with the request,
 * status, record count, checksum and attempts. It is what makes a re-run skip complete work and
 * what the loader reads to know which files are whole. Written atomically (temp + rename),
 * at most every `flushMs`, and always at the end of a run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  parseExtractionManifest,
  type ExtractionManifestFile,
  type ManifestEntry,
} from '../../core/index.js'
import { OpenF1DataError } from '../openf1-errors.js'

// The manifest's shape is a contract with the loader, defined once in core.
export { MANIFEST_FILE }
export type { ExtractionManifestFile, ManifestEntry }

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
    const result = parseExtractionManifest(readFileSync(path, 'utf8'))
    if (!result.ok) {
      throw new OpenF1DataError(`${path}: ${result.message}`, {
        hint: 'Delete it (and re-run with --refresh) to rebuild the landing zone.',
      })
    }
    return new ExtractionManifest(landingDir, { ...result.manifest.entries }, flushMs)
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
      schemaVersion: MANIFEST_SCHEMA_VERSION,
      updated_at: new Date().toISOString(),
      entries: sorted,
    }
    const path = join(this.landingDir, MANIFEST_FILE)
    const tmp = join(this.landingDir, `.${MANIFEST_FILE}.tmp-${process.pid}`)
    writeFileSync(tmp, `${JSON.stringify(file, null, 1)}\n`)
    renameSync(tmp, path)
  }
}
