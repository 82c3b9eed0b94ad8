/**
 * A stats period: China dates `from`..`to` inclusive, as the instant range [start, end) and the
 * ISO weeks (China time, Monday–Sunday) it overlaps.
 */
import { type WeekRef, chinaDateRange, statsPeriodProblem } from '@civic/shared'
import { Prisma } from '../../generated/prisma/client'
import { AppError } from '../../http/errors'

export interface Period {
  from: string
  to: string
  start: Date
  end: Date
  /** start and end as SQL timestamptz literals (see `instant`) */
  startSql: Prisma.Sql
  endSql: Prisma.Sql
  weeks: WeekRef[]
}

/**
 * An instant as a query parameter that means the same instant whatever the session's TimeZone:
 * Prisma's pg adapter sends a `Date` as a wall-clock text without an offset
 * (`2026-10-04 16:00:00`), which PostgreSQL reads in the session's zone, so on a server whose
 * TimeZone is Asia/Shanghai every bound would move by 8 hours.
 */
export const instant = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz`

const DAY_MS = 86_400_000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/*
 * Week maths on plain calendar dates (a China date is already a date: no time zone involved).
 * shared's chinaWeekKey goes through dayjs's isoWeek plugin, whose answer for a Monday before
 * 08:00 China time changes with the machine's zone and with the dayjs plugins other packages
 * (exceljs) install, so the figures do not use it.
 */

/** The Monday of the week holding a calendar date. */
export function mondayOf(date: string): string {
  const back = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
  return addDays(date, -back)
}

/** The ISO week key (`2026-W47`) of the week starting on `monday`: its Thursday decides the year. */
export function isoWeekKey(monday: string): string {
  const thursday = addDays(monday, 3)
  const year = Number(thursday.slice(0, 4))
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The weeks overlapping `from`..`to`, each with its key (`2026-W47`) and Monday. */
export function weeksOf(from: string, to: string): WeekRef[] {
  const weeks: WeekRef[] = []
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
    weeks.push({ week: isoWeekKey(monday), monday })
  }
  return weeks
}

/** Checks the period (400 `stats_period_reversed` / `stats_period_too_long`). */
export function periodOf(from: string, to: string): Period {
  const problem = statsPeriodProblem(from, to)
  if (problem) throw new AppError(problem)
  const { start, end } = chinaDateRange(from, to)
  return { from, to, start, end, startSql: instant(start), endSql: instant(end), weeks: weeksOf(from, to) }
}

/** The Sunday of the week starting on `monday`. */
export const sundayOf = (monday: string) => addDays(monday, 6)
