/**
 * @module openf1/extract/session-drivers
 * The driver numbers of a session, for the per-driver endpoints: from `/drivers`, or, when that
 * is empty for the session (it happens for a while after a session; recordings 9488 and 9189 have
 * none), from the driver numbers in its laps, stints or position.
 */

/** Where the numbers were found. */
export interface SessionDrivers {
  readonly numbers: readonly number[]
  /** The endpoint(s) they came from; empty when none were found. */
  readonly source: readonly string[]
}

function numbersIn(records: readonly unknown[]): Set<number> {
  const out = new Set<number>()
  for (const r of records) {
    const n = (r as { driver_number?: unknown } | null)?.driver_number
    if (typeof n === 'number' && Number.isInteger(n)) out.add(n)
  }
  return out
}

/**
 * Resolves the numbers; `recordsOf` gives an endpoint's records for the session (it may fetch).
 * The fallbacks are asked only when `/drivers` has none.
 */
export async function resolveSessionDrivers(
  recordsOf: (endpoint: 'drivers' | 'laps' | 'stints' | 'position') => Promise<readonly unknown[]>,
): Promise<SessionDrivers> {
  const fromDrivers = numbersIn(await recordsOf('drivers'))
  if (fromDrivers.size > 0) {
    return { numbers: [...fromDrivers].sort((a, b) => a - b), source: ['drivers'] }
  }
  const all = new Set<number>()
  const source: string[] = []
  for (const endpoint of ['laps', 'stints', 'position'] as const) {
    const found = numbersIn(await recordsOf(endpoint))
    if (found.size > 0) source.push(endpoint)
    for (const n of found) all.add(n)
  }
  return { numbers: [...all].sort((a, b) => a - b), source }
}
