/**
 * The dashboard's periods, as China calendar dates (`from`..`to` inclusive, what the stats API
 * takes). Presets run from the start of the China week, month or year to today (China time),
 * whatever the time zone of the phone or browser.
 */
import { ERRORS, chinaToday, chinaWeekMonday, statsPeriodProblem, type StatsPeriodQuery } from '@civic/shared'

export type Period = StatsPeriodQuery
export type PeriodKind = 'week' | 'month' | 'year' | 'custom'

export const PERIOD_LABELS: Record<PeriodKind, string> = { week: '本周', month: '本月', year: '本年', custom: '自定义' }
export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'year', 'custom']

/** 本周 / 本月 / 本年 up to today, in China time. */
export function presetPeriod(kind: Exclude<PeriodKind, 'custom'>, now: number = Date.now()): Period {
  const today = chinaToday(now)
  if (kind === 'week') return { from: chinaWeekMonday(now), to: today }
  if (kind === 'month') return { from: `${today.slice(0, 7)}-01`, to: today }
  return { from: `${today.slice(0, 4)}-01-01`, to: today }
}

/** Why a chosen period cannot be asked for (the server's own message), or null. */
export function periodProblem(p: Period): string | null {
  const problem = statsPeriodProblem(p.from, p.to)
  return problem ? ERRORS[problem].message : null
}

/** `2025-11-17 至 2025-11-23`, or one date. */
export function describePeriod(p: Period): string {
  return p.from === p.to ? p.from : `${p.from} 至 ${p.to}`
}

/** NutUI's calendar answers `YYYY/MM/DD`; the API wants `YYYY-MM-DD`. */
export function calendarDate(s: string): string {
  const [y, m, d] = s.split(/[/-]/)
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
}
