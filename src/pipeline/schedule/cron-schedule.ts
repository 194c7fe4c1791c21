/**
 * @module pipeline/schedule/cron-schedule
 * Cron expressions (five fields, or six with seconds; UTC, as every OpenF1 time) through
 * `croner`, a well-kept parser with no dependencies. A bad expression is a usage error naming it.
 */
import { Cron } from 'croner'
import { UsageError } from '../../core/index.js'

/** A parsed cron expression. */
export interface CronSchedule {
  readonly expression: string
  /** The first fire time strictly after `from`. */
  next(from: Date): Date | undefined
}

/** Parses `expression`. @throws UsageError */
export function parseCron(expression: string): CronSchedule {
  let cron: Cron
  try {
    cron = new Cron(expression, { paused: true, timezone: 'UTC' })
  } catch (error) {
    throw new UsageError(
      `cron expression '${expression}' is not valid: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: "Use five fields, minute hour day-of-month month day-of-week, e.g. '0 6 * * 1' (06:00 UTC on Mondays).",
      },
    )
  }
  return {
    expression,
    next: (from) => cron.nextRun(from) ?? undefined,
  }
}

/** True when the schedule fired in (after, now]. */
export function firedBetween(schedule: CronSchedule, after: Date, now: Date): boolean {
  const next = schedule.next(after)
  return next !== undefined && next.getTime() <= now.getTime()
}
