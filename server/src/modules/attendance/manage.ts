/**
 * Organisers' side of attendance: records added or corrected by hand (always with a reason,
 * recorded with who and when, counted only after another organiser or the office approves),
 * approvals, no-shows, and the lists they work from.
 */
import type { AttendanceView, ManualAttendanceBody } from '@civic/shared'
import type { z } from 'zod'
import { type SessionUser, canManage } from '../../auth/roles'
import { type Tx, withTx } from '../../db/tx'
import type { Deps } from '../../deps'
import type { Prisma } from '../../generated/prisma/client'
import { AppError } from '../../http/errors'
import { credit, hoursFor, reverse, type RuleRow } from './credit'
import { attendanceInclude, presentAttendance } from './presenter'

interface ActivityForCredit extends RuleRow {
  id: number
  title: string
  start_at: Date
  end_at: Date
  type_id: number
  organiser_unit_id: number | null
  organiser_community_id: number | null
  status: string
}

async function activityForCredit(tx: Tx | Deps['prisma'], id: number): Promise<ActivityForCredit> {
  const rows = await tx.$queryRaw<ActivityForCredit[]>`
    SELECT a.id, a.title, a.start_at, a.end_at, a.type_id, a.organiser_unit_id, a.organiser_community_id, a.status::text AS status,
           t.points_per_hour::float8 AS points_per_hour, t.max_hours_per_activity::float8 AS max_hours_per_activity, t.max_points_per_day
    FROM activity a JOIN activity_type t ON t.id = a.type_id WHERE a.id = ${id}`
  if (!rows.length) throw new AppError('activity_not_found')
  return rows[0]
}

const owner = (a: ActivityForCredit) => ({ unitId: a.organiser_unit_id, communityId: a.organiser_community_id })

async function view(deps: Deps, id: number): Promise<AttendanceView> {
  return presentAttendance(await deps.prisma.attendance.findUniqueOrThrow({ where: { id }, include: attendanceInclude }), deps.cipher)
}

/** Adds or corrects a person's attendance by hand; it waits for another organiser's approval. */
export async function recordManually(
  deps: Deps,
  organiser: SessionUser,
  activityId: number,
  body: z.output<typeof ManualAttendanceBody>,
): Promise<AttendanceView> {
  const a = await activityForCredit(deps.prisma, activityId)
  if (!canManage(organiser, owner(a))) throw new AppError('forbidden')
  if (a.status === 'cancelled') throw new AppError('activity_cancelled')
  if (!(await deps.prisma.user.findUnique({ where: { id: body.userId }, select: { id: true } }))) throw new AppError('user_not_found')
  const checkOut = body.checkOutAt ?? null
  const hours = hoursFor(a, body.checkInAt, checkOut, deps.config.hoursStep)
  const id = await withTx(deps.prisma, async (tx) => {
    const existing = await tx.$queryRaw<Array<{ id: number; revision: number; credited_points: number }>>`
      SELECT id, revision, credited_points FROM attendance WHERE activity_id = ${a.id} AND user_id = ${body.userId} FOR UPDATE`
    let attendanceId: number
    if (existing.length) {
      const e = existing[0]
      // a correction: the current credit is reversed (a negative entry), never edited
      await reverse(tx, {
        attendanceId: e.id,
        userId: body.userId,
        revision: e.revision,
        creditedPoints: e.credited_points,
        title: a.title,
        actorId: organiser.id,
      })
      attendanceId = e.id
      await tx.attendance.update({
        where: { id: e.id },
        data: {
          checkInAt: body.checkInAt,
          checkOutAt: checkOut,
          hours,
          status: 'pending',
          reason: body.reason,
          recordedById: organiser.id,
          approvedById: null,
          approvedAt: null,
        },
      })
    } else {
      attendanceId = (
        await tx.attendance.create({
          data: {
            activityId: a.id,
            userId: body.userId,
            source: 'manual',
            status: 'pending',
            checkInAt: body.checkInAt,
            checkOutAt: checkOut,
            hours,
            reason: body.reason,
            recordedById: organiser.id,
          },
        })
      ).id
    }
    await tx.attendanceEvent.create({
      data: { attendanceId, kind: 'manual', actorId: organiser.id, reason: body.reason, checkInAt: body.checkInAt, checkOutAt: checkOut, hours },
    })
    return attendanceId
  })
  return view(deps, id)
}

async function reviewable(deps: Deps, reviewer: SessionUser, attendanceId: number) {
  const att = await deps.prisma.attendance.findUnique({ where: { id: attendanceId } })
  if (!att) throw new AppError('attendance_not_found')
  const a = await activityForCredit(deps.prisma, att.activityId)
  // someone who may not manage the activity learns nothing about its records
  if (!canManage(reviewer, owner(a))) throw new AppError('attendance_not_found')
  // four eyes: neither the organiser who recorded it nor the person whose hours they are (a walk-in records itself)
  if (att.recordedById === reviewer.id || att.userId === reviewer.id) throw new AppError('approval_by_recorder')
  return { att, a }
}

