/**
 * @module load/quarantine
 * Moves a malformed landing file out of the way, to `<landing>/_quarantine/<endpoint>/<name>`,
 * with `<name>.error.json` beside it saying what was wrong, so that it neither blocks nor gets
 * retried by later loads, and nothing is lost.
 */
import { existsSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { LandingFile } from './landing-files.js'

/** The quarantine folder under the landing zone. */
export const QUARANTINE_DIR = '_quarantine'

/** Where a file went. */
export interface QuarantinedFile {
  readonly sourceFile: string
  /** Path relative to the landing zone (`_quarantine/laps/…`). */
  readonly quarantinedAs: string
  readonly reason: string
}

/**
 * Moves `file` into quarantine and writes its error report; `undefined` when the file is already
 * gone (a concurrent load quarantined it first).
 */
export async function quarantineFile(
  landingDir: string,
  file: LandingFile,
  reason: string,
  at: Date,
): Promise<QuarantinedFile | undefined> {
  const dir = join(landingDir, QUARANTINE_DIR, file.endpoint)
  await mkdir(dir, { recursive: true })
  let name = basename(file.path)
  // Never overwrite an earlier quarantined file of the same name.
  for (let i = 1; existsSync(join(dir, name)); i++) name = `${basename(file.path)}.${i}`
  try {
    await rename(file.path, join(dir, name))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const report = {
    sourceFile: file.sourceFile,
    quarantinedAt: at.toISOString(),
    reason,
    fix: 'Re-extract the session (`pitwall extract --refresh …`) or fix the file and move it back into landing/<endpoint>/, then run `pitwall load` again.',
  }
  await writeFile(join(dir, `${name}.error.json`), `${JSON.stringify(report, null, 2)}\n`)
  return {
    sourceFile: file.sourceFile,
    quarantinedAs: `${QUARANTINE_DIR}/${file.endpoint}/${name}`,
    reason,
  }
}
