import { describe, expect, it } from 'vitest'
import { GraphQueue } from './graph-queue.js'

describe('GraphQueue', () => {
  const parents = new Map([
    ['b', ['a']],
    ['c', ['a']],
    ['d', ['b', 'c']],
    ['e', ['outside']],
  ])

  it('releases a node only when all its parents are done, in topological order', () => {
    const q = new GraphQueue(['a', 'b', 'c', 'd', 'e'], parents)
    expect([q.take(), q.take(), q.take()]).toEqual(['a', 'e', undefined])
    q.markDone('a')
    expect([q.take(), q.take()]).toEqual(['b', 'c'])
    q.markDone('b')
    expect(q.take()).toBeUndefined()
    q.markDone('c')
    expect(q.take()).toBe('d')
    q.markDone('d')
    q.markDone('e')
    expect(q.empty).toBe(true)
  })

  it('lists and drops the pending descendants of a failed node', () => {
    const q = new GraphQueue(['a', 'b', 'c', 'd'], parents)
    q.take()
    expect(q.pendingDescendants('a').sort()).toEqual(['b', 'c', 'd'])
    for (const d of q.pendingDescendants('a')) q.drop(d)
    q.markDone('a')
    expect(q.take()).toBeUndefined()
    expect(q.empty).toBe(true)
  })
})
