/**
 * Deadlines, overdue and lateness, in one place (the views, the queue filter and the figures
 * use these). Deadlines are instants: the last millisecond of a China calendar day.
 */
import { chinaDate, chinaDateRange, chinaToday, type ReportStatus } from '@civic/shared'
import { AppError } from '../../http/errors'

const DAY_MS = 86_400_000
/** assigned to a unit and not rectified yet */
export const OPEN_STATUSES: ReportStatus[] = ['assigned', 'accepted']
/** the unit has submitted its rectification */
export const RECTIFIED_STATUSES: ReportStatus[] = ['rectified', 'closed']

/** 23:59:59.999 China time on the China date `date`. */
export function endOfChinaDay(date: string): Date {
  return new Date(chinaDateRange(date, date).end.getTime() - 1)
}

/** The end of the China day `days` after the one holding `now` (China keeps no summer time: a day is 24 h). */
export function deadlineAfterDays(now: Date, days: number): Date {
  return endOfChinaDay(chinaDate(now.getTime() + days * DAY_MS))
}

/** A deadline the office picked (a China date): the end of that day, not before today. */
export function chosenDeadline(date: string, now: Date): Date {
  if (date < chinaToday(now)) throw new AppError('report_deadline_in_past')
  return endOfChinaDay(date)
}

interface Timing {
  status: ReportStatus
  deadline: Date | null
  rectifiedAt: Date | null
}

/** Open (assigned or accepted) and past its deadline. */
export function isOverdue(r: Timing, now: Date): boolean {
  return OPEN_STATUSES.includes(r.status) && r.deadline != null && now.getTime() > r.deadline.getTime()
}

/** Rectified, but after the deadline. */
export function isLate(r: Timing): boolean {
  return (
    RECTIFIED_STATUSES.includes(r.status) &&
    r.deadline != null &&
    r.rectifiedAt != null &&
    r.rectifiedAt.getTime() > r.deadline.getTime()
  )
}

/** Rectified by the deadline. */
export function isOnTime(r: Timing): boolean {
  return RECTIFIED_STATUSES.includes(r.status) && r.deadline != null && r.rectifiedAt != null && !isLate(r)
}
