/**
 * The office's figures (文明办 dashboard and Excel exports): queries and responses.
 *
 * Semantics (the server and its tests hold to these):
 * - Periods are China calendar dates, `from`..`to` inclusive; weeks are ISO weeks (Monday–Sunday)
 *   in China time. A period may span at most STATS_MAX_SPAN_DAYS days.
 * - Only approved attendance counts; cancelled activities never count.
 * - An attendance falls in the day/week/period in which its ACTIVITY STARTS (China time), the same
 *   rule as the service record and the certificate, so a check-in at 23:30 Sunday for an activity
 *   that started that Sunday belongs to that week.
 * - Volunteer hours exclude duty (周上街) activities; duty hours are those of duty activities.
 * - Rates are fractions (0.1234 = 12.34 %) rounded to 4 decimals, null when the denominator is 0
 *   or missing; hours are rounded to 0.1 h.
 */
import { z } from 'zod'
import { Ref } from './common'

/** The longest period a figure may cover (two years, one of them leap). */
export const STATS_MAX_SPAN_DAYS = 731

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
const statsDate = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD', abort: true })
    .refine(isCalendarDate, { error: '日期不存在' })

/**
 * What is wrong with a period, as an API error code (the server answers 400 with it), or null.
 * The mini-program can call it before asking.
 */
export function statsPeriodProblem(from: string, to: string): 'stats_period_reversed' | 'stats_period_too_long' | null {
  if (from > to) return 'stats_period_reversed'
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1
  if (days > STATS_MAX_SPAN_DAYS) return 'stats_period_too_long'
  return null
}

/** `from`, `to`: China dates, inclusive. */
export const StatsPeriodQuery = z.object({ from: statsDate('开始日期'), to: statsDate('结束日期') })
export type StatsPeriodQuery = z.infer<typeof StatsPeriodQuery>

const optionalId = z.coerce.number().int().positive().max(2_147_483_647).optional()

// ---------------------------------------------------------------- participation

export const PARTICIPATION_GROUPS = ['community', 'unit', 'pairing'] as const
export const ParticipationGroup = z.enum(PARTICIPATION_GROUPS)
export type ParticipationGroup = z.infer<typeof ParticipationGroup>
export const PARTICIPATION_GROUP_LABELS: Record<ParticipationGroup, string> = { community: '社区', unit: '单位', pairing: '包联' }

export const ParticipationQuery = StatsPeriodQuery.extend({ groupBy: ParticipationGroup.default('community') })
export type ParticipationQuery = z.input<typeof ParticipationQuery>

const rate = z.number().nullable()

/**
 * One row. Fields that do not apply to the grouping are null.
 * - community: people = registered residents (User.communityId); participants = residents with an
 *   approved attendance at a VOLUNTEER (non-duty) activity; rate = participants / registered;
 *   populationRate = participants / residentPopulation (when entered); hoursPerRegistered =
 *   volunteerHours / registered.
 * - unit: people = registered staff (User.unitId); participants = staff with an approved attendance
 *   at any activity (volunteer or duty); rate = participants / headcount (null when headcount is 0).
 * - pairing (包联, one row per Pairing): activities the unit organised in that community (started in
 *   the period, not cancelled); participants = distinct people with approved attendance at them;
 *   personHours = volunteerHours + dutyHours there; registered, headcount and rate are null.
 */
export const ParticipationRow = z.object({
  /** community id, unit id or pairing id */
  id: z.number().int(),
  name: z.string(),
  /** pairing rows only */
  unit: Ref.nullable(),
  community: Ref.nullable(),
  registered: z.number().int().nullable(),
  /** unit rows: declared headcount (在编人数) */
  headcount: z.number().int().nullable(),
  /** community rows: resident population (常住人口) when the office entered it */
  residentPopulation: z.number().int().nullable(),
  participants: z.number().int(),
  rate,
  /** community rows: participants / residentPopulation */
  populationRate: rate,
  volunteerHours: z.number(),
  dutyHours: z.number(),
  /** community rows: volunteer hours per registered resident */
  hoursPerRegistered: z.number().nullable(),
  /** pairing rows: activities held */
  activities: z.number().int().nullable(),
  /** pairing rows: volunteer + duty hours */
  personHours: z.number().nullable(),
})
export type ParticipationRow = z.infer<typeof ParticipationRow>

/** The same figures over all rows shown (participants are distinct people). */
export const ParticipationTotals = ParticipationRow.omit({ id: true, name: true, unit: true, community: true })
export type ParticipationTotals = z.infer<typeof ParticipationTotals>

export const Participation = z.object({
  groupBy: ParticipationGroup,
  from: z.string(),
  to: z.string(),
  rows: z.array(ParticipationRow),
  totals: ParticipationTotals,
})
export type Participation = z.infer<typeof Participation>

// ---------------------------------------------------------------- weekly trend

/**
 * `communityId`: the community's residents; `unitId`: the unit's staff (both: people who are
 * both). Organisers must name a unit or community they organise; the office may omit both (the city).
 */
