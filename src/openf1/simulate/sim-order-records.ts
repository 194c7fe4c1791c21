/**
 * @module openf1/simulate/sim-order-records
 * The running-order endpoints of a simulated session, derived from lap crossings: `/position`
 * (changes only), `/overtakes` and `/intervals` (races).
 */
import { apiDate } from './sim-dates.js'
import type { SessionContext } from './sim-records.js'

type Rec = Record<string, unknown>

const keys = (c: SessionContext): Rec => ({
  meeting_key: c.meeting.meetingKey,
  session_key: c.session.sessionKey,
})

/** Running order at every lap end: `[time, driver numbers in order]`. */
function orderTimeline(c: SessionContext): { t: number; order: number[] }[] {
  const events: { t: number; n: number; laps: number }[] = []
  for (const run of c.timing.runs) {
    for (const lap of run.laps)
      events.push({ t: lap.start + lap.duration * 1000, n: run.driver.number, laps: lap.lap })
  }
  events.sort((a, b) => a.t - b.t)
  const progress = new Map<number, { laps: number; t: number }>(
    c.timing.runs.map((r) => [r.driver.number, { laps: 0, t: r.grid }]),
  )
  const out: { t: number; order: number[] }[] = []
  for (const e of events) {
    progress.set(e.n, { laps: e.laps, t: e.t })
    const order = [...progress.entries()]
      .sort((a, b) => b[1].laps - a[1].laps || a[1].t - b[1].t)
      .map(([n]) => n)
    out.push({ t: e.t, order })
  }
  return out
}

/** `/position` (changes only) and `/overtakes` (races). */
export function positionRecords(c: SessionContext): { position: Rec[]; overtakes: Rec[] } {
  const race = c.timing.kind === 'race' || c.timing.kind === 'sprint'
  const position: Rec[] = []
  const overtakes: Rec[] = []
  const current = new Map<number, number>()
  const grid = race
    ? [...c.timing.runs].sort((a, b) => a.grid - b.grid).map((r) => r.driver.number)
    : c.timing.runs.map((r) => r.driver.number)
  const emit = (t: number, order: readonly number[]): void => {
    order.forEach((n, i) => {
      const before = current.get(n)
      if (before === i + 1) return
      position.push({ date: apiDate(t), ...keys(c), driver_number: n, position: i + 1 })
      if (race && before !== undefined && before > i + 1) {
        const passed = order[i + 1]
        if (passed !== undefined) {
          overtakes.push({
            date: apiDate(t),
            ...keys(c),
            overtaking_driver_number: n,
            overtaken_driver_number: passed,
            position: i + 1,
          })
        }
      }
      current.set(n, i + 1)
    })
  }
  emit(c.session.start - 20 * 60_000, grid)
  if (race) for (const { t, order } of orderTimeline(c)) emit(t, order)
  else {
    // Practice/qualifying: the order follows best laps; update after each lap that improves one.
    const best = new Map<number, number>()
    const laps = c.timing.runs.flatMap((r) =>
      r.laps.filter((l) => !l.pitIn && !l.pitOut).map((l) => ({ n: r.driver.number, l })),
    )
    laps.sort((a, b) => a.l.start + a.l.duration * 1000 - (b.l.start + b.l.duration * 1000))
    for (const { n, l } of laps) {
      if (l.duration >= (best.get(n) ?? Infinity)) continue
      best.set(n, l.duration)
      const order = [...grid].sort((a, b) => (best.get(a) ?? Infinity) - (best.get(b) ?? Infinity))
      emit(l.start + l.duration * 1000, order)
    }
  }
  return { position, overtakes }
}

/** `/intervals` (races): about every 20 s per car. */
export function intervalRecords(c: SessionContext): Rec[] {
  if (c.timing.kind !== 'race' && c.timing.kind !== 'sprint') return []
  const out: Rec[] = []
  const timeline = orderTimeline(c)
  const crossing = new Map<string, number>()
  for (const run of c.timing.runs)
    for (const lap of run.laps)
      crossing.set(`${run.driver.number}/${lap.lap}`, lap.start + lap.duration * 1000)
  for (const { t, order } of timeline) {
    const leader = order[0]
    order.forEach((n, i) => {
      const run = c.timing.runs.find((r) => r.driver.number === n)
      const lapsDone = run?.laps.filter((l) => l.start + l.duration * 1000 <= t).length ?? 0
      if (i === 0 || lapsDone === 0 || Math.floor(t / 1000) % 4 !== 0) return
      const mine = crossing.get(`${n}/${lapsDone}`) ?? t
      const other = order[i - 1]
      out.push({
        date: apiDate(t + 1),
        ...keys(c),
        gap_to_leader: leader === undefined ? null : gapTo(crossing, leader, lapsDone, mine, t),
        interval: other === undefined ? null : gapTo(crossing, other, lapsDone, mine, t),
        driver_number: n,
      })
    })
    if (leader !== undefined)
      out.push({
        date: apiDate(t),
        ...keys(c),
        gap_to_leader: null,
        interval: null,
        driver_number: leader,
      })
  }
  return out.sort((a, b) => (String(a['date']) < String(b['date']) ? -1 : 1))
}

/**
 * The gap of a car that crossed the line for the `lapsDone`-th time at `mine` to a car ahead, as
 * OpenF1 gives it: `"+N LAP(S)"` when the car ahead crossed the line N more times before `mine`,
 * otherwise seconds, never negative. A car ahead that passed mid-lap is at least `now` minus its
 * next crossing ahead, since this car has not crossed again yet.
 */
function gapTo(
  crossing: ReadonlyMap<string, number>,
  ahead: number,
  lapsDone: number,
  mine: number,
  now: number,
): number | string {
  let lapsDown = 0
  while ((crossing.get(`${ahead}/${lapsDone + lapsDown + 1}`) ?? Infinity) < mine) lapsDown += 1
  if (lapsDown > 0) return `+${lapsDown} LAP${lapsDown > 1 ? 'S' : ''}`
  const same = crossing.get(`${ahead}/${lapsDone}`)
  const next = crossing.get(`${ahead}/${lapsDone + 1}`)
  let gap = same === undefined ? 0 : mine - same
  if (next !== undefined && next <= now) gap = Math.max(gap, now - next)
  return +(Math.max(gap, 1) / 1000).toFixed(3)
}
