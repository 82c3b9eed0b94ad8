import { z } from 'zod'
import { PageQuery, Ref, optionalText, text } from './common'

// ---------------------------------------------------------------- activity types (office)

export const ActivityTypeBody = z.object({
  name: text(20, '类型名称'),
  duty: z.boolean({ error: '请选择是否为工作任务' }).default(false),
  pointsPerHour: z
    .number({ error: '每小时积分必须是数字' })
    .min(0, { error: '每小时积分不能为负数' })
    .max(1000, { error: '每小时积分过大' })
    .multipleOf(0.01, { error: '每小时积分最多两位小数' }),
  maxHoursPerActivity: z
    .number({ error: '单次活动最多计时必须是数字' })
    .min(0.5, { error: '单次活动最多计时至少 0.5 小时' })
    .max(24, { error: '单次活动最多计时不超过 24 小时' })
    .multipleOf(0.5, { error: '单次活动最多计时以 0.5 小时为单位' })
    .nullable()
    .default(null),
  maxPointsPerDay: z
    .number({ error: '每日积分上限必须是数字' })
    .int({ error: '每日积分上限必须是整数' })
    .min(0, { error: '每日积分上限不能为负数' })
    .max(100_000, { error: '每日积分上限过大' })
    .nullable()
    .default(null),
  active: z.boolean().default(true),
})
export const ActivityTypePatch = z
  .object({
    name: ActivityTypeBody.shape.name,
    duty: z.boolean(),
    pointsPerHour: ActivityTypeBody.shape.pointsPerHour,
    maxHoursPerActivity: ActivityTypeBody.shape.maxHoursPerActivity.unwrap().unwrap().nullable(),
    maxPointsPerDay: ActivityTypeBody.shape.maxPointsPerDay.unwrap().unwrap().nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { error: '没有需要修改的内容' })
export type ActivityTypeBody = z.input<typeof ActivityTypeBody>

export const ActivityType = z.object({
  id: z.number().int(),
  name: z.string(),
  duty: z.boolean(),
  pointsPerHour: z.number(),
  maxHoursPerActivity: z.number().nullable(),
  maxPointsPerDay: z.number().int().nullable(),
  active: z.boolean(),
})
export type ActivityType = z.infer<typeof ActivityType>
export const ActivityTypeList = z.object({ items: z.array(ActivityType) })

// ---------------------------------------------------------------- activities

export const AUDIENCES = ['everyone', 'community_residents', 'unit_staff'] as const
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = {
  everyone: '所有人',
  community_residents: '本社区居民',
  unit_staff: '本单位职工',
}
export const Audience = z.enum(AUDIENCES, { error: '请选择参加对象' })

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式不正确` }).transform((s) => new Date(s))

const latitude = z.number({ error: '纬度必须是数字' }).min(-90, { error: '纬度超出范围' }).max(90, { error: '纬度超出范围' })
const longitude = z
  .number({ error: '经度必须是数字' })
  .min(-180, { error: '经度超出范围' })
  .max(180, { error: '经度超出范围' })
const radiusM = z
  .number({ error: '签到范围必须是数字' })
  .int({ error: '签到范围必须是整数' })
  .min(10, { error: '签到范围至少 10 米' })
  .max(50_000, { error: '签到范围不超过 50 公里' })
const capacity = z
  .number({ error: '名额必须是数字' })
  .int({ error: '名额必须是整数' })
  .min(1, { error: '名额至少 1 人' })
  .max(10_000, { error: '名额不超过 10000 人' })

const MAX_DURATION_MS = 24 * 3_600_000

const activityFields = {
  title: text(60, '活动名称'),
  typeId: z.number({ error: '请选择活动类型' }).int().positive(),
  description: optionalText(2000, '活动内容'),
  communityId: z.number({ error: '请选择活动所在社区' }).int().positive(),
  address: text(100, '活动地点'),
  latitude,
  longitude,
  radiusM: radiusM.default(500),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  capacity,
  signupDeadline: instant('报名截止时间'),
  allowWalkIn: z.boolean().default(false),
  waitlistEnabled: z.boolean().default(true),
  audience: Audience.default('everyone'),
}

type Times = { startAt?: Date; endAt?: Date; signupDeadline?: Date }
/** Object refinements also run when a field failed to parse (it is then still the raw input). */
const isInstant = (d: unknown): d is Date => d instanceof Date
const timesRefinements = <T extends z.ZodType<Times>>(schema: T) =>
  schema
    .refine((a) => !isInstant(a.startAt) || !isInstant(a.endAt) || a.endAt > a.startAt, {
      error: '结束时间必须晚于开始时间',
      path: ['endAt'],
    })
    .refine(
      (a) => !isInstant(a.startAt) || !isInstant(a.endAt) || a.endAt.getTime() - a.startAt.getTime() <= MAX_DURATION_MS,
      { error: '单次活动不超过 24 小时', path: ['endAt'] },
    )
    .refine((a) => !isInstant(a.signupDeadline) || !isInstant(a.endAt) || a.signupDeadline <= a.endAt, {
      error: '报名截止时间不能晚于结束时间',
      path: ['signupDeadline'],
    })

export const ActivityBody = timesRefinements(
  z
    .object({
      ...activityFields,
      organiserUnitId: z.number().int().positive().optional(),
      organiserCommunityId: z.number().int().positive().optional(),
    })
    .refine((a) => (a.organiserUnitId == null) !== (a.organiserCommunityId == null), {
      error: '请选择主办单位或主办社区（二选一）',
      path: ['organiserUnitId'],
    }),
)
export type ActivityBody = z.input<typeof ActivityBody>

export const ActivityPatch = timesRefinements(
  z
    .object({
      title: activityFields.title,
      typeId: activityFields.typeId,
      description: activityFields.description,
      communityId: activityFields.communityId,
      address: activityFields.address,
      latitude,
      longitude,
      radiusM,
      startAt: activityFields.startAt,
      endAt: activityFields.endAt,
      capacity,
      signupDeadline: activityFields.signupDeadline,
      allowWalkIn: z.boolean(),
      waitlistEnabled: z.boolean(),
      audience: Audience,
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, { error: '没有需要修改的内容' }),
)
export type ActivityPatch = z.input<typeof ActivityPatch>

export const CancelBody = z.object({ reason: text(200, '取消原因') })

export const ACTIVITY_LIST_STATUSES = ['upcoming', 'past', 'cancelled', 'all'] as const

/** `2026-02-30` has the right shape but is no date (and `Date` would roll it into March). */
const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, { error: '日期不存在' })

export const ActivityQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().optional(),
  typeId: z.coerce.number().int().positive().optional(),
  /** inclusive China dates */
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  status: z.enum(ACTIVITY_LIST_STATUSES).default('upcoming'),
  /** `lat,lng`: nearest first */
  near: z
    .string()
    .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { error: '位置格式应为 纬度,经度' })
    .transform((s) => {
      const [lat, lng] = s.split(',').map(Number)
      return { lat, lng }
    })
    .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180, { error: '位置超出范围' })
    .optional(),
  /** organised: activities the caller may manage; signed_up: the caller's sign-ups */
  mine: z.enum(['organised', 'signed_up']).optional(),
})

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export const MySignup = z.object({
  status: z.enum(SIGNUP_STATUSES),
  /** waitlist position, 1 = next to be promoted */
  position: z.number().int().nullable(),
})
export type MySignup = z.infer<typeof MySignup>

export const Organiser = z.object({ kind: z.enum(['unit', 'community']), id: z.number().int(), name: z.string() })

export const Activity = z.object({
  id: z.number().int(),
  shortKey: z.string(),
  title: z.string(),
  type: z.object({ id: z.number().int(), name: z.string(), duty: z.boolean() }),
  description: z.string(),
  organiser: Organiser,
  community: Ref,
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  radiusM: z.number().int(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: z.number().int(),
  signupDeadline: z.string(),
  allowWalkIn: z.boolean(),
  waitlistEnabled: z.boolean(),
  audience: Audience,
  status: z.enum(['published', 'cancelled', 'closed']),
  cancelReason: z.string().nullable(),
  requiredHeadcount: z.number().int().nullable(),
  scheduleId: z.number().int().nullable(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  remaining: z.number().int(),
  /** metres from the `near` point, when given */
  distanceM: z.number().nullable(),
  mySignup: MySignup.nullable(),
  canManage: z.boolean(),
})
export type Activity = z.infer<typeof Activity>
export const ActivityList = z.object({ items: z.array(Activity), total: z.number().int() })

/** An activity's short key (the `scene` of its printed check-in code). */
export const ActivityKeyParams = z.object({
  key: z.string().regex(/^[0-9A-Za-z]{1,32}$/, { error: '活动码格式不正确' }),
})

export const SignupResult = z.object({
  status: z.enum(['confirmed', 'waitlisted']),
  position: z.number().int().nullable(),
})
export type SignupResult = z.infer<typeof SignupResult>

export const RosterEntry = z.object({
  userId: z.number().int(),
  name: z.string().nullable(),
  /** masked */
  phone: z.string().nullable(),
  community: Ref.nullable(),
  unit: Ref.nullable(),
  signedUpAt: z.string(),
  position: z.number().int().nullable(),
  cancelledAt: z.string().nullable(),
})
export type RosterEntry = z.infer<typeof RosterEntry>
export const Roster = z.object({
  confirmed: z.array(RosterEntry),
  waitlist: z.array(RosterEntry),
  cancelled: z.array(RosterEntry),
})
export type Roster = z.infer<typeof Roster>

// ---------------------------------------------------------------- weekly schedules (周上街)

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const
const clock = (label: string) =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${label}格式应为 HH:mm` })

