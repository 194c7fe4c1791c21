/**
 * @module core/progress
 * Progress reporting for long work. Code reports through {@link Progress}; the CLI chooses the
 * renderer: bars on a TTY ({@link createTtyProgress}), one line every few seconds when output is
 * piped or logged ({@link createLineProgress}), or nothing ({@link NO_PROGRESS}). Rendering goes
 * through a sink the caller gives, so this module does no I/O.
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

/** Where {@link createLineProgress} reports: one message per line, with its figures as fields. */
export type ProgressLineSink = (message: string, fields: Readonly<Record<string, unknown>>) => void

/** Options of {@link createLineProgress}. */
export interface LineProgressOptions {
  /** At most one line per this many ms, and one at least this often while work runs (5000). */
  readonly intervalMs?: number
  /** Clock, injectable for tests. */
  readonly now?: () => number
  /**
   * Starts the heartbeat (every `max(intervalMs, 1000)` ms) that reports work which has been
   * silent that long; returns its stop function. Default: an unref'd `setInterval`, so it never keeps the process alive.
   */
  readonly every?: (ms: number, fn: () => void) => () => void
}

interface LineTask {
  readonly label: string
  readonly unit: string
  done: number
  total: number
  detail: string | undefined
  finished: boolean
}

function counts(t: LineTask): string {
  const n = t.total > 0 ? `${t.done}/${t.total}` : `${t.done}`
  const pct = t.total > 0 ? ` (${Math.floor((100 * Math.min(t.done, t.total)) / t.total)}%)` : ''
  return t.label === t.unit ? `${n} ${t.unit}${pct}` : `${t.label} ${n} ${t.unit}${pct}`
}

function elapsedText(ms: number): string {
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

function taskFields(tasks: readonly LineTask[]): Record<string, unknown>[] {
  return tasks.map((x) => ({ label: x.label, done: x.done, total: x.total, unit: x.unit }))
}

const defaultEvery = (ms: number, fn: () => void): (() => void) => {
  const timer = setInterval(fn, Math.max(ms, 1))
  ;(timer as { unref?: () => void }).unref?.()
  return () => clearInterval(timer)
}

/**
 * Progress for output that is not a terminal (pipes, CI logs): a line like
 * `progress: 3/10 sessions (30%) · requests 45 files · 1m05s` at most every `intervalMs`, on
 * ticks and, while work runs without ticking, from a heartbeat, so minutes of work are never
 * silent. Work that ends before its first line prints nothing; work that printed gets a final
 * line when the last of its tasks is done.
 */
export function createLineProgress(
  sink: ProgressLineSink,
  options: LineProgressOptions = {},
): Progress {
  const now = options.now ?? (() => Date.now())
  const interval = options.intervalMs ?? 5000
  const every = options.every ?? defaultEvery
  const tasks: LineTask[] = []
  let started = 0
  let lastLine = 0
  let printed = false
  let stop: (() => void) | undefined
  const active = (): LineTask[] => tasks.filter((t) => !t.finished)
  // The heartbeat runs at least a second apart, and only speaks after that long in silence.
  const heartbeatMs = Math.max(interval, 1000)
  const report = (quiet = interval): void => {
    const live = active()
    const t = now()
    if (live.length === 0 || t - lastLine < quiet) return
    lastLine = t
    printed = true
    const detail = live.map((x) => x.detail).find((d) => d !== undefined)
    const text = `progress: ${live.map(counts).join(' · ')} · ${elapsedText(t - started)}`
    sink(detail === undefined ? text : `${text} · ${detail}`, {
      elapsed_s: Math.round((t - started) / 1000),
      tasks: taskFields(live),
    })
  }
  const finish = (): void => {
    if (printed) {
      const t = now()
      sink(`progress: done: ${tasks.map(counts).join(' · ')} in ${elapsedText(t - started)}`, {
        elapsed_s: Math.round((t - started) / 1000),
        tasks: taskFields(tasks),
      })
    }
    stop?.()
    stop = undefined
    tasks.length = 0
  }
  return {
    start(label, total, unit = 'items') {
      if (active().length === 0) {
        started = now()
        // The first line comes one interval after the work starts, not at once.
        lastLine = started
        printed = false
        stop = every(heartbeatMs, () => report(heartbeatMs))
      }
      const task: LineTask = { label, unit, done: 0, total, detail: undefined, finished: false }
      tasks.push(task)
      return {
        tick(n = 1, detail) {
          task.done += n
          if (detail !== undefined) task.detail = detail
          report()
        },
        setTotal(t) {
          task.total = t
          report()
        },
        done() {
          if (task.finished) return
          if (task.total === 0) task.total = task.done
          task.finished = true
          if (active().length === 0) finish()
        },
      }
    },
  }
}
