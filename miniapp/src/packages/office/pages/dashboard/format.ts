/** How the dashboard writes figures: rates as percentages, hours to 0.1 h, missing as "—". */

export const NONE = '—'

/** 0.1234 → `12.3%`; null → `—`. */
export function percent(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return NONE
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
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
