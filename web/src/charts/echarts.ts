/**
 * @module web/charts/echarts
 * ECharts with only what the pages use (line, scatter, bar, custom; grid, tooltip, legend,
 * data zoom, mark areas/lines, visual map; canvas), so the chart chunk stays small. `chart()`
 * mounts one in an element, themes it from the page's CSS variables, follows the element's size
 * and is disposed when the page is left.
 */
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts'
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { PageContext } from '../router.js'
import { cssVar } from '../ui/theme.js'

echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  ScatterChart,
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
])

/** An ECharts option object (kept loose: pages build plain objects). */
export type ChartOption = Record<string, unknown>

/** The page's colours for charts. */
export function chartColours(): { text: string; muted: string; border: string; panel: string } {
  return {
    text: cssVar('--text'),
    muted: cssVar('--muted'),
    border: cssVar('--border'),
    panel: cssVar('--panel'),
  }
}

/** Axis styling in the page's colours. */
export function axisStyle(): Record<string, unknown> {
  const c = chartColours()
  return {
    axisLine: { lineStyle: { color: c.border } },
    axisLabel: { color: c.muted },
    nameTextStyle: { color: c.muted },
    splitLine: { lineStyle: { color: c.border, opacity: 0.5 } },
  }
}

/** Mounts a chart in `host` (an element with a height) and returns it. */
export function chart(
  ctx: Pick<PageContext, 'onLeave'>,
  host: HTMLElement,
  option: ChartOption,
  label: string,
): echarts.ECharts {
  host.setAttribute('role', 'img')
  host.setAttribute('aria-label', label)
  const c = chartColours()
  const instance = echarts.init(host, null, { renderer: 'canvas' })
  instance.setOption({
    backgroundColor: 'transparent',
    textStyle: { color: c.text, fontFamily: 'inherit' },
    aria: { enabled: true, label: { description: label } },
    animation: false,
    ...option,
  })
  const observer = new ResizeObserver(() => instance.resize())
  observer.observe(host)
  ctx.onLeave(() => {
    observer.disconnect()
    instance.dispose()
  })
  return instance
}

/** A tooltip in the page's colours. */
export function tooltip(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = chartColours()
  return {
    backgroundColor: c.panel,
    borderColor: c.border,
    textStyle: { color: c.text },
    confine: true,
    ...extra,
  }
}

/** A legend in the page's colours (scrolling when long). */
export function legend(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = chartColours()
  return {
    type: 'scroll',
    top: 0,
    textStyle: { color: c.text },
    pageTextStyle: { color: c.muted },
    pageIconColor: c.text,
    ...extra,
  }
}
