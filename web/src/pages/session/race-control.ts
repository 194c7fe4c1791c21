/**
 * @module web/pages/session/race-control
 * Safety car, virtual safety car and red flag periods by lap, read from the race control
 * messages (`SAFETY CAR DEPLOYED` … `SAFETY CAR IN THIS LAP`), for marking lap charts.
 */
import type { RaceControlRow } from '../../../../src/serve/api-types.js'

/** A neutralised stretch of the race. */
export interface Neutralisation {
  readonly kind: 'SC' | 'VSC' | 'RED'
  readonly startLap: number
  readonly endLap: number
}

/** The periods, in lap order (a period with no end message ends on its start lap). */
export function neutralisations(rows: readonly RaceControlRow[]): Neutralisation[] {
  const periods: Neutralisation[] = []
  const open = new Map<Neutralisation['kind'], number>()
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date))
  for (const r of sorted) {
    const text = (r.message ?? '').toUpperCase()
    const lap = r.lap_number
    if (lap === null) continue
    const kind: Neutralisation['kind'] | undefined = text.includes('VIRTUAL SAFETY CAR')
      ? 'VSC'
      : text.includes('SAFETY CAR')
        ? 'SC'
        : r.is_red_flag === true || (r.flag ?? '').toUpperCase() === 'RED'
          ? 'RED'
          : undefined
    if (kind === undefined) continue
    const ends =
      /ENDING|IN THIS LAP|WITHDRAWN|RESUME/.test(text) ||
      (kind === 'RED' && (r.flag ?? '').toUpperCase() === 'GREEN')
    const start = open.get(kind)
    if (!ends && start === undefined && (/DEPLOYED/.test(text) || kind === 'RED'))
      open.set(kind, lap)
    else if (ends && start !== undefined) {
      periods.push({ kind, startLap: start, endLap: lap })
      open.delete(kind)
    }
  }
  for (const [kind, start] of open) periods.push({ kind, startLap: start, endLap: start })
  return periods.sort((a, b) => a.startLap - b.startLap)
}
