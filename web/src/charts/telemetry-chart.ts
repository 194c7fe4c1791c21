/**
 * @module web/charts/telemetry-chart
 * Two drivers' laps compared over distance with uPlot (dense series, small and fast): the speed
 * traces, and the time delta of the second to the first (approximate, as FastF1 warns: derived
 * from positions and timestamps). Both laps are resampled onto one distance grid.
 */
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Telemetry, TelemetryLap } from '../../../src/serve/api-types.js'
import type { PageContext } from '../router.js'
import { cssVar } from '../ui/theme.js'

/** Linear interpolation of `ys` (at increasing `xs`) at `x`. */
export function interpolate(
  xs: readonly number[],
  ys: readonly (number | null)[],
  x: number,
): number | null {
  if (xs.length === 0) return null
  let lo = 0
  let hi = xs.length - 1
  if (x < (xs[0] ?? 0) || x > (xs[hi] ?? 0)) return null
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if ((xs[mid] ?? 0) <= x) lo = mid
    else hi = mid
  }
  const x0 = xs[lo] ?? 0
  const x1 = xs[hi] ?? 0
  const y0 = ys[lo] ?? null
  const y1 = ys[hi] ?? null
  if (y0 === null || y1 === null) return y0 ?? y1
  return x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
}

function grid(laps: readonly TelemetryLap[], step: number): number[] {
  const end = Math.max(...laps.map((l) => l.points.at(-1)?.distance ?? 0))
  const out: number[] = []
  for (let d = 0; d <= end; d += step) out.push(d)
  return out
}

function mount(
  ctx: Pick<PageContext, 'onLeave'>,
  host: HTMLElement,
  opts: uPlot.Options,
  data: uPlot.AlignedData,
): void {
  const width = () => Math.max(280, host.clientWidth)
  const plot = new uPlot({ ...opts, width: width() }, data, host)
  const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: opts.height }))
  observer.observe(host)
  ctx.onLeave(() => {
    observer.disconnect()
    plot.destroy()
  })
}

function axis(label: string): uPlot.Axis {
  const muted = cssVar('--muted')
  const border = cssVar('--border')
  return {
    label,
    stroke: muted,
    grid: { stroke: border, width: 1 },
    ticks: { stroke: border, width: 1 },
  }
}

/** Draws the speed traces into `speedHost` and the delta into `deltaHost`. */
export function drawTelemetry(
  ctx: Pick<PageContext, 'onLeave'>,
  speedHost: HTMLElement,
  deltaHost: HTMLElement,
  t: Telemetry,
  names: readonly { label: string; colour: string }[],
): void {
  const laps = t.laps.filter((l) => l.points.length > 1)
  const xs = grid(laps, 5)
  const series: (number | null)[][] = laps.map((l) =>
    xs.map((d) =>
      interpolate(
        l.points.map((p) => p.distance),
        l.points.map((p) => p.speed),
        d,
      ),
    ),
  )
  mount(
    ctx,
    speedHost,
    {
      width: 800,
      height: 300,
      scales: { x: { time: false } },
      axes: [axis('Distance (m)'), axis('Speed (km/h)')],
      series: [
        { label: 'Distance (m)' },
        ...laps.map((l, i) => ({
          label: names[i]?.label ?? String(l.driver_number),
          stroke: names[i]?.colour ?? '#888',
          width: 1.5,
          // The second lap dashed: teams' colours can be close (Aston Martin, Mercedes).
          dash: i === 1 ? [6, 3] : undefined,
          value: (_: uPlot, v: number | null) => (v === null ? '—' : `${v.toFixed(0)} km/h`),
        })),
      ],
    },
    [xs, ...series] as uPlot.AlignedData,
  )
  const dx = t.delta.map((d) => d.distance)
  const dy = t.delta.map((d) => d.delta)
  mount(
    ctx,
    deltaHost,
    {
      width: 800,
      height: 200,
      scales: { x: { time: false } },
      axes: [axis('Distance (m)'), axis('Delta (s)')],
      series: [
        { label: 'Distance (m)' },
        {
          label: `${names[1]?.label ?? 'B'} vs ${names[0]?.label ?? 'A'} (s, + = slower)`,
          stroke: names[1]?.colour ?? '#888',
          width: 1.5,
          fill: 'rgba(128,128,128,0.12)',
          value: (_: uPlot, v: number | null) =>
            v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(3)} s`,
        },
      ],
    },
    [dx, dy],
  )
}
