/** Rounding of published figures (see shared/src/schemas/stats.ts). */

/** A fraction to 4 decimals (12.34 %), null when there is no denominator. */
export function rate(part: number, whole: number | null | undefined): number | null {
  if (whole == null || whole <= 0) return null
  return Math.round((part / whole) * 10_000) / 10_000
}

/** Hours to 0.1 h. */
export const hours1 = (h: number) => Math.round(h * 10) / 10

/** A per-capita figure to 0.01, null without people. */
export function perCapita(total: number, people: number): number | null {
  if (people <= 0) return null
  return Math.round((total / people) * 100) / 100
}

const collator = new Intl.Collator('zh-CN')
/** Chinese names in pinyin order (the order rankings break ties in). */
export const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
