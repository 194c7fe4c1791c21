/**
 * @module load/landing-files
 * Finds the landing zone's files: `<home>/landing/<endpoint>/<endpoint>_<session_key>
 * [_<driver_number>]_<YYYYMMDD_HHMMSS>.json[.gz]`. Folders starting with `_` (`_quarantine`) and
 * files that are not JSON (the extraction manifest, temp files) are not landing files.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The landing zone folder under the lakehouse home. */
export const LANDING_DIR = 'landing'

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
}

const NAME = /^(.+?)_(\d+)(?:_(\d+))?_(\d{8})_(\d{6})\.json(?:\.gz)?$/
const JSON_FILE = /\.json(?:\.gz)?$/

/** Describes one file found in an endpoint folder, or `undefined` for a non-JSON file. */
export function describeLandingFile(
  landingDir: string,
  endpoint: string,
  name: string,
): LandingFile | undefined {
  if (!JSON_FILE.test(name) || name.startsWith('.') || name.startsWith('_')) return undefined
  const path = join(landingDir, endpoint, name)
  const m = NAME.exec(name)
  let stamp: string
  if (m !== null && m[4] !== undefined && m[5] !== undefined) {
    stamp = `${m[4]}${m[5]}`
  } else {
    stamp = statSync(path).mtime.toISOString().replace(/\D/g, '').slice(0, 14)
  }
  return {
    endpoint,
    path,
    sourceFile: `${endpoint}/${name}`,
    batchDay: `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`,
    order: `${stamp}/${name}`,
  }
}

/** Every landing file under `landingDir`, by endpoint then extraction order. */
export function listLandingFiles(landingDir: string): LandingFile[] {
  let endpoints: string[]
  try {
    endpoints = readdirSync(landingDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
      .map((d) => d.name)
  } catch {
    return []
  }
  const files: LandingFile[] = []
  for (const endpoint of endpoints.sort()) {
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

/** The bronze table of an endpoint: `bronze_<endpoint>`, except `location` → `bronze_locations`. */
export function bronzeTableOf(endpoint: string): string {
  const name = endpoint === 'location' ? 'locations' : endpoint
  return `bronze_${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`
}

/** Bronze tables partitioned by `batch_day` (the high-volume ones). */
export const PARTITIONED_TABLES: ReadonlySet<string> = new Set([
  'bronze_laps',
  'bronze_locations',
  'bronze_car_data',
])
