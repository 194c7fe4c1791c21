/**
 * @module web/charts/lap-axes
 * The axes of every lap-time chart (laps across, lap times up, shown as `m:ss.sss`) and its
 * tooltip, so the session's lap chart and a driver's read the same way.
 */
import { lapTime } from '../ui/format.js'
import { axisStyle, chartColours, tooltip, type ChartOption } from './echarts.js'

/** `tooltip`, `xAxis` (lap number) and `yAxis` (lap time) of a lap-time chart. */
export function lapTimeAxes(): ChartOption {
  return {
    tooltip: tooltip({
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? lapTime(v) : '—'),
    }),
    xAxis: { type: 'value', name: 'Lap', min: 1, minInterval: 1, ...axisStyle() },
    yAxis: {
      type: 'value',
      scale: true,
      ...axisStyle(),
      axisLabel: { color: chartColours().muted, formatter: (v: number) => lapTime(v) },
    },
  }
}
