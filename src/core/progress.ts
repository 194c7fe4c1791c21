/**
 * @module core/progress
 * Progress reporting for long work. Code reports through {@link Progress}; the CLI chooses the
 * renderer: bars on a TTY ({@link createTtyProgress}), nothing otherwise ({@link NO_PROGRESS}).
 * Rendering goes through a {@link ProgressSink}, so this module does no I/O.
 */

/** One bar's state. */
export interface ProgressTask {
  /** Advances the bar by `n` (default 1). */
  tick(n?: number, detail?: string): void
  /** Changes the expected total (it may grow as work is discovered). */
  setTotal(total: number): void
  /** Marks the bar finished. */
  done(detail?: string): void
}

/** A progress reporter. */
export interface Progress {
  /** Starts a bar named `label` expecting `total` units (`0` when unknown). */
  start(label: string, total: number, unit?: string): ProgressTask
}

/** Where the TTY renderer draws. */
export interface ProgressSink {
  /** Terminal width in columns. */
  readonly columns: number
  /** Writes raw text (ANSI control sequences included). */
  write(text: string): void
}

const NOOP_TASK: ProgressTask = {
  tick: () => undefined,
  setTotal: () => undefined,
  done: () => undefined,
}

/** A reporter that shows nothing (non-TTY, `--json`, tests). */
export const NO_PROGRESS: Progress = { start: () => NOOP_TASK }

/** Formats one bar line; exported for tests. */
export function formatBar(
  label: string,
  done: number,
  total: number,
  unit: string,
  width: number,
): string {
  const counts = total > 0 ? `${done}/${total} ${unit}` : `${done} ${unit}`
  const pct = total > 0 ? `${Math.floor((100 * Math.min(done, total)) / total)}%`.padStart(4) : ''
  const room = Math.max(10, width - label.length - counts.length - pct.length - 6)
  const filled = total > 0 ? Math.round((room * Math.min(done, total)) / total) : 0
  const bar = '█'.repeat(filled) + '░'.repeat(room - filled)
  return `${label} ${bar} ${pct} ${counts}`.slice(0, width)
}

interface BarState {
  label: string
  unit: string
  done: number
  total: number
  finished: boolean
}

/**
 * Bars drawn in place on a terminal, one line per task, redrawn at most every `intervalMs`.
 * Finished bars stay on screen; the redraw moves the cursor up over the live ones.
 */
export function createTtyProgress(
  sink: ProgressSink,
  options: { intervalMs?: number; now?: () => number } = {},
): Progress {
  const now = options.now ?? (() => Date.now())
  const interval = options.intervalMs ?? 100
  const bars: BarState[] = []
  let drawnLines = 0
  let lastDraw = 0
  const draw = (force: boolean): void => {
    const t = now()
    if (!force && t - lastDraw < interval) return
    lastDraw = t
    let out = drawnLines > 0 ? `\u001b[${drawnLines}F` : ''
    for (const b of bars)
      out += `\u001b[2K${formatBar(b.label, b.done, b.total, b.unit, sink.columns - 1)}\n`
    drawnLines = bars.length
    sink.write(out)
  }
  return {
    start(label, total, unit = 'items') {
      const state: BarState = { label, unit, done: 0, total, finished: false }
      bars.push(state)
      draw(true)
      return {
        tick(n = 1) {
          state.done += n
          draw(false)
        },
        setTotal(t) {
          state.total = t
          draw(false)
        },
        done() {
          state.finished = true
          if (state.total === 0) state.total = state.done
          draw(true)
        },
      }
    },
  }
}
