/**
 * Check-in and check-out by scanning. Every failure has its own code and writes nothing; a
 * repeated or retried scan returns the same attendance (200) and never credits twice: the
 * attendance is unique per (activity, person), check-out is a conditional update, and the
 * ledger credit is keyed per attendance revision.
 */
import { type AttendanceView, type CheckinMode, type ScanResult, distanceMetres, formatChina, maskPhone } from '@civic/shared'
import type { z } from 'zod'
import type { ScanBody } from '@civic/shared'
import { retrying, withTx } from '../../db/tx'
import type { Deps } from '../../deps'
import { Prisma } from '../../generated/prisma/client'
import { AppError } from '../../http/errors'
import { credit, hoursFor, type RuleRow } from './credit'
import { attendanceInclude, presentAttendance } from './presenter'
import { checkinKey, verifyCheckin } from './token'

interface ScanActivity extends RuleRow {
  id: number
  title: string
  status: string
  start_at: Date
  end_at: Date
  latitude: number
  longitude: number
  radius_m: number
  allow_walk_in: boolean
  type_id: number
  signup_status: string | null
  attendance_id: number | null
  check_in_at: Date | null
  check_out_at: Date | null
  att_status: string | null
  revision: number | null
  address: string
  duty: boolean
  user_name: string | null
  user_phone_enc: string | null
  caller_disabled: boolean
  source: string | null
  hours: number | null
  credited_points: number | null
  reason: string | null
  recorded_by_id: number | null
  recorded_by_name: string | null
  approved_by_id: number | null
  approved_by_name: string | null
}

const COLUMNS = Prisma.sql`
  a.id, a.title, a.status::text AS status, a.start_at, a.end_at, a.latitude, a.longitude, a.radius_m,
  a.allow_walk_in, a.type_id, t.points_per_hour::float8 AS points_per_hour,
  t.max_hours_per_activity::float8 AS max_hours_per_activity, t.max_points_per_day,
  s.status::text AS signup_status, x.id AS attendance_id, x.check_in_at, x.check_out_at,
  x.status::text AS att_status, x.revision, a.address, t.duty, me.real_name AS user_name,
  me.phone_enc AS user_phone_enc, me.disabled_at IS NOT NULL AS caller_disabled, x.source::text AS source, x.hours::float8 AS hours, x.credited_points, x.reason,
  rb.id AS recorded_by_id, rb.real_name AS recorded_by_name, ab.id AS approved_by_id, ab.real_name AS approved_by_name`

async function load(deps: Deps, where: { id?: number; key?: string }, userId: number): Promise<ScanActivity> {
  const rows = await deps.prisma.$queryRaw<ScanActivity[]>`
    SELECT ${COLUMNS}
    FROM activity a
    JOIN activity_type t ON t.id = a.type_id
    JOIN app_user me ON me.id = ${userId}
    LEFT JOIN signup s ON s.activity_id = a.id AND s.user_id = ${userId}
    LEFT JOIN attendance x ON x.activity_id = a.id AND x.user_id = ${userId}
    LEFT JOIN app_user rb ON rb.id = x.recorded_by_id
    LEFT JOIN app_user ab ON ab.id = x.approved_by_id
    WHERE a.id = ${where.id ?? -1} OR a.short_key = ${where.key ?? ''}
    LIMIT 1`
  // no row for a caller who no longer exists either: the router answers 401 for them
  if (!rows.length) throw new AppError(where.key ? 'activity_not_found' : 'token_invalid')
  if (rows[0].caller_disabled) throw new AppError('user_disabled')
  return rows[0]
}

function checkWindow(deps: Deps, a: ScanActivity, mode: CheckinMode, now: Date) {
  const { opensMin, checkoutClosesMin } = deps.config.checkin
  const opens = mode === 'in' ? new Date(a.start_at.getTime() - opensMin * 60_000) : a.start_at
  const closes = mode === 'in' ? a.end_at : new Date(a.end_at.getTime() + checkoutClosesMin * 60_000)
  if (now < opens || now > closes) {
    const what = mode === 'in' ? '签到' : '签退'
    throw new AppError('checkin_window_closed', `${what}时间为 ${formatChina(opens, 'M月D日 HH:mm')} 至 ${formatChina(closes, 'HH:mm')}`, {
      opensAt: opens.toISOString(),
      closesAt: closes.toISOString(),
    })
  }
}

