/**
 * 随手拍 and 整改: request bodies, queries and views shared by the API and the mini-program.
 *
 * The flow: a resident submits (submitted) → the office triages: rejects (rejected), marks a
 * duplicate (duplicate) or assigns to a unit with a deadline (assigned) → the unit accepts
 * (accepted) → the unit rectifies with a note and after-photos (rectified) → the office closes
 * (closed, the reporter earns points once) or sends it back (accepted again, the deadline may be
 * extended). Every step is an event in the report's history.
 */
import { z } from 'zod'
import { PageQuery, Ref, optionalText, text } from './common'
import { StatsPeriodQuery } from './stats'

// ---------------------------------------------------------------- limits and labels

export const REPORT_PHOTOS_MAX = 6
export const RECTIFY_PHOTOS_MAX = 6
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024
export const UPLOAD_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export const REPORT_STATUSES = ['submitted', 'rejected', 'duplicate', 'assigned', 'accepted', 'rectified', 'closed'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '待受理',
  rejected: '不予受理',
  duplicate: '重复上报',
  assigned: '已交办',
  accepted: '整改中',
  rectified: '待核验',
  closed: '已办结',
}
export const ReportStatusEnum = z.enum(REPORT_STATUSES, { error: '状态不正确' })

export const REPORT_EVENT_KINDS = [
  'submitted',
  'rejected',
  'marked_duplicate',
  'assigned',
  'accepted',
  'rectified',
  'sent_back',
  'closed',
] as const
export type ReportEventKind = (typeof REPORT_EVENT_KINDS)[number]
export const REPORT_EVENT_LABELS: Record<ReportEventKind, string> = {
  submitted: '提交上报',
  rejected: '不予受理',
  marked_duplicate: '标记为重复',
  assigned: '交办整改',
  accepted: '接收任务',
  rectified: '提交整改',
  sent_back: '退回重改',
  closed: '核验办结',
}

/** What the caller may do with a report right now (for the buttons on the screen). */
export const REPORT_ACTIONS = ['triage', 'accept', 'rectify', 'verify'] as const
export type ReportAction = (typeof REPORT_ACTIONS)[number]

// ---------------------------------------------------------------- shared field rules

/** An upload's id as handed out by `POST /api/uploads`. */
export const UploadId = z.string({ error: '照片编号无效' }).regex(/^[0-9A-Za-z_-]{8,32}$/, { error: '照片编号无效' })

const uploadIds = (max: number, label: string) =>
  z
    .array(UploadId, { error: `请上传${label}` })
    .min(1, { error: `请至少上传 1 张${label}` })
    .max(max, { error: `${label}最多 ${max} 张` })
    .refine((ids) => new Set(ids).size === ids.length, { error: `${label}有重复` })

const latitude = z.number({ error: '请选择位置' }).min(-90, { error: '纬度超出范围' }).max(90, { error: '纬度超出范围' })
const longitude = z.number({ error: '请选择位置' }).min(-180, { error: '经度超出范围' }).max(180, { error: '经度超出范围' })

