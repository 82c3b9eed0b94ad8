/**
 * The weekly trend (one row per ISO week in China time, empty weeks included) and the city's
 * figures. A week is the one in which the activity started, on a Chinese wall clock:
 * `date_trunc('week', start_at AT TIME ZONE 'Asia/Shanghai')` does not depend on the session's
 * or the machine's time zone.
 */
import type { City, WeeklyRow } from '@civic/shared'
import { hours1, perCapita, rate } from './figures'
import type { Reader } from './sql'
import type { Period } from './period'


export interface PeopleFilter {
  /** residents of */
  communityId?: number
  /** staff of */
  unitId?: number
}

interface WeekAgg {
  monday: string
  participants: number
  volunteers: number
  attendances: number
  vh: number
  dh: number
}

export async function weekly(q: Reader, p: Period, filter: PeopleFilter = {}): Promise<WeeklyRow[]> {
  const communityId = filter.communityId ?? null
  const unitId = filter.unitId ?? null
  const everyone = communityId == null && unitId == null
  // per (week, person) first, then per week: cheaper than count(DISTINCT) over all rows
  const rows = await q.$queryRaw<WeekAgg[]>`
    WITH per_user AS (
      SELECT date_trunc('week', a.start_at AT TIME ZONE 'Asia/Shanghai') AS wk, t.user_id,
             bool_or(NOT ty.duty) AS volunteered,
             count(*) AS n,
             SUM(t.hours) FILTER (WHERE NOT ty.duty) AS vh,
             SUM(t.hours) FILTER (WHERE ty.duty) AS dh
      FROM attendance t
      JOIN activity a ON a.id = t.activity_id
      JOIN activity_type ty ON ty.id = a.type_id
      WHERE t.status = 'approved' AND a.status <> 'cancelled' AND a.start_at >= ${p.startSql} AND a.start_at < ${p.endSql}
        AND (${everyone} OR t.user_id IN (
          SELECT u.id FROM app_user u
          WHERE (${communityId}::int IS NULL OR u.community_id = ${communityId}::int)
            AND (${unitId}::int IS NULL OR u.unit_id = ${unitId}::int)))
      GROUP BY 1, 2
    )
    SELECT to_char(wk, 'YYYY-MM-DD') AS monday,
           count(*)::int AS participants,
           count(*) FILTER (WHERE volunteered)::int AS volunteers,
           SUM(n)::int AS attendances,
           COALESCE(SUM(vh), 0)::float8 AS vh,
           COALESCE(SUM(dh), 0)::float8 AS dh
    FROM per_user GROUP BY wk`
  const byMonday = new Map(rows.map((r) => [r.monday, r]))
  return p.weeks.map(({ week, monday }) => {
    const r = byMonday.get(monday)
    return {
      week,
      monday,
      participants: r?.participants ?? 0,
      volunteers: r?.volunteers ?? 0,
      attendances: r?.attendances ?? 0,
      volunteerHours: hours1(r?.vh ?? 0),
      dutyHours: hours1(r?.dh ?? 0),
    }
  })
}

/** Registered volunteers (every user), the share who served, hours per capita, the weekly trend. */
export async function city(q: Reader, p: Period): Promise<City> {
  const [totals] = await q.$queryRaw<Array<{ registered: number; served: number; vh: number; dh: number }>>`
      WITH per_user AS (
        SELECT t.user_id,
               bool_or(NOT ty.duty) AS volunteered,
               SUM(t.hours) FILTER (WHERE NOT ty.duty) AS vh,
               SUM(t.hours) FILTER (WHERE ty.duty) AS dh
        FROM attendance t
        JOIN activity a ON a.id = t.activity_id
        JOIN activity_type ty ON ty.id = a.type_id
        WHERE t.status = 'approved' AND a.status <> 'cancelled' AND a.start_at >= ${p.startSql} AND a.start_at < ${p.endSql}
        GROUP BY t.user_id
      )
      SELECT (SELECT count(*) FROM app_user)::int AS registered,
             count(*) FILTER (WHERE volunteered)::int AS served,
             COALESCE(SUM(vh), 0)::float8 AS vh,
             COALESCE(SUM(dh), 0)::float8 AS dh
      FROM per_user`
  const trend = await weekly(q, p)
  return {
    from: p.from,
    to: p.to,
    registeredVolunteers: totals.registered,
    volunteersServed: totals.served,
    shareServed: rate(totals.served, totals.registered),
    volunteerHours: hours1(totals.vh),
    dutyHours: hours1(totals.dh),
    hoursPerCapita: perCapita(totals.vh, totals.registered),
    weekly: trend,
  }
}
