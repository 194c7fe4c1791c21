/**
 * @module openf1/prng
 * Small seeded pseudo-random helpers (mulberry32 + FNV-1a) shared by the simulator and the replay
 * server's fault injection, so both are deterministic for a given seed.
 */

/** A seeded generator of numbers in [0, 1). */
export type Random = () => number

/** mulberry32: fast, good enough for simulation and jitter; never for secrets. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a hash of a string to an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A number in [0, 1) determined by `parts` alone (order-independent of other calls). */
export function hashUnit(...parts: readonly (string | number)[]): number {
  return seededRandom(hashString(parts.join('|')))()
}

/** A normally distributed number (Box-Muller). */
export function gaussian(random: Random, mean = 0, sd = 1): number {
  const u = 1 - random()
  const v = random()
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** An integer in [min, max]. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}
