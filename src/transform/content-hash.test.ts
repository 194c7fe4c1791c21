import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from './content-hash.js'

describe('sha256Hex', () => {
  it('matches node:crypto for empty, short, multi-block and non-ASCII input', () => {
    for (const s of ['', 'abc', 'x'.repeat(55), 'y'.repeat(64), 'z'.repeat(1000), 'Pérez ✓ 🏎']) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'))
    }
  })
})
