import { z } from 'zod'
import { PageQuery, Ref, text } from './common'

export const CHECKIN_MODES = ['in', 'out'] as const
export const CheckinMode = z.enum(CHECKIN_MODES)
export type CheckinMode = z.infer<typeof CheckinMode>

export const CheckinTokenQuery = z.object({ mode: CheckinMode.default('in') })

export const CheckinToken = z.object({
  token: z.string(),
  mode: CheckinMode,
  expiresAt: z.string(),
  /** fetch a new code after this many seconds */
  refreshInS: z.number().int(),
  /** the token as a QR code (PNG data URL) for the organiser's screen */
  qrDataUrl: z.string(),
  counts: z.object({ confirmed: z.number().int(), checkedIn: z.number().int(), checkedOut: z.number().int() }),
})
export type CheckinToken = z.infer<typeof CheckinToken>

const latitude = z.number({ error: '缺少位置信息' }).min(-90).max(90)
const longitude = z.number({ error: '缺少位置信息' }).min(-180).max(180)

/**
 * Either the rotating code's token (mode inside it), or a printed mini-program code's short
 * activity key (`scene`) with an explicit mode: then only the location fence vouches for presence.
 */
export const ScanBody = z
  .object({
    token: z.string().trim().min(1, { error: '缺少签到码' }).max(200, { error: '签到码无效' }).optional(),
    activityKey: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{4,32}$/, { error: '活动码无效' })
      .optional(),
    mode: CheckinMode.optional(),
    latitude,
    longitude,
  })
  .refine((b) => (b.token == null) !== (b.activityKey == null), { error: '请扫描签到码', path: ['token'] })
  .refine((b) => b.activityKey == null || b.mode != null, { error: '请选择签到或签退', path: ['mode'] })

export const ATTENDANCE_STATUSES = ['approved', 'pending', 'rejected', 'no_show'] as const
export const ATTENDANCE_STATUS_LABELS: Record<(typeof ATTENDANCE_STATUSES)[number], string> = {
  approved: '有效',
  pending: '待审核',
  rejected: '未通过',
  no_show: '未到场',
}

export const AttendanceView = z.object({
  id: z.number().int(),
  activity: z.object({
    id: z.number().int(),
    title: z.string(),
    startAt: z.string(),
    endAt: z.string(),
    address: z.string(),
    duty: z.boolean(),
  }),
  user: z.object({ id: z.number().int(), name: z.string().nullable(), phone: z.string().nullable() }),
  source: z.enum(['scan', 'walk_in', 'manual']),
  status: z.enum(ATTENDANCE_STATUSES),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  hours: z.number(),
  points: z.number().int(),
  reason: z.string().nullable(),
  recordedBy: Ref.nullable(),
  approvedBy: Ref.nullable(),
})
export type AttendanceView = z.infer<typeof AttendanceView>
export const AttendanceList = z.object({ items: z.array(AttendanceView), total: z.number().int() })

export const ScanResult = z.object({
  mode: CheckinMode,
  /** true when this scan repeated an earlier one (nothing new was recorded) */
  repeated: z.boolean(),
  attendance: AttendanceView,
})
export type ScanResult = z.infer<typeof ScanResult>

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式不正确` }).transform((s) => new Date(s))

export const ManualAttendanceBody = z
  .object({
    userId: z.number({ error: '请选择志愿者' }).int().positive(),
    checkInAt: instant('签到时间'),
    checkOutAt: instant('签退时间').nullable().optional(),
    reason: text(200, '补录原因'),
  })
  .refine((b) => !(b.checkOutAt instanceof Date) || !(b.checkInAt instanceof Date) || b.checkOutAt >= b.checkInAt, {
    error: '签退时间不能早于签到时间',
    path: ['checkOutAt'],
  })
export type ManualAttendanceBody = z.input<typeof ManualAttendanceBody>

export const ReviewBody = z.object({ reason: text(200, '原因').optional() })

export const NoShowResult = z.object({ marked: z.number().int() })

export const PointsEntryView = z.object({
  id: z.number().int(),
  amount: z.number().int(),
  reason: z.string(),
  sourceType: z.enum(['attendance', 'report', 'redemption', 'adjustment']),
  createdAt: z.string(),
})
export const PointsView = z.object({
  balance: z.number().int(),
  entries: z.array(PointsEntryView),
  total: z.number().int(),
})
export type PointsView = z.infer<typeof PointsView>

export const AdjustmentBody = z.object({
  amount: z
    .number({ error: '积分必须是数字' })
    .int({ error: '积分必须是整数' })
    .min(-100_000)
    .max(100_000)
    .refine((n) => n !== 0, { error: '积分不能为 0' }),
  reason: text(200, '调整原因'),
})

export const Summary = z.object({
  /** approved 志愿服务 hours (duty excluded) in this China calendar year */
  hoursThisYear: z.number(),
  totalHours: z.number(),
  /** approved duty (周上街) hours: unit compliance, not 志愿服务 */
  dutyHours: z.number(),
  points: z.number().int(),
  star: z.object({
    level: z.number().int(),
    name: z.string(),
    hours: z.number(),
    nextThreshold: z.number().nullable(),
    progress: z.number(),
  }),
  rankInCommunity: z.object({ rank: z.number().int(), of: z.number().int(), community: Ref }).nullable(),
})
export type Summary = z.infer<typeof Summary>

/** `2026-02-30` has the right shape but is no date (and would roll into March, or make no instant at all). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
    },
    { error: '日期不存在' },
  )

export const RecordQuery = z.object({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
})

export const ServiceRecord = z.object({
  volunteer: z.object({
    id: z.number().int(),
    name: z.string().nullable(),
    gender: z.string().nullable(),
    birthYear: z.number().int().nullable(),
    idType: z.string(),
    /** masked */
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    skills: z.array(z.string()),
    community: Ref.nullable(),
    unit: Ref.nullable(),
  }),
  period: z.object({ from: z.string(), to: z.string() }),
  services: z.array(
    z.object({
      activityId: z.number().int(),
      name: z.string(),
      type: z.string(),
      date: z.string(),
      place: z.string(),
      content: z.string(),
      hours: z.number(),
      organiser: z.string(),
      personInCharge: z.string().nullable(),
      recorder: z.string().nullable(),
    }),
  ),
  totalHours: z.number(),
})
export type ServiceRecord = z.infer<typeof ServiceRecord>

export const CertificateView = z.object({
  number: z.string(),
  issuedAt: z.string(),
  record: ServiceRecord,
  html: z.string(),
})

export const MeAttendanceQuery = PageQuery
