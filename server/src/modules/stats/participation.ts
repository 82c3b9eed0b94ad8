/**
 * Participation by community (residents), by unit (staff) and by pairing (包联: what a unit did
 * in its paired community). One SQL statement per grouping; counted attendance is approved, of an
 * activity not cancelled, that started inside the period (China time).
 */
import type { Participation, ParticipationGroup, ParticipationRow, ParticipationTotals } from '@civic/shared'
import { Prisma } from '../../generated/prisma/client'
import { byName, hours1, perCapita, rate } from './figures'
import type { Reader } from './sql'
import type { Period } from './period'
import type { Scope } from './scope'


interface PeopleRow {
  id: number
  name: string
  /** community: resident population; unit: headcount */
  size: number | null
  registered: number
  participants: number
  vh: number
  dh: number
}

const EMPTY_TOTALS = {
  registered: null,
  headcount: null,
  residentPopulation: null,
  rate: null,
  populationRate: null,
  hoursPerRegistered: null,
  activities: null,
  personHours: null,
} as const
const EMPTY_ROW = { ...EMPTY_TOTALS, unit: null, community: null } as const

/** What differs between the community and the unit statement: which people, which days, which size. */
const GROUPS = {
  /** residents; they count with volunteer (non-duty) attendance; size = resident population */
  community: { table: 'community', person: 'community_id', days: 'volunteer_days', size: 'resident_population', hours: 'c' },
  /** staff; they count with volunteer or duty attendance; size = declared headcount */
  unit: { table: 'unit', person: 'unit_id', days: 'any_days', size: 'headcount', hours: 'u' },
} as const

/**
 * Registered people, participants and hours per community or unit, from the rollups
 * (attendance_days, hours_by_day; see the stats_rollup migration): one row per person and one
 * per community/unit and day, instead of every attendance record of the period.
 */
function peopleRows(q: Reader, p: Period, ids: { all: boolean; ids: number[] }, kind: keyof typeof GROUPS): Promise<PeopleRow[]> {
  const g = GROUPS[kind]
  const [table, person, days, size] = [g.table, g.person, g.days, g.size].map((name) => Prisma.raw(name))
  return q.$queryRaw<PeopleRow[]>`
    WITH served AS (
      SELECT u.${person} AS id, count(*) AS participants
      FROM attendance_days d
      JOIN app_user u ON u.id = d.user_id
      WHERE u.${person} IS NOT NULL AND (${ids.all} OR u.${person} = ANY(${ids.ids}::int[]))
        AND civic_days_any(d.first_day, d.${days}, ${p.from}::date, ${p.to}::date)
      GROUP BY u.${person}
    ),
    hours AS (
      SELECT scope_id AS id, SUM(volunteer_hours) AS vh, SUM(duty_hours) AS dh
      FROM hours_by_day
      WHERE scope = ${g.hours} AND day BETWEEN ${p.from}::date AND ${p.to}::date
        AND (${ids.all} OR scope_id = ANY(${ids.ids}::int[]))
      GROUP BY scope_id
    ),
    reg AS (
      SELECT ${person} AS id, count(*) AS n FROM app_user WHERE ${person} IS NOT NULL GROUP BY ${person}
    )
    SELECT x.id, x.name, x.${size} AS size,
           COALESCE(reg.n, 0)::int AS registered,
           COALESCE(s.participants, 0)::int AS participants,
           COALESCE(h.vh, 0)::float8 AS vh, COALESCE(h.dh, 0)::float8 AS dh
    FROM ${table} x
    LEFT JOIN reg ON reg.id = x.id
    LEFT JOIN served s ON s.id = x.id
    LEFT JOIN hours h ON h.id = x.id
    WHERE ${ids.all} OR x.id = ANY(${ids.ids}::int[])`
}

/** Residents of each community: registered, those who served as volunteers (non-duty), their hours. */
export async function communityRows(q: Reader, p: Period, scope: Scope): Promise<ParticipationRow[]> {
  const rows = await peopleRows(q, p, { all: scope.all, ids: scope.communityIds }, 'community')
  return rows.sort(byName).map((r) => ({
    ...EMPTY_ROW,
    id: r.id,
    name: r.name,
    registered: r.registered,
    residentPopulation: r.size,
    participants: r.participants,
    rate: rate(r.participants, r.registered),
    populationRate: rate(r.participants, r.size),
    volunteerHours: hours1(r.vh),
    dutyHours: hours1(r.dh),
    hoursPerRegistered: perCapita(r.vh, r.registered),
  }))
}

/** Staff of each unit: registered, those who attended anything (volunteer or duty), their hours. */
export async function unitRows(q: Reader, p: Period, scope: Scope): Promise<ParticipationRow[]> {
  const rows = await peopleRows(q, p, { all: scope.all, ids: scope.unitIds }, 'unit')
  return rows.sort(byName).map((r) => ({
    ...EMPTY_ROW,
    id: r.id,
    name: r.name,
    registered: r.registered,
    headcount: r.size,
    participants: r.participants,
    rate: rate(r.participants, r.size),
    volunteerHours: hours1(r.vh),
    dutyHours: hours1(r.dh),
  }))
}

interface PairingRow {
  id: number | null
  unit_id: number
  unit_name: string
  community_id: number
  community_name: string
  activities: number
  participants: number
  vh: number
  dh: number
}

