import { describe, expect, it } from 'vitest'
import { uuidFromBytes, z85Decode } from './z85.js'

describe('z85Decode', () => {
  it('decodes the ZeroMQ spec test vector', () => {
    expect([...z85Decode('HelloWorld')]).toEqual([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b])
  })

  it('decodes a padded tail written by the Rust z85 crate', () => {
    // '##' marks two padding characters; '093' encodes the 2 bytes 0x03 0x00.
    expect([...z85Decode('00000##093')]).toEqual([0, 0, 0, 0, 3, 0])
  })

  it('rejects text whose length is not a multiple of 5 and unknown characters', () => {
    expect(() => z85Decode('abcd')).toThrow(/multiple of 5/)
    expect(() => z85Decode('abcd~')).toThrow(/invalid Z85 character/)
  })

  it('formats UUID bytes', () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i)
    expect(uuidFromBytes(bytes)).toBe('00010203-0405-0607-0809-0a0b0c0d0e0f')
  })
})