export async function approve(deps: Deps, reviewer: SessionUser, attendanceId: number): Promise<AttendanceView> {
  const { att, a } = await reviewable(deps, reviewer, attendanceId)
  if (a.status === 'cancelled') throw new AppError('activity_cancelled', '活动已取消，考勤不再计入')
  await withTx(deps.prisma, async (tx) => {
    // conditional: of two concurrent approvals, one finds it no longer pending
    const rows = await tx.$queryRaw<Array<{ revision: number; hours: string }>>`
      UPDATE attendance SET status = 'approved', approved_by_id = ${reviewer.id}, approved_at = now(), updated_at = now()
      WHERE id = ${att.id} AND status = 'pending'
      RETURNING revision, hours::text AS hours`
    if (!rows.length) throw new AppError('attendance_not_pending')
    await tx.attendanceEvent.create({ data: { attendanceId: att.id, kind: 'approved', actorId: reviewer.id } })
    await credit(tx, {
      attendanceId: att.id,
      userId: att.userId,
      revision: rows[0].revision,
      hours: Number(rows[0].hours),
      activity: a,
      actorId: reviewer.id,
    })
  })
  return view(deps, att.id)
}

export async function reject(deps: Deps, reviewer: SessionUser, attendanceId: number, reason?: string): Promise<AttendanceView> {
  const { att } = await reviewable(deps, reviewer, attendanceId)
  await withTx(deps.prisma, async (tx) => {
    const { count } = await tx.attendance.updateMany({
      where: { id: att.id, status: 'pending' },
      data: { status: 'rejected', approvedById: reviewer.id, approvedAt: new Date() },
    })
    if (count === 0) throw new AppError('attendance_not_pending')
    await tx.attendanceEvent.create({ data: { attendanceId: att.id, kind: 'rejected', actorId: reviewer.id, reason: reason ?? null } })
  })
  return view(deps, att.id)
}

/** Confirmed sign-ups without any attendance become no-shows (after the activity ended). */
export async function markNoShows(deps: Deps, actor: SessionUser | null, activityId: number, now = new Date()): Promise<number> {
  const a = await activityForCredit(deps.prisma, activityId)
  if (actor && !canManage(actor, owner(a))) throw new AppError('forbidden')
  // sign-ups of a cancelled activity stay confirmed: nobody failed to come to it
  if (a.status === 'cancelled') throw new AppError('activity_cancelled')
  if (a.end_at > now) throw new AppError('activity_not_ended')
  const rows = await deps.prisma.$queryRaw<Array<{ id: number }>>`
    WITH ins AS (
      INSERT INTO attendance (activity_id, user_id, source, status, updated_at)
      SELECT s.activity_id, s.user_id, 'scan', 'no_show', now()
      FROM signup s
      WHERE s.activity_id = ${a.id} AND s.status = 'confirmed'
      ON CONFLICT (activity_id, user_id) DO NOTHING
      RETURNING id
    ), ev AS (
      INSERT INTO attendance_event (attendance_id, kind, actor_id) SELECT id, 'no_show', ${actor?.id ?? null}::int FROM ins
    )
    SELECT id FROM ins`
  return rows.length
}

/** Closes activities past their check-out window: no-shows are marked, the status becomes closed. */
export async function closeEnded(deps: Deps, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - deps.config.checkin.checkoutClosesMin * 60_000)
  const due = await deps.prisma.activity.findMany({ where: { status: 'published', endAt: { lt: cutoff } }, select: { id: true } })
  for (const { id } of due) {
    await markNoShows(deps, null, id, now)
    await deps.prisma.activity.updateMany({ where: { id, status: 'published' }, data: { status: 'closed' } })
  }
  return due.length
}

export async function activityAttendance(deps: Deps, user: SessionUser, activityId: number) {
  const a = await activityForCredit(deps.prisma, activityId)
  if (!canManage(user, owner(a))) throw new AppError('forbidden')
  const rows = await deps.prisma.attendance.findMany({ where: { activityId }, include: attendanceInclude, orderBy: { id: 'asc' } })
  return { items: rows.map((r) => presentAttendance(r, deps.cipher)), total: rows.length }
}

/** Records waiting for this reviewer: activities they manage, neither recorded by themselves nor their own hours. */
export async function pendingFor(deps: Deps, user: SessionUser) {
  const where: Prisma.AttendanceWhereInput = {
    status: 'pending',
    userId: { not: user.id },
    OR: [{ recordedById: null }, { recordedById: { not: user.id } }],
    ...(user.isOffice
      ? {}
      : {
          activity: {
            OR: [{ organiserUnitId: { in: user.organiserUnitIds } }, { organiserCommunityId: { in: user.organiserCommunityIds } }],
          },
        }),
  }
  const rows = await deps.prisma.attendance.findMany({ where, include: attendanceInclude, orderBy: { id: 'asc' }, take: 200 })
  return { items: rows.map((r) => presentAttendance(r, deps.cipher)), total: rows.length }
}
