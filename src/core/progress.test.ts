import { describe, expect, it } from 'vitest'
import { createLineProgress, createTtyProgress, formatBar, NO_PROGRESS } from './progress.js'

describe('formatBar', () => {
  it('shows percentage and counts within the width', () => {
    const line = formatBar('laps', 5, 10, 'files', 60)
    expect(line).toContain(' 50% 5/10 files')
    expect(line.length).toBeLessThanOrEqual(60)
  })

  it('shows a bare count when the total is unknown', () => {
    expect(formatBar('requests', 7, 0, 'req', 40)).toMatch(/7 req$/)
  })
})

describe('createTtyProgress', () => {
  it('redraws bars in place and keeps finished ones', () => {
    let out = ''
    let t = 0
    const p = createTtyProgress(
      { columns: 50, write: (s) => (out += s) },
      { intervalMs: 10, now: () => t },
    )
    const task = p.start('sessions', 2, 'sessions')
    t = 100
    task.tick()
    t = 200
    task.tick()
    task.done()
    expect(out).toContain('\u001b[1F')
    expect(out).toContain('2/2 sessions')
  })

  it('NO_PROGRESS accepts calls and shows nothing', () => {
    const task = NO_PROGRESS.start('x', 3)
    task.tick()
    task.done()
    expect(task).toBeDefined()
  })
})

describe('createLineProgress', () => {
  /** A line progress on a fake clock whose heartbeat the test fires by hand. */
  function setup(intervalMs = 5000) {
    const lines: string[] = []
    let t = 0
    let beat: (() => void) | undefined
    let stopped = 0
    const p = createLineProgress((m) => lines.push(m), {
      intervalMs,
      now: () => t,
      every: (_ms, fn) => {
        beat = fn
        return () => {
          stopped++
          beat = undefined
        }
      },
    })
    return {
      p,
      lines,
      at: (ms: number) => (t = ms),
      beat: () => beat?.(),
      stopped: () => stopped,
    }
  }

  it('prints at most one line per interval on ticks, with counts, elapsed time and detail', () => {
    const s = setup()
    const task = s.p.start('load', 10, 'files')
    s.at(1000)
    task.tick(1, 'bronze_laps')
    expect(s.lines).toEqual([])
    s.at(5000)
    task.tick(1, 'bronze_stints')
    s.at(6000)
    task.tick()
    expect(s.lines).toEqual(['progress: load 2/10 files (20%) · 5s · bronze_stints'])
  })

  it('reports work that stops ticking from the heartbeat', () => {
    const s = setup()
    const a = s.p.start('sessions', 4, 'sessions')
    s.p.start('requests', 0, 'files').tick(7)
    a.tick()
    s.at(65_000)
    s.beat()
    expect(s.lines).toEqual(['progress: 1/4 sessions (25%) · requests 7 files · 1m05s'])
    s.beat()
    expect(s.lines).toHaveLength(1)
  })

  it('says nothing about work shorter than one interval', () => {
    const s = setup()
    const task = s.p.start('simulate', 2, 'sessions')
    task.tick()
    task.tick()
    task.done()
    expect(s.lines).toEqual([])
    expect(s.stopped()).toBe(1)
  })

  it('ends work that printed with one line once its last task is done', () => {
    const s = setup(0)
    const a = s.p.start('sessions', 2, 'sessions')
    const b = s.p.start('records', 0, 'records')
    a.tick()
    b.tick(40)
    a.tick()
    a.done()
    expect(s.stopped()).toBe(0)
    b.done()
    expect(s.lines.at(-1)).toBe('progress: done: 2/2 sessions (100%) · 40/40 records (100%) in 0s')
    expect(s.stopped()).toBe(1)
  })
})
