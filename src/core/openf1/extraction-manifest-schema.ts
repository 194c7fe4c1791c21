/**
 * @module core/openf1/extraction-manifest-schema
 * The extraction manifest, `<landing>/_manifest.json`, defined once for the extractor that
 * writes it and the loader that checks every landing file against it (DESIGN.md §2): one entry
 * per unit (endpoint × session [× driver]) with its status, the file it landed, and that file's
 * record count, size and checksum. Parsing is pure: callers read the file and raise their own
 * errors.
 */
import { z } from 'zod'

/** The manifest's file name inside the landing folder. */
export const MANIFEST_FILE = '_manifest.json'

/** The manifest's schema version. */
export const MANIFEST_SCHEMA_VERSION = 1

/** One unit's entry (unknown keys are kept: a newer extractor may add some). */
export const manifestEntrySchema = z.looseObject({
  unit: z.string(),
  endpoint: z.string(),
  session_key: z.number().nullable(),
  meeting_key: z.number().nullable(),
  driver_number: z.number().nullable(),
  status: z.enum(['complete', 'empty', 'failed']),
  /** Landing-relative path of the unit's file (`laps/laps_9550_20240630_130000.json`). */
  file: z.string().nullable(),
  requests: z.array(z.string()),
  http_status: z.number().nullable(),
  /** Records in the file. */
  records: z.number(),
  bytes: z.number(),
  sha256: z.string().nullable(),
  attempts: z.number(),
  extracted_at: z.string(),
  error: z.string().optional(),
  invalid_records: z.number().optional(),
})

/** The manifest file. */
export const extractionManifestSchema = z.looseObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  updated_at: z.string(),
  entries: z.record(z.string(), manifestEntrySchema),
})

/** One unit's entry. */
export type ManifestEntry = z.infer<typeof manifestEntrySchema>

/** The manifest on disk. */
export type ExtractionManifestFile = z.infer<typeof extractionManifestSchema>

/** The outcome of {@link parseExtractionManifest}. */
export type ManifestParse =
  | { readonly ok: true; readonly manifest: ExtractionManifestFile }
  | { readonly ok: false; readonly message: string }

/** Parses a manifest's text; a problem is described (`entries.laps/9550.records: …`), never thrown. */
export function parseExtractionManifest(text: string): ManifestParse {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: `not valid JSON (${(error as Error).message})` }
  }
  const result = extractionManifestSchema.safeParse(parsed)
  if (result.success) return { ok: true, manifest: result.data }
  const first = result.error.issues[0]
  return {
    ok: false,
    message: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid manifest'}`,
  }
}

/** The complete entries by the file they landed (landing-relative path). */
export function entriesByFile(
  manifest: ExtractionManifestFile,
): ReadonlyMap<string, ManifestEntry> {
  const byFile = new Map<string, ManifestEntry>()
  for (const entry of Object.values(manifest.entries)) {
    if (entry.status === 'complete' && entry.file !== null) byFile.set(entry.file, entry)
  }
  return byFile
}
