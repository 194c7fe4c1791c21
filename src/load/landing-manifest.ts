/**
 * @module load/landing-manifest
 * The extraction manifest as the loader reads it: how many records each landed file had when the
 * extractor wrote it (the schema is core's contract with the extractor). A landing file whose
 * records differ from its entry was truncated or changed after extraction, and is quarantined
 * instead of loaded. Files the manifest does not know (placed by hand) are not compared.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { entriesByFile, MANIFEST_FILE, parseExtractionManifest } from '../core/index.js'

/** Record counts by landing-relative file, and a warning when the manifest is unreadable. */
export interface ManifestCounts {
  /** The records the extractor wrote to a file, by landing-relative path. */
  recordsOf(sourceFile: string): number | undefined
  /** Why the manifest could not be used, if it could not. */
  readonly warning?: string
}

/** Reads `<landingDir>/_manifest.json`; absent → no counts, unreadable → no counts + warning. */
export function readManifestCounts(landingDir: string): ManifestCounts {
  const path = join(landingDir, MANIFEST_FILE)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return { recordsOf: () => undefined }
  }
  const parsed = parseExtractionManifest(text)
  if (!parsed.ok) {
    return {
      recordsOf: () => undefined,
      warning: `${path} is unreadable (${parsed.message}): landing files are loaded without comparing their record counts`,
    }
  }
  const byFile = entriesByFile(parsed.manifest)
  return {
    recordsOf: (sourceFile) =>
      // A file compressed after extraction keeps its entry under the uncompressed name.
      (byFile.get(sourceFile) ?? byFile.get(sourceFile.replace(/\.gz$/, '')))?.records,
  }
}
