/**
 * @module lake/read/roaring
 * Decoder of the deletion-vector bitmap (PROTOCOL.md Appendix "Deletion Vector Format"): a
 * `uint32 LE` magic 1681511377 followed by a 64-bit RoaringBitmap in the *portable* format
 * (`uint64 LE` bucket count, then per bucket a `uint32 LE` high key and a standard 32-bit Roaring
 * serialisation with cookie 12346 or 12347). Returns the deleted row indexes, ascending.
 */
import { InvalidLogError } from '../lake-errors.js'

/** Magic number of a portable-format DV bitmap. */
export const DV_MAGIC_PORTABLE = 1681511377

const COOKIE_NO_RUN = 12346
const COOKIE_RUN = 12347

/** Decodes the DV bitmap bytes (magic included) into sorted row indexes. */
export function decodeDvBitmap(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const magic = view.getUint32(0, true)
  if (magic !== DV_MAGIC_PORTABLE) {
    throw new InvalidLogError(`unsupported deletion vector format (magic ${magic})`, {
      hint: 'pitwall reads the portable RoaringBitmap format Spark and delta-rs write',
    })
  }
  const buckets = Number(view.getBigUint64(4, true))
  let pos = 12
  const out: number[] = []
  for (let b = 0; b < buckets; b++) {
    const high = view.getUint32(pos, true) * 2 ** 32
    pos = decodeRoaring32(view, pos + 4, high, out)
  }
  return out
}

/** Decodes one 32-bit Roaring bitmap at `pos`, pushing `high + value`; returns the end offset. */
function decodeRoaring32(view: DataView, start: number, high: number, out: number[]): number {
  let pos = start
  const cookie = view.getUint32(pos, true)
  pos += 4
  let size: number
  let runFlags: Uint8Array | undefined
  if (cookie === COOKIE_NO_RUN) {
    size = view.getUint32(pos, true)
    pos += 4
  } else if ((cookie & 0xffff) === COOKIE_RUN) {
    size = (cookie >>> 16) + 1
    const n = Math.ceil(size / 8)
    runFlags = new Uint8Array(view.buffer, view.byteOffset + pos, n)
    pos += n
  } else {
    throw new InvalidLogError(`invalid Roaring bitmap cookie ${cookie}`)
  }
  const keys: number[] = []
  const cards: number[] = []
  for (let i = 0; i < size; i++) {
    keys.push(view.getUint16(pos, true))
    cards.push(view.getUint16(pos + 2, true) + 1)
    pos += 4
  }
  if (runFlags === undefined || size >= 4) pos += 4 * size // offset header
  for (let i = 0; i < size; i++) {
    const base = high + (keys[i] ?? 0) * 65536
    const card = cards[i] ?? 0
    const isRun = runFlags !== undefined && ((runFlags[i >> 3] ?? 0) & (1 << (i & 7))) !== 0
    if (isRun) {
      const runs = view.getUint16(pos, true)
      pos += 2
      for (let r = 0; r < runs; r++) {
        const s = view.getUint16(pos, true)
        const len = view.getUint16(pos + 2, true)
        pos += 4
        for (let v = s; v <= s + len; v++) out.push(base + v)
      }
    } else if (card <= 4096) {
      for (let j = 0; j < card; j++) out.push(base + view.getUint16(pos + 2 * j, true))
      pos += 2 * card
    } else {
      for (let w = 0; w < 1024; w++) {
        const lo = view.getUint32(pos + 8 * w, true)
        const hi = view.getUint32(pos + 8 * w + 4, true)
        for (let bit = 0; bit < 32; bit++) if ((lo >>> bit) & 1) out.push(base + w * 64 + bit)
        for (let bit = 0; bit < 32; bit++) if ((hi >>> bit) & 1) out.push(base + w * 64 + 32 + bit)
      }
      pos += 8192
    }
  }
  return pos
}
