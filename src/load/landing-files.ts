/**
 * @module load/landing-files
 * Finds the landing zone's files: `<home>/landing/<endpoint>/<endpoint>_<session_key>
 * [_<driver_number>]_<YYYYMMDD_HHMMSS>.json[.gz]` (the names are core's contract with the
 * extractor). Folders starting with `_` (`_quarantine`) and files that are not JSON (the
 * extraction manifest, temp files) are not landing files. A JSON file whose name does not follow
 * the convention (placed by hand) is still loaded, dated by its modification time.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { isLandingDataName, parseLandingFileName, stampDay } from '../core/index.js'

/** One landing file. */
export interface LandingFile {
  /** The endpoint folder (`laps`, `location`, …). */
  readonly endpoint: string
  /** Absolute path. */
  readonly path: string
  /** Path relative to the landing zone (`laps/laps_9550_20240630_120000.json`): its identity. */
  readonly sourceFile: string
  /** `YYYY-MM-DD` of the extraction stamp in the name (else of the file's mtime). */
  readonly batchDay: string
  /** Sort key: the extraction stamp, then the name. */
  readonly order: string
  /** Size on disk when listed. */
  readonly bytes: number
}

/** Describes one file found in an endpoint folder, or `undefined` for a non-JSON file. */
export function describeLandingFile(
  landingDir: string,
  endpoint: string,
  name: string,
): LandingFile | undefined {
  if (!isLandingDataName(name)) return undefined
  const path = join(landingDir, endpoint, name)
  const stat = statSync(path, { throwIfNoEntry: false })
  if (stat === undefined) return undefined // removed while we listed
  const parsed = parseLandingFileName(endpoint, name)
  const stamp =
    parsed?.stamp.replace('_', '') ?? stat.mtime.toISOString().replace(/\D/g, '').slice(0, 14)
  return {
    endpoint,
    path,
    sourceFile: `${endpoint}/${name}`,
    batchDay: stampDay(stamp),
    order: `${stamp}/${name}`,
    bytes: stat.size,
  }
}

/** The endpoint folders of the landing zone (empty when it does not exist). */
export function listEndpointFolders(landingDir: string): string[] {
  try {
    return readdirSync(landingDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort()
  } catch {
    return []
  }
}

/** Every landing file under `landingDir`, by endpoint then extraction order. */
export function listLandingFiles(landingDir: string): LandingFile[] {
  const files: LandingFile[] = []
  for (const endpoint of listEndpointFolders(landingDir)) {
    const names = readdirSync(join(landingDir, endpoint), { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
    for (const name of names) {
      const file = describeLandingFile(landingDir, endpoint, name)
      if (file !== undefined) files.push(file)
    }
  }
  // Code-point order (not locale order): the same on every machine.
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0)
  return files.sort((a, b) =>
    a.endpoint === b.endpoint ? cmp(a.order, b.order) : cmp(a.endpoint, b.endpoint),
  )
}

/** Bronze tables partitioned by `batch_day` (the high-volume ones). */
export const PARTITIONED_TABLES: ReadonlySet<string> = new Set([
  'bronze_laps',
  'bronze_locations',
  'bronze_car_data',
])
