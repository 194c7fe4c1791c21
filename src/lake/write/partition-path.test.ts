import { describe, expect, it } from 'vitest'
import { decodeAddPath, encodeAddPath, hiveEscape, partitionDirectory } from './partition-path.js'

describe('partition-path', () => {
  it('escapes Hive special characters and control characters', () => {
    expect(hiveEscape('a/b')).toBe('a%2Fb')
    expect(hiveEscape('a\tb')).toBe('a%09b')
    expect(hiveEscape('a b')).toBe('a b')
  })

  it('maps null and the empty string to the Hive default partition', () => {
    expect(partitionDirectory(['k', 'j'], { k: null, j: '' })).toBe(
      'k=__HIVE_DEFAULT_PARTITION__/j=__HIVE_DEFAULT_PARTITION__',
    )
  })

  it('URI-encodes the escaped directory once and decodes it back', () => {
    const dir = partitionDirectory(['x'], { x: 'A/A B' })
    expect(dir).toBe('x=A%2FA B')
    expect(encodeAddPath(`${dir}/f.parquet`)).toBe('x=A%252FA%20B/f.parquet')
    expect(decodeAddPath(encodeAddPath(`${dir}/f.parquet`))).toBe(`${dir}/f.parquet`)
  })
})