/** The refusals every scan checks, in order, on the activity as loaded. */
function refuse(deps: Deps, a: ScanActivity, mode: CheckinMode, now: Date, at: { latitude: number; longitude: number }) {
  if (a.status === 'cancelled') throw new AppError('activity_cancelled')
  checkWindow(deps, a, mode, now)
  const distance = Math.round(distanceMetres({ lat: at.latitude, lng: at.longitude }, { lat: a.latitude, lng: a.longitude }))
  if (distance > a.radius_m) {
    throw new AppError('too_far', `你距离活动地点约 ${distance} 米，需在 ${a.radius_m} 米范围内签到`, {
      distanceM: distance,
      radiusM: a.radius_m,
    })
  }
}

/**
 * `userId` is the caller as their session token says: they are not loaded beforehand (the
 * route has `checksCaller`), so every path here refuses a caller who no longer exists or is
 * disabled before it writes or answers anything.
 */
export async function scan(deps: Deps, userId: number, body: z.output<typeof ScanBody>): Promise<ScanResult> {
  const now = new Date()
  let mode: CheckinMode
  let where: { id?: number; key?: string }
  if (body.token) {
    const claims = verifyCheckin(checkinKey(deps.config.sessionSecret), body.token, now)
    mode = claims.mode
    where = { id: claims.activityId }
  } else {
    mode = body.mode!
    where = { key: body.activityKey }
  }
  let outcome: Outcome
  if (mode === 'in') {
    outcome = await checkIn(deps, userId, where, body, now)
  } else {
    const a = await load(deps, where, userId)
    refuse(deps, a, mode, now, body)
    outcome = await checkOut(deps, userId, a, now)
  }
  if (outcome.view === undefined) {
    // a concurrent scan's row that this one could not see: read it back
    const row = await deps.prisma.attendance.findUniqueOrThrow({ where: { id: outcome.attendanceId }, include: attendanceInclude })
    return { mode, repeated: outcome.repeated, attendance: presentAttendance(row, deps.cipher) }
  }
  return { mode, repeated: outcome.repeated, attendance: outcome.view }
}

type Outcome = { repeated: boolean; attendanceId: number; view?: AttendanceView }

/** The attendance as it stands, from the row loaded with the activity and what this scan changed. */
function viewOf(deps: Deps, a: ScanActivity, userId: number, att: Partial<AttendanceView> & { id: number }): AttendanceView {
  const person = (id: number | null, name: string | null) => (id == null ? null : { id, name: name ?? `用户${id}` })
  return {
    id: att.id,
    activity: {
      id: a.id,
      title: a.title,
      startAt: a.start_at.toISOString(),
      endAt: a.end_at.toISOString(),
      address: a.address,
      duty: a.duty,
    },
    user: { id: userId, name: a.user_name, phone: maskPhone(a.user_phone_enc ? deps.cipher.decrypt(a.user_phone_enc) : null) },
    source: att.source ?? (a.source as AttendanceView['source']),
    status: att.status ?? (a.att_status as AttendanceView['status']),
    checkInAt: att.checkInAt !== undefined ? att.checkInAt : (a.check_in_at?.toISOString() ?? null),
    checkOutAt: att.checkOutAt !== undefined ? att.checkOutAt : (a.check_out_at?.toISOString() ?? null),
    hours: att.hours ?? a.hours ?? 0,
    points: att.points ?? a.credited_points ?? 0,
    reason: att.reason !== undefined ? att.reason : a.reason,
    recordedBy: att.recordedBy !== undefined ? att.recordedBy : person(a.recorded_by_id, a.recorded_by_name),
    approvedBy: att.approvedBy !== undefined ? att.approvedBy : person(a.approved_by_id, a.approved_by_name),
  }
}

interface CheckInRow extends ScanActivity {
  new_id: number | null
  new_source: AttendanceView['source'] | null
  new_status: AttendanceView['status'] | null
}

/** civic_check_in's row from its JSON (timestamps arrive as ISO 8601 text with their offset). */
function checkInRow(json: string): CheckInRow {
  const row = JSON.parse(json)
  for (const k of ['start_at', 'end_at', 'check_in_at', 'check_out_at'] as const) if (row[k] != null) row[k] = new Date(row[k])
  return row
}

