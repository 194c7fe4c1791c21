/**
 * @module openf1/extract/landing-writer
 * Writes one unit's body into the landing zone atomically: a dot-prefixed temp file in the same
 * folder, fsync, then rename. Afterwards any older file of the same unit is removed, so a unit
 * never has two files (an interrupted run that wrote a file but not its manifest entry leaves an
 * orphan that the next write of the unit replaces).
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { landingFileName, parseLandingFileName, type LandingUnit } from './landing-paths.js'

/** What was written. */
export interface WrittenFile {
  /** Path relative to the landing folder. */
  readonly file: string
  readonly bytes: number
  readonly sha256: string
}

/** The files of `unit` already in the landing zone (relative paths). */
export function existingUnitFiles(landingDir: string, unit: LandingUnit): string[] {
  const dir = join(landingDir, unit.endpoint)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => {
      const p = parseLandingFileName(unit.endpoint, name)
      return p !== undefined && p.key === unit.key && p.driverNumber === unit.driverNumber
    })
    .map((name) => join(unit.endpoint, name))
}

/** Writes `body` as the unit's file stamped `at`; removes its older files. */
export async function writeLandingFile(
  landingDir: string,
  unit: LandingUnit,
  body: string,
  at: Date,
): Promise<WrittenFile> {
  const dir = join(landingDir, unit.endpoint)
  await mkdir(dir, { recursive: true })
  const name = landingFileName(unit, at)
  const tmp = join(dir, `.${name}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  const data = Buffer.from(body, 'utf8')
  const handle = await open(tmp, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(tmp, join(dir, name))
  const file = join(unit.endpoint, name)
  for (const old of existingUnitFiles(landingDir, unit)) {
    if (old !== file) await rm(join(landingDir, old), { force: true })
  }
  return { file, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') }
}

/** Removes the files of `unit` (when it turned out empty on a refresh). */
export async function removeUnitFiles(landingDir: string, unit: LandingUnit): Promise<void> {
  for (const old of existingUnitFiles(landingDir, unit)) {
    await rm(join(landingDir, old), { force: true })
  }
}

/** Removes temp files left by an interrupted run (dot-prefixed `*.tmp-*`). */
export async function removeStaleTempFiles(landingDir: string): Promise<number> {
  if (!existsSync(landingDir)) return 0
  let removed = 0
  const isTemp = (name: string): boolean => name.startsWith('.') && name.includes('.tmp-')
  for (const entry of readdirSync(landingDir, { withFileTypes: true })) {
    if (entry.isFile() && isTemp(entry.name)) {
      await rm(join(landingDir, entry.name), { force: true })
      removed++
    }
    if (!entry.isDirectory()) continue
    const dir = join(landingDir, entry.name)
    for (const name of readdirSync(dir)) {
      if (isTemp(name)) {
        await rm(join(dir, name), { force: true })
        removed++
      }
    }
  }
  return removed
}

/** True when `file` exists with `bytes` bytes (a cheap completeness check on resume). */
export function landingFileIntact(landingDir: string, file: string, bytes: number): boolean {
  const path = join(landingDir, file)
  return existsSync(path) && statSync(path).size === bytes
}
