/**
 * @module lake/read/z85
 * Z85 (ZeroMQ base-85) decoding, used by deletion vectors for inline bitmaps and for the UUID in
 * `u` paths (PROTOCOL.md "Deletion Vector Descriptor Schema").
 */
import { InvalidLogError } from '../lake-errors.js'

const ALPHABET =
  '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#'
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]))

/**
 * Decodes Z85 text (length a multiple of 5) into bytes (4 per 5 characters). A final block that
 * starts with `#` padding and would overflow 32 bits is the padded tail of the Rust `z85` crate
 * (delta-rs, kernel-rs): `k` leading `#` then `5 - k` characters encoding `4 - k` bytes.
 */
export function z85Decode(text: string): Uint8Array {
  if (text.length % 5 !== 0) {
    throw new InvalidLogError(`Z85 text of length ${text.length} is not a multiple of 5`)
  }
  const out = new Uint8Array((text.length / 5) * 4)
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0
    for (let j = 0; j < 5; j++) {
      const d = INDEX.get(text[i + j] ?? '')
      if (d === undefined) throw new InvalidLogError(`invalid Z85 character '${text[i + j]}'`)
      value = value * 85 + d
    }
    if (value > 0xffffffff && i + 5 === text.length && text[i] === '#') {
      return padTail(text.slice(i), out.subarray(0, o))
    }
    out[o] = (value >>> 24) & 0xff
    out[o + 1] = (value >>> 16) & 0xff
    out[o + 2] = (value >>> 8) & 0xff
    out[o + 3] = value & 0xff
  }
  return out
}

function padTail(block: string, head: Uint8Array): Uint8Array {
  let k = 0
  while (k < 4 && block[k] === '#') k++
  let value = 0
  for (const c of block.slice(k)) value = value * 85 + (INDEX.get(c) ?? 0)
  const n = 4 - k
  const out = new Uint8Array(head.length + n)
  out.set(head)
  for (let j = n - 1; j >= 0; j--) {
    out[head.length + j] = value & 0xff
    value = Math.floor(value / 256)
  }
  return out
}

/** Formats 16 bytes as a UUID string (8-4-4-4-12 lowercase hex). */
export function uuidFromBytes(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