export const ScheduleBody = z
  .object({
    unitId: z.number({ error: '请选择单位' }).int().positive(),
    typeId: z.number().int().positive().optional(),
    title: text(60, '名称'),
    description: optionalText(2000, '内容'),
    weekday: z.number({ error: '请选择星期' }).int().min(1, { error: '星期应为 1–7' }).max(7, { error: '星期应为 1–7' }),
    startTime: clock('开始时间'),
    endTime: clock('结束时间'),
    communityId: z.number({ error: '请选择社区' }).int().positive(),
    address: text(100, '地点'),
    latitude,
    longitude,
    radiusM: radiusM.default(500),
    requiredHeadcount: z
      .number({ error: '应到人数必须是数字' })
      .int({ error: '应到人数必须是整数' })
      .min(1, { error: '应到人数至少 1 人' })
      .max(1000, { error: '应到人数不超过 1000 人' }),
    capacity: capacity.optional(),
    weeksAhead: z.number().int().min(1, { error: '至少提前 1 周' }).max(12, { error: '最多提前 12 周' }).default(4),
  })
  .refine((s) => s.endTime > s.startTime, { error: '结束时间必须晚于开始时间', path: ['endTime'] })
  .refine((s) => s.capacity == null || s.capacity >= s.requiredHeadcount, {
    error: '名额不能少于应到人数',
    path: ['capacity'],
  })
export type ScheduleBody = z.input<typeof ScheduleBody>

export const Schedule = z.object({
  id: z.number().int(),
  unit: Ref,
  type: Ref,
  community: Ref,
  title: z.string(),
  description: z.string(),
  weekday: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  radiusM: z.number().int(),
  requiredHeadcount: z.number().int(),
  capacity: z.number().int(),
  weeksAhead: z.number().int(),
  /** concrete activities from now on */
  upcoming: z.array(z.object({ id: z.number().int(), startAt: z.string(), status: z.string() })),
})
export type Schedule = z.infer<typeof Schedule>
export const ScheduleList = z.object({ items: z.array(Schedule) })
export const ScheduleCreated = z.object({ schedule: Schedule, created: z.number().int() })

// ---------------------------------------------------------------- notices

export const Notice = z.object({
  id: z.number().int(),
  kind: z.enum(['activity_cancelled', 'waitlist_promoted', 'activity_changed']),
  title: z.string(),
  body: z.string(),
  activityId: z.number().int().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
})
export type Notice = z.infer<typeof Notice>
export const NoticeList = z.object({ items: z.array(Notice), unread: z.number().int() })
