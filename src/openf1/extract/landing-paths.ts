/**
 * @module openf1/extract/landing-paths
 * Names in the landing zone:
 * `<landing>/<endpoint>/<endpoint>_<key>[_<driver_number>]_<YYYYMMDD_HHMMSS>.json`, where key is
 * the session key (the meeting key for `meetings`). Temp files start with a dot.
 */
import { join } from 'node:path'

/** One unit of extraction: one endpoint for one session (meeting), maybe one driver. */
export interface LandingUnit {
  readonly endpoint: string
  /** Session key (meeting key for `meetings`). */
  readonly key: number
  readonly driverNumber?: number
}

/** `laps/9550`, `location/9550/1`: the unit's id in the manifest. */
export function unitId(u: LandingUnit): string {
  return u.driverNumber === undefined
    ? `${u.endpoint}/${u.key}`
    : `${u.endpoint}/${u.key}/${u.driverNumber}`
}

/** `20240630_130000` in UTC. */
export function landingStamp(at: Date): string {
  const iso = at.toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`
}

/** The file name of a unit written at `at`. */
export function landingFileName(u: LandingUnit, at: Date): string {
  const driver = u.driverNumber === undefined ? '' : `_${u.driverNumber}`
  return `${u.endpoint}_${u.key}${driver}_${landingStamp(at)}.json`
}

/** The relative path (`laps/laps_9550_20240630_130000.json`). */
export function landingRelPath(u: LandingUnit, at: Date): string {
  return join(u.endpoint, landingFileName(u, at))
}

/** Parses a landing file name of `endpoint`; `undefined` when it is not one. */
export function parseLandingFileName(
  endpoint: string,
  name: string,
): { key: number; driverNumber?: number; stamp: string } | undefined {
  if (!name.startsWith(`${endpoint}_`)) return undefined
  const m = /^(\d+)(?:_(\d+))?_(\d{8}_\d{6})\.json$/.exec(name.slice(endpoint.length + 1))
  if (m === null) return undefined
  return {
    key: Number(m[1]),
    ...(m[2] === undefined ? {} : { driverNumber: Number(m[2]) }),
    stamp: m[3] ?? '',
  }
}
