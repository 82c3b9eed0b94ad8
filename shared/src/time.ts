/**
 * China-time calendar maths. Instants are stored in UTC; days and weeks (Monday–Sunday) are
 * those of Asia/Shanghai, whatever the time zone of the machine running this code.
 */
import dayjs, { type Dayjs } from 'dayjs'
import isoWeek from 'dayjs/plugin/isoWeek'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)
// for callers formatting weekdays (the week keys below do not rely on it)
dayjs.extend(isoWeek)

export const CHINA_TZ = 'Asia/Shanghai'

export type InstantInput = Date | string | number

/** The instant seen on a Chinese wall clock. */
export function inChina(instant: InstantInput): Dayjs {
  return dayjs(instant).tz(CHINA_TZ)
}

/** The China calendar date of an instant, `YYYY-MM-DD`. */
export function chinaDate(instant: InstantInput): string {
  return inChina(instant).format('YYYY-MM-DD')
}

/** Formats an instant for display in China time. */
export function formatChina(instant: InstantInput, pattern = 'YYYY-MM-DD HH:mm'): string {
  return inChina(instant).format(pattern)
}

/** The UTC instant at which a China calendar date (`YYYY-MM-DD`) starts. */
export function chinaDayStart(date: string): Date {
  return dayjs.tz(date, CHINA_TZ).toDate()
}

/** A China wall-clock time (`YYYY-MM-DD`, `HH:mm`) as a UTC instant. */
export function chinaWallClock(date: string, time: string): Date {
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', CHINA_TZ).toDate()
}

/**
 * A calendar date (`YYYY-MM-DD`) plus `days`, computed on plain dates. (Adding days to a
 * `dayjs.tz` object goes wrong by an hour when the machine's own zone changes to or from
 * summer time in between.)
 */
function plusDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD')
}

/**
 * Inclusive China dates `from`..`to` as the half-open instant range [start, end).
 */
export function chinaDateRange(from: string, to: string): { start: Date; end: Date } {
  const start = chinaDayStart(from)
  const end = chinaDayStart(plusDays(to, 1))
  return { start, end }
}

const DAY_MS = 86_400_000

/**
 * ISO weekday (1 = Monday … 7 = Sunday) and week of a calendar date, on plain UTC arithmetic:
 * no dayjs plugin involved (another library's isoWeek plugin replaced ours once loaded and put
 * Monday before 08:00 China time in the previous week).
 */
function isoOf(date: string): { weekday: number; year: number; week: number } {
  const [y, m, d] = date.split('-').map(Number)
  const t = Date.UTC(y, m - 1, d)
  const weekday = ((new Date(t).getUTCDay() + 6) % 7) + 1
  const thursday = t + (4 - weekday) * DAY_MS
  const year = new Date(thursday).getUTCFullYear()
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS))
  return { weekday, year, week }
}

/** ISO week key in China time, e.g. `2026-W47`. */
export function chinaWeekKey(instant: InstantInput): string {
  const { year, week } = isoOf(chinaDate(instant))
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The Monday (`YYYY-MM-DD`, China time) of the week holding an instant. */
export function chinaWeekMonday(instant: InstantInput): string {
  const date = chinaDate(instant)
  return plusDays(date, 1 - isoOf(date).weekday)
}

/** The instant range [start, end) of the China week holding an instant. */
export function chinaWeekRange(instant: InstantInput): { start: Date; end: Date; key: string } {
  const monday = chinaWeekMonday(instant)
  const start = chinaDayStart(monday)
  const end = chinaDayStart(plusDays(monday, 7))
  return { start, end, key: chinaWeekKey(instant) }
}

/** Week keys (China time) covering the inclusive date range, in order. */
export function chinaWeeksBetween(from: string, to: string): string[] {
  const keys: string[] = []
  let monday = chinaWeekMonday(chinaDayStart(from))
  const last = chinaDayStart(to).getTime()
  while (chinaDayStart(monday).getTime() <= last) {
    keys.push(chinaWeekKey(chinaDayStart(monday)))
    monday = plusDays(monday, 7)
  }
  return keys
}

/** Today's China date. */
export function chinaToday(now: InstantInput = Date.now()): string {
  return chinaDate(now)
}
