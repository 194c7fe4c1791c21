/**
 * @module web/pages/session/summary-columns
 * Table columns of a driver's session summary that the drivers tab and the driver page share:
 * a lap time (best, median, theoretical best) and the consistency coefficient.
 */
import type { DriverSummaryRow } from '../../../../src/serve/api-types.js'
import { lapTime, num } from '../../ui/format.js'
import type { Column } from '../../ui/table.js'

/** A right-aligned lap-time column sorted on the seconds. */
export function lapTimeColumn<T>(
  label: string,
  pick: (row: T) => number | null,
  title?: string,
): Column<T> {
  return {
    label,
    value: pick,
    cell: (r) => lapTime(pick(r)),
    num: true,
    ...(title === undefined ? {} : { title }),
  }
}

/** Best and median lap of a summary. */
export function paceColumns(): Column<DriverSummaryRow>[] {
  return [
    lapTimeColumn('Best', (r) => r.fastest_lap_time),
    lapTimeColumn('Median', (r) => r.median_lap_time),
  ]
}

/** The theoretical best lap (the sum of the best sectors). */
export function theoreticalColumn(): Column<DriverSummaryRow> {
  return lapTimeColumn('Theoretical', (r) => r.theoretical_best_lap, 'sum of the best sectors')
}

/** The coefficient of variation of the valid laps. */
export function consistencyColumn(): Column<DriverSummaryRow> {
  return {
    label: 'Consistency',
    value: (r) => r.consistency_coefficient,
    cell: (r) => num(r.consistency_coefficient, 4),
    num: true,
    title: 'coefficient of variation of valid laps (lower = more consistent)',
  }
}
