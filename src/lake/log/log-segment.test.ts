import { describe, expect, it } from 'vitest'
import { classifyLogFile, type LogFile } from './log-files.js'
import { commitRange, completeCheckpoints, preferHint } from './log-segment.js'
import type { LogListing } from './log-store.js'

function listing(names: string[]): LogListing {
  const commits = new Map()
  const checkpoints: Extract<LogFile, { kind: 'checkpoint' }>[] = []
  let latest = -1
  for (const name of names) {
    const f = classifyLogFile({ path: `_delta_log/${name}`, size: 1, modified: 0 })
    if (f?.kind === 'commit') commits.set(f.version, f.meta)
    if (f?.kind === 'checkpoint') checkpoints.push(f)
    if (f !== undefined) latest = Math.max(latest, f.version)
  }
  return { commits, checkpoints, latest }
}

const v = (n: number) => String(n).padStart(20, '0')

describe('log segments', () => {
  const l = listing([
    ...[0, 1, 2, 3, 4, 5, 6].map((n) => `${v(n)}.json`),
    `${v(2)}.checkpoint.parquet`,
    `${v(4)}.checkpoint.0000000001.0000000002.parquet`,
    `${v(4)}.checkpoint.0000000002.0000000002.parquet`,
    `${v(6)}.checkpoint.0000000001.0000000003.parquet`,
  ])

  it('skips incomplete multi-part checkpoints and those after the wanted version', () => {
    expect(completeCheckpoints(l, 6).map((c) => [c.version, c.files.length])).toEqual([
      [4, 2],
      [2, 1],
    ])
    expect(completeCheckpoints(l, 3).map((c) => c.version)).toEqual([2])
  })

  it('never lets a stale hint hide a newer checkpoint', () => {
    const order = preferHint(completeCheckpoints(l, 6), { version: 2 })
    expect(order.map((c) => c.version)).toEqual([4, 2])
  })

  it('needs contiguous commits after the checkpoint', () => {
    expect(commitRange(l, 4, 6, 't')).toEqual([5, 6])
    const gap = listing([`${v(0)}.json`, `${v(2)}.json`])
    expect(() => commitRange(gap, undefined, 2, 't')).toThrow(/commit 1 is missing/)
    const cleaned = listing([`${v(5)}.json`, `${v(6)}.json`])
    expect(() => commitRange(cleaned, undefined, 6, 't')).toThrow(/cleaned up/)
  })
})
