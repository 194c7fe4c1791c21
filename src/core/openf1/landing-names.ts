/**
 * @module core/openf1/landing-names
 * Names in the landing zone, defined once for the extractor that writes them and the loader
 * that reads them (DESIGN.md §2):
 * `<home>/landing/<endpoint>/<endpoint>_<key>[_<driver_number>]_<YYYYMMDD_HHMMSS>.json[.gz]`,
 * where key is the session key (the meeting key for `meetings`) and the stamp is the extraction
 * time in UTC. Temp files start with a dot; folders starting with `_` (`_quarantine`) and the
 * manifest (`_manifest.json`) are not landing files. Each endpoint's bronze table is
 * `bronze_<endpoint>` (`location` → `bronze_locations`).
 */

/** The landing zone folder under the lakehouse home. */
export const LANDING_DIR = 'landing'

/** One unit of extraction: one endpoint for one session (meeting), maybe one driver. */
export interface LandingUnit {
  readonly endpoint: string
  /** Session key (meeting key for `meetings`). */
  readonly key: number
  readonly driverNumber?: number
}

/** What a landing file's name says. */
export interface LandingName {
  /** Session key (meeting key for `meetings`). */
  readonly key: number
  readonly driverNumber?: number
  /** The extraction stamp, `YYYYMMDD_HHMMSS` (UTC). */
  readonly stamp: string
  /** True for `.json.gz`. */
  readonly compressed: boolean
}

/** `laps/9550`, `location/9550/1`: the unit's id in the extraction manifest. */
export function unitId(u: LandingUnit): string {
  return u.driverNumber === undefined
    ? `${u.endpoint}/${u.key}`
    : `${u.endpoint}/${u.key}/${u.driverNumber}`
}

/** `20240630_130000`: the stamp of an extraction at `at`, in UTC. */
export function landingStamp(at: Date): string {
  const iso = at.toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`
}

/** The file name of a unit written at `at` (`laps_9550_20240630_130000.json`). */
export function landingFileName(u: LandingUnit, at: Date): string {
  const driver = u.driverNumber === undefined ? '' : `_${u.driverNumber}`
  return `${u.endpoint}_${u.key}${driver}_${landingStamp(at)}.json`
}

/** The landing-relative path of a unit's file (`laps/laps_9550_20240630_130000.json`). */
export function landingRelPath(u: LandingUnit, at: Date): string {
  return `${u.endpoint}/${landingFileName(u, at)}`
}

const AFTER_ENDPOINT = /^(\d+)(?:_(\d+))?_(\d{8}_\d{6})\.json(\.gz)?$/

/**
 * Parses the name of a file in `endpoint`'s folder; `undefined` when it is not a landing file name
 * (the endpoint is needed: endpoint names contain underscores, `car_data_9550_1_…`).
 */
export function parseLandingFileName(endpoint: string, name: string): LandingName | undefined {
  if (!name.startsWith(`${endpoint}_`)) return undefined
  const m = AFTER_ENDPOINT.exec(name.slice(endpoint.length + 1))
  if (m === null) return undefined
  return {
    key: Number(m[1]),
    ...(m[2] === undefined ? {} : { driverNumber: Number(m[2]) }),
    stamp: m[3] ?? '',
    compressed: m[4] !== undefined,
  }
}

/** `2024-06-30` from a stamp `20240630_130000`. */
export function stampDay(stamp: string): string {
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`
}

/** True for names that may hold landing data (`*.json`, `*.json.gz`), temp and `_` files excluded. */
export function isLandingDataName(name: string): boolean {
  return /\.json(?:\.gz)?$/.test(name) && !name.startsWith('.') && !name.startsWith('_')
}

/** The bronze table of an endpoint: `bronze_<endpoint>`, except `location` → `bronze_locations`. */
export function bronzeTableOf(endpoint: string): string {
  const name = endpoint === 'location' ? 'locations' : endpoint
  return `bronze_${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`
}
