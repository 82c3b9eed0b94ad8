/**
 * Check-in and check-out by scanning. Every failure has its own code and writes nothing; a
 * repeated or retried scan returns the same attendance (200) and never credits twice: the
 * attendance is unique per (activity, person), check-out is a conditional update, and the
 * ledger credit is keyed per attendance revision.
 */
import { type AttendanceView, type CheckinMode, type ScanResult, distanceMetres, formatChina, maskPhone } from '@civic/shared'
import type { z } from 'zod'
import type { ScanBody } from '@civic/shared'
import type { SessionUser } from '../../auth/roles'
import { retrying, withTx } from '../../db/tx'
import type { Deps } from '../../deps'
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
  source: string | null
  hours: number | null
  credited_points: number | null
  reason: string | null
  recorded_by_id: number | null
  recorded_by_name: string | null
  approved_by_id: number | null
  approved_by_name: string | null
}

async function load(deps: Deps, where: { id?: number; key?: string }, userId: number): Promise<ScanActivity> {
  const rows = await deps.prisma.$queryRaw<ScanActivity[]>`
    SELECT a.id, a.title, a.status::text AS status, a.start_at, a.end_at, a.latitude, a.longitude, a.radius_m,
           a.allow_walk_in, a.type_id, t.points_per_hour::float8 AS points_per_hour,
           t.max_hours_per_activity::float8 AS max_hours_per_activity, t.max_points_per_day,
           s.status::text AS signup_status, x.id AS attendance_id, x.check_in_at, x.check_out_at,
           x.status::text AS att_status, x.revision, a.address, t.duty, me.real_name AS user_name,
           me.phone_enc AS user_phone_enc, x.source::text AS source, x.hours::float8 AS hours, x.credited_points, x.reason,
           rb.id AS recorded_by_id, rb.real_name AS recorded_by_name, ab.id AS approved_by_id, ab.real_name AS approved_by_name
    FROM activity a
    JOIN activity_type t ON t.id = a.type_id
    JOIN app_user me ON me.id = ${userId}
    LEFT JOIN signup s ON s.activity_id = a.id AND s.user_id = ${userId}
    LEFT JOIN attendance x ON x.activity_id = a.id AND x.user_id = ${userId}
    LEFT JOIN app_user rb ON rb.id = x.recorded_by_id
    LEFT JOIN app_user ab ON ab.id = x.approved_by_id
    WHERE a.id = ${where.id ?? -1} OR a.short_key = ${where.key ?? ''}
    LIMIT 1`
  if (!rows.length) throw new AppError(where.key ? 'activity_not_found' : 'token_invalid')
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

export async function scan(deps: Deps, user: SessionUser, body: z.output<typeof ScanBody>): Promise<ScanResult> {
  const now = new Date()
  let mode: CheckinMode
  let a: ScanActivity
  if (body.token) {
    const claims = verifyCheckin(checkinKey(deps.config.sessionSecret), body.token, now)
    mode = claims.mode
    a = await load(deps, { id: claims.activityId }, user.id)
  } else {
    mode = body.mode!
    a = await load(deps, { key: body.activityKey }, user.id)
  }
  if (a.status === 'cancelled') throw new AppError('activity_cancelled')
  checkWindow(deps, a, mode, now)
  const distance = Math.round(distanceMetres({ lat: body.latitude, lng: body.longitude }, { lat: a.latitude, lng: a.longitude }))
  if (distance > a.radius_m) {
    throw new AppError('too_far', `你距离活动地点约 ${distance} 米，需在 ${a.radius_m} 米范围内签到`, {
      distanceM: distance,
      radiusM: a.radius_m,
    })
  }

  const outcome = mode === 'in' ? await checkIn(deps, user, a, now) : await checkOut(deps, user, a, now)
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

async function checkIn(deps: Deps, user: SessionUser, a: ScanActivity, now: Date): Promise<Outcome> {
  if (a.attendance_id != null) {
    return { repeated: true, attendanceId: a.attendance_id, view: viewOf(deps, a, user.id, { id: a.attendance_id }) }
  }
  const walkIn = a.signup_status !== 'confirmed'
  if (walkIn && !a.allow_walk_in) throw new AppError('not_signed_up')
  const source = walkIn ? 'walk_in' : 'scan'
  const status = walkIn ? 'pending' : 'approved'
  // insert-or-nothing, and its audit event, in one statement: retries and double scans meet the unique key
  const rows = await retrying(() =>
    deps.prisma.$queryRaw<Array<{ id: number; created: boolean }>>`
      WITH ins AS (
        INSERT INTO attendance (activity_id, user_id, source, status, check_in_at, updated_at)
        VALUES (${a.id}, ${user.id}, ${source}::"AttendanceSource", ${status}::"AttendanceStatus", ${now}, now())
        ON CONFLICT (activity_id, user_id) DO NOTHING
        RETURNING id
      ), ev AS (
        INSERT INTO attendance_event (attendance_id, kind, actor_id, check_in_at)
        SELECT id, ${walkIn ? 'walk_in' : 'check_in'}::"AttendanceEventKind", ${user.id}, ${now} FROM ins
      )
      SELECT id, true AS created FROM ins
      UNION ALL
      SELECT id, false AS created FROM attendance WHERE activity_id = ${a.id} AND user_id = ${user.id} AND NOT EXISTS (SELECT 1 FROM ins)`,
  )
  if (!rows.length) {
    // the concurrent insert that won is not visible to this statement's snapshot yet
    const existing = await deps.prisma.attendance.findUniqueOrThrow({
      where: { activityId_userId: { activityId: a.id, userId: user.id } },
      select: { id: true },
    })
    return { repeated: true, attendanceId: existing.id }
  }
  if (!rows[0].created) return { repeated: true, attendanceId: rows[0].id }
  const view = viewOf(deps, a, user.id, {
    id: rows[0].id,
    source,
    status,
    checkInAt: now.toISOString(),
    checkOutAt: null,
    hours: 0,
    points: 0,
    reason: null,
    recordedBy: null,
    approvedBy: null,
  })
  return { repeated: false, attendanceId: rows[0].id, view }
}

async function checkOut(deps: Deps, user: SessionUser, a: ScanActivity, now: Date): Promise<Outcome> {
  if (a.attendance_id == null || a.check_in_at == null) throw new AppError('not_checked_in')
  if (a.check_out_at != null) {
    return { repeated: true, attendanceId: a.attendance_id, view: viewOf(deps, a, user.id, { id: a.attendance_id }) }
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
      VALUES (${attendanceId}, 'check_out', ${user.id}, ${now}, ${hours})`
    const points =
      updated[0].status === 'approved'
        ? await credit(tx, { attendanceId, userId: user.id, revision: updated[0].revision, hours, activity: a, actorId: null })
        : 0
    return { points }
  })
  // a concurrent scan checked out first: read its result back
  if (!done) return { repeated: true, attendanceId }
  return { repeated: false, attendanceId, view: viewOf(deps, a, user.id, { id: attendanceId, checkOutAt: now.toISOString(), hours, points: done.points }) }
}