/**
 * Each pairing: the activities its unit organised in its community, the distinct people who
 * attended them and their hours. The grand total (id null) counts people once across pairings.
 */
export async function pairingRows(q: Reader, p: Period, scope: Scope): Promise<{ rows: ParticipationRow[]; total: PairingRow | null }> {
  const rows = await q.$queryRaw<PairingRow[]>`
    WITH pa AS (
      SELECT pr.id AS pairing_id, a.id AS activity_id, ty.duty
      FROM pairing pr
      JOIN activity a ON a.organiser_unit_id = pr.unit_id AND a.community_id = pr.community_id
      JOIN activity_type ty ON ty.id = a.type_id
      WHERE (${scope.all} OR pr.unit_id = ANY(${scope.unitIds}::int[]) OR pr.community_id = ANY(${scope.communityIds}::int[]))
        AND a.status <> 'cancelled' AND a.start_at >= ${p.startSql} AND a.start_at < ${p.endSql}
    ),
    att AS MATERIALIZED (
      SELECT pa.pairing_id, pa.duty, t.user_id, t.hours
      FROM pa JOIN attendance t ON t.activity_id = pa.activity_id AND t.status = 'approved'
    ),
    per AS (
      SELECT pairing_id, count(DISTINCT user_id) AS participants,
             SUM(hours) FILTER (WHERE NOT duty) AS vh, SUM(hours) FILTER (WHERE duty) AS dh
      FROM att GROUP BY pairing_id
    ),
    acts AS (SELECT pairing_id, count(*) AS n FROM pa GROUP BY pairing_id)
    SELECT pr.id, n.id AS unit_id, n.name AS unit_name, c.id AS community_id, c.name AS community_name,
           COALESCE(acts.n, 0)::int AS activities,
           COALESCE(per.participants, 0)::int AS participants,
           COALESCE(per.vh, 0)::float8 AS vh, COALESCE(per.dh, 0)::float8 AS dh
    FROM pairing pr
    JOIN unit n ON n.id = pr.unit_id
    JOIN community c ON c.id = pr.community_id
    LEFT JOIN acts ON acts.pairing_id = pr.id
    LEFT JOIN per ON per.pairing_id = pr.id
    WHERE ${scope.all} OR pr.unit_id = ANY(${scope.unitIds}::int[]) OR pr.community_id = ANY(${scope.communityIds}::int[])
    UNION ALL
    -- the grand total: a person who served in two pairings counts once
    SELECT NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM pa)::int, (SELECT count(DISTINCT user_id) FROM att)::int, 0, 0`
  const total = rows.find((r) => r.id == null) ?? null
  const list = rows
    .filter((r) => r.id != null)
    .map((r) => ({
      ...EMPTY_ROW,
      id: r.id!,
      name: `${r.unit_name} — ${r.community_name}`,
      unit: { id: r.unit_id, name: r.unit_name },
      community: { id: r.community_id, name: r.community_name },
      participants: r.participants,
      volunteerHours: hours1(r.vh),
      dutyHours: hours1(r.dh),
      activities: r.activities,
      personHours: hours1(r.vh + r.dh),
    }))
    .sort((a, b) => byName(a.unit, b.unit) || byName(a.community, b.community))
  return { rows: list, total }
}

const sum = (rows: ParticipationRow[], f: (r: ParticipationRow) => number | null) => rows.reduce((s, r) => s + (f(r) ?? 0), 0)

function totalsOf(groupBy: ParticipationGroup, rows: ParticipationRow[], pairingTotal: PairingRow | null): ParticipationTotals {
  const participants = sum(rows, (r) => r.participants)
  const vh = sum(rows, (r) => r.volunteerHours)
  const dh = sum(rows, (r) => r.dutyHours)
  const base = { ...EMPTY_TOTALS, participants, volunteerHours: hours1(vh), dutyHours: hours1(dh) }
  if (groupBy === 'community') {
    // residents belong to one community: the rows' people are disjoint
    const registered = sum(rows, (r) => r.registered)
    const withPop = rows.filter((r) => r.residentPopulation != null)
    const population = withPop.length ? sum(withPop, (r) => r.residentPopulation) : null
    return {
      ...base,
      registered,
      residentPopulation: population,
      rate: rate(participants, registered),
      populationRate: rate(sum(withPop, (r) => r.participants), population),
      hoursPerRegistered: perCapita(vh, registered),
    }
  }
  if (groupBy === 'unit') {
    const headcount = sum(rows, (r) => r.headcount)
    return { ...base, registered: sum(rows, (r) => r.registered), headcount, rate: rate(participants, headcount) }
  }
  // pairing: a person may have served in several pairings; count them once
  return {
    ...base,
    participants: pairingTotal?.participants ?? 0,
    activities: sum(rows, (r) => r.activities),
    personHours: hours1(vh + dh),
  }
}

export async function participation(q: Reader, groupBy: ParticipationGroup, p: Period, scope: Scope): Promise<Participation> {
  let rows: ParticipationRow[]
  let pairingTotal: PairingRow | null = null
  if (groupBy === 'community') rows = await communityRows(q, p, scope)
  else if (groupBy === 'unit') rows = await unitRows(q, p, scope)
  else ({ rows, total: pairingTotal } = await pairingRows(q, p, scope))
  return { groupBy, from: p.from, to: p.to, rows, totals: totalsOf(groupBy, rows, pairingTotal) }
}