/** `2026-02-30` has the right shape but is no date. */
const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
/** A China calendar date `YYYY-MM-DD`; as a deadline it means the end of that day (23:59:59.999 China time). */
export const ChinaDate = z
  .string({ error: '日期格式应为 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, { error: '日期不存在' })

const id = (label: string) => z.number({ error: `请选择${label}` }).int().positive()
const flag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional()

// ---------------------------------------------------------------- categories

export const CategoryView = z.object({
  id: z.number().int(),
  name: z.string(),
  /** default rectification deadline in days when the office assigns */
  deadlineDays: z.number().int(),
  sortOrder: z.number().int(),
  active: z.boolean(),
})
export type CategoryView = z.infer<typeof CategoryView>
export const CategoryList = z.object({ items: z.array(CategoryView) })

/** `all=1` (office only) includes deactivated categories. */
export const CategoryQuery = z.object({ all: flag })

const deadlineDays = z
  .number({ error: '整改期限必须是数字' })
  .int({ error: '整改期限必须是整数天' })
  .min(1, { error: '整改期限至少 1 天' })
  .max(90, { error: '整改期限不超过 90 天' })
const sortOrder = z.number({ error: '排序必须是数字' }).int().min(0).max(10_000)

export const CategoryBody = z.object({
  name: text(20, '分类名称'),
  deadlineDays: deadlineDays.default(3),
  sortOrder: sortOrder.default(0),
  active: z.boolean().default(true),
})
export type CategoryBody = z.input<typeof CategoryBody>
/** Rename, change the default deadline or order, deactivate (`active: false`) or reactivate. */
export const CategoryPatch = z
  .object({ name: CategoryBody.shape.name, deadlineDays, sortOrder, active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { error: '没有需要修改的内容' })
export type CategoryPatch = z.input<typeof CategoryPatch>

// ---------------------------------------------------------------- uploads

/** `POST /api/uploads` (multipart/form-data, exactly one file field) answers this. */
export const UploadResult = z.object({
  uploadId: z.string(),
  mime: z.enum(UPLOAD_MIME_TYPES),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
})
export type UploadResult = z.infer<typeof UploadResult>

// ---------------------------------------------------------------- submitting and listing

export const ReportCreateBody = z.object({
  categoryId: id('问题分类'),
  communityId: id('所在社区'),
  description: text(500, '问题描述'),
  address: text(100, '位置'),
  latitude,
  longitude,
  /** 1–6 uploads of the caller's, not yet attached to a report */
  uploadIds: uploadIds(REPORT_PHOTOS_MAX, '现场照片'),
})
export type ReportCreateBody = z.input<typeof ReportCreateBody>

export const REPORT_SORTS = ['deadline', 'newest', 'oldest'] as const

/**
 * Who sees what: `mine=1` the caller's own reports (anyone); otherwise the office sees all,
 * a unit's organisers their units' queue (sorted by deadline), everyone else their own.
 */
export const ReportListQuery = PageQuery.extend({
  mine: flag,
  status: ReportStatusEnum.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  /** only reports still with the unit or awaiting verification (assigned, accepted, rectified) */
  open: flag,
  /** only open reports past their deadline */
  overdue: flag,
  /** default: `deadline` for a unit's queue, `newest` otherwise */
  sort: z.enum(REPORT_SORTS).optional(),
})
export type ReportListQuery = z.input<typeof ReportListQuery>

export const ReportPhotoView = z.object({
  uploadId: z.string(),
  /** signed, expiring URL */
  url: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** the history event that attached it (the submission or one rectification) */
  eventId: z.number().int().nullable(),
})
export type ReportPhotoView = z.infer<typeof ReportPhotoView>

export const REPORT_ACTOR_ROLES = ['reporter', 'office', 'unit'] as const
export const ReportEventView = z.object({
  id: z.number().int(),
  kind: z.enum(REPORT_EVENT_KINDS),
  fromStatus: ReportStatusEnum.nullable(),
  toStatus: ReportStatusEnum,
  /** the actor's role; the name is shown to the office only */
  actor: z.object({ role: z.enum(REPORT_ACTOR_ROLES), name: z.string().nullable() }),
  /** reason, instruction or rectification note */
  note: z.string().nullable(),
  unit: Ref.nullable(),
  deadline: z.string().nullable(),
  createdAt: z.string(),
})
export type ReportEventView = z.infer<typeof ReportEventView>

const reportFields = {
  id: z.number().int(),
  status: ReportStatusEnum,
  category: Ref,
  community: Ref,
  description: z.string(),
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  unit: Ref.nullable(),
  /** the current rectification deadline (an instant: the end of a China day) */
  deadline: z.string().nullable(),
  /** open (assigned or accepted) and past its deadline */
  overdue: z.boolean(),
  /** the rectification was submitted after the deadline */
  late: z.boolean(),
  /** the reporter; shown to the office only */
  reporter: Ref.nullable(),
  createdAt: z.string(),
  rectifiedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
}

export const ReportSummary = z.object({
  ...reportFields,
  /** the first before-photo (signed URL) */
  thumbnailUrl: z.string().nullable(),
})
export type ReportSummary = z.infer<typeof ReportSummary>
export const ReportList = z.object({ items: z.array(ReportSummary), total: z.number().int() })
export type ReportList = z.infer<typeof ReportList>

export const ReportView = z.object({
  ...reportFields,
  instruction: z.string().nullable(),
  duplicateOfId: z.number().int().nullable(),
  /** the office's reason when rejected or the last send-back's reason */
  reason: z.string().nullable(),
  /** bumps on every transition */
  version: z.number().int(),
  photos: z.object({ before: z.array(ReportPhotoView), after: z.array(ReportPhotoView) }),
  history: z.array(ReportEventView),
  actions: z.array(z.enum(REPORT_ACTIONS)),
})
export type ReportView = z.infer<typeof ReportView>

// ---------------------------------------------------------------- transitions

/** The office's triage: reject with a reason, mark as a duplicate, or assign to a unit. */
export const TriageBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('reject'), reason: text(200, '不予受理的原因') }),
    z.object({ action: z.literal('duplicate'), duplicateOfId: id('重复的上报') }),
    z.object({
      action: z.literal('assign'),
      unitId: id('责任单位'),
      /** China date; default today + the category's deadline days. The deadline is the end of that day. */
      deadline: ChinaDate.optional(),
      instruction: text(500, '整改要求'),
    }),
  ],
  { error: '请选择处理方式' },
)
export type TriageBody = z.input<typeof TriageBody>

export const RectifyBody = z.object({
  note: text(500, '整改说明'),
  uploadIds: uploadIds(RECTIFY_PHOTOS_MAX, '整改后照片'),
})
export type RectifyBody = z.input<typeof RectifyBody>

/** The office's verification: close, or send back with a reason (optionally a new deadline). */
export const VerifyBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('close'), note: optionalText(200, '核验意见') }),
    z.object({
      action: z.literal('send_back'),
      reason: text(200, '退回原因'),
      /** China date; the deadline becomes the end of that day */
      newDeadline: ChinaDate.optional(),
    }),
  ],
  { error: '请选择核验结果' },
)
export type VerifyBody = z.input<typeof VerifyBody>

// ---------------------------------------------------------------- rectification figures

/**
 * Inclusive China dates; reports assigned in the period are counted. The period rules are the
 * other figures' (400 `stats_period_reversed` / `stats_period_too_long`).
 */
export const RectificationStatsQuery = StatsPeriodQuery

/**
 * Per unit, over reports assigned in the period: `rectifiedOnTime` (rectified by the deadline),
 * `overdue` (still open past the deadline, or rectified after it), `open` (assigned or accepted,
 * not rectified yet, due or not), `onTimeRate` = rectifiedOnTime / (rectifiedOnTime + overdue),
 * null while nothing is due.
 */
export const RectificationStatsRow = z.object({
  unit: Ref,
  assigned: z.number().int(),
  rectifiedOnTime: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  onTimeRate: z.number().nullable(),
})
export type RectificationStatsRow = z.infer<typeof RectificationStatsRow>
export const RectificationStats = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(RectificationStatsRow),
})
export type RectificationStats = z.infer<typeof RectificationStats>
