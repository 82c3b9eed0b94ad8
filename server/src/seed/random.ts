/**
 * A small seeded PRNG for reproducible demo data (never Math.random).
 *
 * mulberry32 gives 32-bit state, plenty for a demo city. `fork(label)` derives an independent
 * stream from the seed and a label, so adding draws in one part of the seed does not reshuffle
 * every other part.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number
  /** integer in [min, max] (inclusive) */
  int(min: number, max: number): number
  /** uniform float in [min, max) */
  float(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** a new array in random order (Fisher–Yates) */
  shuffle<T>(items: readonly T[]): T[]
  /**
   * `k` distinct items drawn with probability proportional to their weight (Efraimidis–Spirakis);
   * items with weight ≤ 0 are never drawn. Returned in draw order (heaviest keys first).
   */
  weightedSample<T>(items: readonly T[], weight: (item: T) => number, k: number): T[]
  /** the whole of `items` (positive weight only) ordered as a weighted draw without replacement */
  weightedOrder<T>(items: readonly T[], weight: (item: T) => number): T[]
  /** a string of `length` characters from `alphabet` */
  string(length: number, alphabet: string): string
  /** an independent stream for `label` */
  fork(label: string): Rng
}

/** mulberry32: the next 32-bit state step, as a float in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** FNV-1a over the label mixed with the seed, for deriving fork seeds. */
function hashLabel(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed)
  const rng: Rng = {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1))
    },
    float(min, max) {
      return min + next() * (max - min)
    },
    chance(p) {
      return next() < p
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list')
      return items[Math.floor(next() * items.length)]
    },
    shuffle(items) {
      const out = [...items]
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[out[i], out[j]] = [out[j], out[i]]
      }
      return out
    },
    weightedOrder(items, weight) {
      const keyed: Array<{ item: (typeof items)[number]; key: number }> = []
      for (const item of items) {
        const w = weight(item)
        // draw for every item, so the stream advances the same whatever the weights
        const u = next()
        if (w > 0) keyed.push({ item, key: Math.log(Math.max(u, 1e-12)) / w })
      }
      keyed.sort((x, y) => y.key - x.key)
      return keyed.map((k) => k.item)
    },
    weightedSample(items, weight, k) {
      return rng.weightedOrder(items, weight).slice(0, Math.max(0, k))
    },
    string(length, alphabet) {
      let out = ''
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)]
      return out
    },
    fork(label) {
      return createRng(hashLabel(seed, label))
    },
  }
  return rng
}
