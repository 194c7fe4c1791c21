import { describe, expect, it } from 'vitest'
import { createTtyProgress, formatBar, NO_PROGRESS } from './progress.js'

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
