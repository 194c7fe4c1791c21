import { describe, expect, it } from 'vitest'
import { DV_MAGIC_PORTABLE, decodeDvBitmap } from './roaring.js'

/** A little-endian byte writer for building bitmaps by hand, as the spec describes them. */
class Bytes {
  private readonly out: number[] = []
  u16(v: number): this {
    this.out.push(v & 0xff, (v >>> 8) & 0xff)
    return this
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16)
  }
  u64(v: number): this {
    return this.u32(v).u32(0)
  }
  bytes(b: readonly number[]): this {
    this.out.push(...b)
    return this
  }
  done(): Uint8Array {
    return Uint8Array.from(this.out)
  }
}

describe('decodeDvBitmap', () => {
  it('decodes array containers in several high buckets', () => {
    const b = new Bytes().u32(DV_MAGIC_PORTABLE).u64(2)
    // bucket 0: cookie 12346 (no runs), 1 container key 0 with values 0 and 9
    b.u32(0).u32(12346).u32(1).u16(0).u16(1).u32(16).u16(0).u16(9)
    // bucket 1 (values + 2^32): container key 2 with value 5
    b.u32(1).u32(12346).u32(1).u16(2).u16(0).u32(16).u16(5)
    expect(decodeDvBitmap(b.done())).toEqual([0, 9, 2 ** 32 + 2 * 65536 + 5])
  })

  it('decodes run containers (cookie 12347) without an offset header below 4 containers', () => {
    const b = new Bytes().u32(DV_MAGIC_PORTABLE).u64(1)
    b.u32(0)
      .u32(12347 | (0 << 16))
      .bytes([0b1])
      .u16(0)
      .u16(4)
      .u16(1)
      .u16(10)
      .u16(4)
    expect(decodeDvBitmap(b.done())).toEqual([10, 11, 12, 13, 14])
  })

  it('decodes bitmap containers (more than 4096 values)', () => {
    const b = new Bytes().u32(DV_MAGIC_PORTABLE).u64(1)
    b.u32(0).u32(12346).u32(1).u16(0).u16(4999).u32(16)
    const words = new Array<number>(8192).fill(0)
    for (let v = 0; v < 5000; v++) words[v >> 3] = (words[v >> 3] ?? 0) | (1 << (v & 7))
    b.bytes(words)
    const rows = decodeDvBitmap(b.done())
    expect(rows).toHaveLength(5000)
    expect(rows[4999]).toBe(4999)
  })

  it('refuses another magic number', () => {
    expect(() => decodeDvBitmap(new Bytes().u32(1681511376).u64(0).done())).toThrow(
      /magic 1681511376/,
    )
  })
})
