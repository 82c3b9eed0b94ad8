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
  // count(DISTINCT) per week (input sorted per group) beats hashing every (week, person) pair
  const rows = await q.$queryRaw<WeekAgg[]>`
    SELECT to_char(date_trunc('week', a.start_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS monday,
           count(DISTINCT t.user_id)::int AS participants,
           count(DISTINCT t.user_id) FILTER (WHERE NOT ty.duty)::int AS volunteers,
           count(*)::int AS attendances,
           COALESCE(SUM(t.hours) FILTER (WHERE NOT ty.duty), 0)::float8 AS vh,
           COALESCE(SUM(t.hours) FILTER (WHERE ty.duty), 0)::float8 AS dh
    FROM attendance t
    JOIN activity a ON a.id = t.activity_id
    JOIN activity_type ty ON ty.id = a.type_id
    WHERE t.status = 'approved' AND a.status <> 'cancelled' AND a.start_at >= ${p.startSql} AND a.start_at < ${p.endSql}
      AND (${everyone} OR t.user_id IN (
        SELECT u.id FROM app_user u
        WHERE (${communityId}::int IS NULL OR u.community_id = ${communityId}::int)
          AND (${unitId}::int IS NULL OR u.unit_id = ${unitId}::int)))
    GROUP BY 1`
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
      SELECT (SELECT count(*) FROM app_user)::int AS registered,
             count(DISTINCT t.user_id) FILTER (WHERE NOT ty.duty)::int AS served,
             COALESCE(SUM(t.hours) FILTER (WHERE NOT ty.duty), 0)::float8 AS vh,
             COALESCE(SUM(t.hours) FILTER (WHERE ty.duty), 0)::float8 AS dh
      FROM attendance t
      JOIN activity a ON a.id = t.activity_id
      JOIN activity_type ty ON ty.id = a.type_id
      WHERE t.status = 'approved' AND a.status <> 'cancelled' AND a.start_at >= ${p.startSql} AND a.start_at < ${p.endSql}`
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
