/**
 * 周上街 compliance, per unit and ISO week (China time).
 *
 * - onDuty: distinct staff of the unit (User.unitId) with an approved, checked-in attendance at a
 *   duty activity the unit organised, started that week, not cancelled. Others who joined (staff of
 *   other units, residents) do not make up the unit's number.
 * - required: the largest requiredHeadcount among those activities (a number of distinct staff,
 *   as onDuty is; two sessions of 5 are met by 5 people, like one session of 5).
 * - A week with no such activity requiring anyone (none held, all cancelled, or requiredHeadcount
 *   empty/0) is not counted: met is null. compliance = weeks met / weeks required (null if none).
 * - latestWeek: the latest week wholly inside the period that has ended (Sunday before today, China
 *   time); missedLatestWeek lists the units that had a requirement then and did not meet it.
 */
import type { Ref, StreetDuty, StreetDutyUnit, WeekRef } from '@civic/shared'
import { chinaToday } from '@civic/shared'
import { byName, rate } from './figures'
import type { Reader } from './sql'
import { type Period, sundayOf } from './period'
import type { Scope } from './scope'


interface CellRow {
  unit_id: number
  monday: string
  required: number
  on_duty: number
}

export async function streetDuty(q: Reader, p: Period, scope: Scope, now: Date = new Date()): Promise<StreetDuty> {
  const units = await q.$queryRaw<Ref[]>`
      SELECT id, name FROM unit WHERE ${scope.all} OR id = ANY(${scope.unitIds}::int[])`
  const cells = await q.$queryRaw<CellRow[]>`
      SELECT a.organiser_unit_id AS unit_id,
             to_char(date_trunc('week', a.start_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS monday,
             COALESCE(max(a.required_headcount), 0)::int AS required,
             count(DISTINCT u.id)::int AS on_duty
      FROM activity a
      JOIN activity_type ty ON ty.id = a.type_id AND ty.duty
      LEFT JOIN attendance t ON t.activity_id = a.id AND t.status = 'approved' AND t.check_in_at IS NOT NULL
      LEFT JOIN app_user u ON u.id = t.user_id AND u.unit_id = a.organiser_unit_id
      WHERE a.organiser_unit_id IS NOT NULL AND a.status <> 'cancelled'
        AND a.start_at >= ${p.startSql} AND a.start_at < ${p.endSql}
        AND (${scope.all} OR a.organiser_unit_id = ANY(${scope.unitIds}::int[]))
      GROUP BY 1, 2`
  const cellOf = new Map(cells.map((c) => [`${c.unit_id}:${c.monday}`, c]))
  const rows: StreetDutyUnit[] = units.sort(byName).map((u) => {
    const weeks = p.weeks.map(({ week, monday }) => {
      const c = cellOf.get(`${u.id}:${monday}`)
      const required = c?.required ?? 0
      const onDuty = c?.on_duty ?? 0
      return { week, monday, onDuty, required, met: required > 0 ? onDuty >= required : null }
    })
    const weeksRequired = weeks.filter((w) => w.met !== null).length
    const weeksMet = weeks.filter((w) => w.met === true).length
    return { id: u.id, name: u.name, weeksRequired, weeksMet, compliance: rate(weeksMet, weeksRequired), weeks }
  })
  const latestWeek = latestCompleteWeek(p, now)
  const missedLatestWeek = latestWeek
    ? rows.flatMap((u) => {
        const cell = u.weeks.find((w) => w.monday === latestWeek.monday)!
        return cell.met === false ? [{ id: u.id, name: u.name, onDuty: cell.onDuty, required: cell.required }] : []
      })
    : []
  return { from: p.from, to: p.to, weeks: p.weeks, units: rows, latestWeek, missedLatestWeek }
}

/** The latest week with its Monday on/after `from`, its Sunday on/before `to`, and over by `now`. */
export function latestCompleteWeek(p: Period, now: Date): WeekRef | null {
  const today = chinaToday(now)
  const done = p.weeks.filter((w) => w.monday >= p.from && sundayOf(w.monday) <= p.to && sundayOf(w.monday) < today)
  return done.at(-1) ?? null
}
