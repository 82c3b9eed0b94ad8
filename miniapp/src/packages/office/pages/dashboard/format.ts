/** How the dashboard writes figures: rates as percentages, hours to 0.1 h, missing as "—". */

export const NONE = '—'

/**
 * 0.1234 → `12.34%`; null → `—`. The API rounds rates to 4 decimals, so two decimals of a
 * percentage show exactly what it sent (one decimal would round a second time: 7/13 = 0.5385
 * would read 53.9% where it is 53.85%).
 */
export function percent(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return NONE
  return `${(Math.round(rate * 10_000) / 100).toFixed(2)}%`
}

/** 12.25 → `12.3`; 3 → `3`; null → `—`. */
export function hours(h: number | null | undefined): string {
  if (h == null || !Number.isFinite(h)) return NONE
  return String(Math.round(h * 10) / 10)
}

/** An integer count; null → `—`. */
export function count(n: number | null | undefined): string {
  return n == null ? NONE : String(n)
}

/** `2025-11-17` → `11/17`. */
export function shortDate(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`
}