/**
 * Check-in in one call of the database function civic_check_in (prisma/migrations/
 * *_checkin_function): the activity is read; the caller, the window, the fence (the same
 * haversine as shared/rules.ts, rounded to the metre) and the registration are checked; and
 * the attendance with its audit event is inserted — or nothing is, and the row read in the
 * same statement says why, with the same checks as check-out. Retries and double scans meet
 * the unique (activity, person) key. The function's statement is planned once per connection.
 */
async function checkIn(
  deps: Deps,
  userId: number,
  where: { id?: number; key?: string },
  at: { latitude: number; longitude: number },
  now: Date,
): Promise<Outcome> {
  const opensBy = new Date(now.getTime() + deps.config.checkin.opensMin * 60_000)
  // the row as one JSON text: a third cheaper for Prisma and the driver than 35 typed columns
  const rows = await retrying(() =>
    deps.prisma.$queryRaw<Array<{ row: string }>>`
      SELECT row_to_json(r)::text AS row
      FROM civic_check_in(${where.id ?? -1}::int, ${where.key ?? ''}::text, ${userId}::int, ${now}::timestamptz,
                          ${opensBy}::timestamptz, ${at.latitude}::float8, ${at.longitude}::float8) r`,
  )
  // no row for a caller who no longer exists either: the router answers 401 for them
  if (!rows.length) throw new AppError(where.key ? 'activity_not_found' : 'token_invalid')
  const a = checkInRow(rows[0].row)
  if (a.caller_disabled) throw new AppError('user_disabled')
  if (a.new_id != null) {
    const view = viewOf(deps, a, userId, {
      id: a.new_id,
      source: a.new_source!,
      status: a.new_status!,
      checkInAt: now.toISOString(),
      checkOutAt: null,
      hours: 0,
      points: 0,
      reason: null,
      recordedBy: null,
      approvedBy: null,
    })
    return { repeated: false, attendanceId: a.new_id, view }
  }
  refuse(deps, a, 'in', now, at)
  if (a.attendance_id != null) {
    return { repeated: true, attendanceId: a.attendance_id, view: viewOf(deps, a, userId, { id: a.attendance_id }) }
  }
  if (a.signup_status !== 'confirmed' && !a.allow_walk_in) throw new AppError('not_signed_up')
  // the concurrent insert that won is not visible to this statement's snapshot yet
  const existing = await deps.prisma.attendance.findUnique({
    where: { activityId_userId: { activityId: a.id, userId } },
    select: { id: true },
  })
  if (existing) return { repeated: true, attendanceId: existing.id }
  // only a position within rounding of the fence's edge gets here: the database's arithmetic said outside
  throw new AppError('too_far', `你在活动地点 ${a.radius_m} 米范围的边缘，请靠近后再签到`, { radiusM: a.radius_m })
}

async function checkOut(deps: Deps, userId: number, a: ScanActivity, now: Date): Promise<Outcome> {
  if (a.attendance_id == null || a.check_in_at == null) throw new AppError('not_checked_in')
  if (a.check_out_at != null) {
    return { repeated: true, attendanceId: a.attendance_id, view: viewOf(deps, a, userId, { id: a.attendance_id }) }
  }
  const attendanceId = a.attendance_id
  const hours = hoursFor(a, a.check_in_at, now, deps.config.hoursStep)
  const done = await withTx(deps.prisma, async (tx) => {
    const updated = await tx.$queryRaw<Array<{ status: string; revision: number }>>`
      UPDATE attendance SET check_out_at = ${now}, hours = ${hours}, updated_at = now()
      WHERE id = ${attendanceId} AND check_out_at IS NULL
      RETURNING status::text AS status, revision`
    if (!updated.length) return null
    await tx.$executeRaw`
      INSERT INTO attendance_event (attendance_id, kind, actor_id, check_out_at, hours)
      VALUES (${attendanceId}, 'check_out', ${userId}, ${now}, ${hours})`
    const points =
      updated[0].status === 'approved'
        ? await credit(tx, { attendanceId, userId, revision: updated[0].revision, hours, activity: a, actorId: null })
        : 0
    return { points }
  })
  // a concurrent scan checked out first: read its result back
  if (!done) return { repeated: true, attendanceId }
  return { repeated: false, attendanceId, view: viewOf(deps, a, userId, { id: attendanceId, checkOutAt: now.toISOString(), hours, points: done.points }) }
}