export const WeeklyQuery = StatsPeriodQuery.extend({ communityId: optionalId, unitId: optionalId })
export type WeeklyQuery = z.input<typeof WeeklyQuery>

export const WeeklyRow = z.object({
  /** ISO week in China time, e.g. `2026-W47` */
  week: z.string(),
  /** its Monday, `YYYY-MM-DD` */
  monday: z.string(),
  /** distinct people with approved attendance (any activity) */
  participants: z.number().int(),
  /** distinct people with approved attendance at a volunteer (non-duty) activity */
  volunteers: z.number().int(),
  /** approved attendance records */
  attendances: z.number().int(),
  volunteerHours: z.number(),
  dutyHours: z.number(),
})
export type WeeklyRow = z.infer<typeof WeeklyRow>

/** One row per ISO week overlapping the period, in order, empty weeks included. */
export const Weekly = z.object({ from: z.string(), to: z.string(), rows: z.array(WeeklyRow) })
export type Weekly = z.infer<typeof Weekly>

// ---------------------------------------------------------------- 周上街 compliance

export const StreetDutyQuery = StatsPeriodQuery
export type StreetDutyQuery = z.input<typeof StreetDutyQuery>

export const WeekRef = z.object({ week: z.string(), monday: z.string() })
export type WeekRef = z.infer<typeof WeekRef>

/**
 * A unit's week. onDuty = distinct staff of the unit checked in (approved) at the unit's own duty
 * activities that week; required = the LARGEST requiredHeadcount among those activities (a number
 * of distinct staff, like onDuty). A week without a duty activity requiring anyone has required 0
 * and met null: it counts neither as met nor as missed.
 */
export const StreetDutyCell = z.object({
  week: z.string(),
  monday: z.string(),
  onDuty: z.number().int(),
  required: z.number().int(),
  met: z.boolean().nullable(),
})
export type StreetDutyCell = z.infer<typeof StreetDutyCell>

export const StreetDutyUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  /** weeks with a requirement */
  weeksRequired: z.number().int(),
  weeksMet: z.number().int(),
  /** weeksMet / weeksRequired; null when nothing was required */
  compliance: rate,
  /** one cell per week of the period, in order */
  weeks: z.array(StreetDutyCell),
})
export type StreetDutyUnit = z.infer<typeof StreetDutyUnit>

export const StreetDuty = z.object({
  from: z.string(),
  to: z.string(),
  weeks: z.array(WeekRef),
  units: z.array(StreetDutyUnit),
  /**
   * The latest week wholly inside the period that has ended (China time); null when there is none.
   */
  latestWeek: WeekRef.nullable(),
  /** units that had a requirement in latestWeek and did not meet it, by name */
  missedLatestWeek: z.array(Ref.extend({ onDuty: z.number().int(), required: z.number().int() })),
})
export type StreetDuty = z.infer<typeof StreetDuty>

// ---------------------------------------------------------------- city

export const City = z.object({
  from: z.string(),
  to: z.string(),
  /** every registered user (every user is a volunteer) */
  registeredVolunteers: z.number().int(),
  /** distinct people with approved volunteer (non-duty) service in the period */
  volunteersServed: z.number().int(),
  /** volunteersServed / registeredVolunteers */
  shareServed: rate,
  volunteerHours: z.number(),
  dutyHours: z.number(),
  /** volunteerHours / registeredVolunteers (测评 target: 25 h a year) */
  hoursPerCapita: z.number().nullable(),
  weekly: z.array(WeeklyRow),
})
export type City = z.infer<typeof City>

// ---------------------------------------------------------------- 红黑榜

export const RankEntry = z.object({
  /** position in the whole ordering (1 = best); ties are broken by name, so no two share a rank */
  rank: z.number().int(),
  id: z.number().int(),
  name: z.string(),
  value: z.number(),
})
export type RankEntry = z.infer<typeof RankEntry>

/**
 * Ordered by value (best first), ties by name (Chinese collation). `top` holds the best
 * min(10, ⌈n/2⌉), `bottom` the worst of the rest (at most 10, worst first), so no entry is on
 * both. Entries whose value is null (headcount 0, nobody registered, no 周上街 required) are not
 * ranked: they are listed in `unranked`.
 */
export const RankList = z.object({
  ranked: z.number().int(),
  top: z.array(RankEntry),
  bottom: z.array(RankEntry),
  unranked: z.array(Ref),
})
export type RankList = z.infer<typeof RankList>

export const RANKING_SIZE = 10

export const Rankings = z.object({
  from: z.string(),
  to: z.string(),
  unitsByParticipation: RankList,
  unitsByCompliance: RankList,
  communitiesByParticipation: RankList,
  /** 随手拍 整改: on time / (on time + overdue) over the reports assigned in the period */
  unitsByOnTimeRectification: RankList,
})
export type Rankings = z.infer<typeof Rankings>

// ---------------------------------------------------------------- exports

export const ParticipationExportQuery = ParticipationQuery
export const StreetDutyExportQuery = StreetDutyQuery
