/**
 * Weekly 周上街 schedules: a unit's pattern (weekday, time, place, required headcount). The
 * generator creates the concrete activities for the coming weeks; it is idempotent because it
 * skips China weeks that already hold one of the schedule's activities, and an activity is
 * unique per (schedule, start instant) so concurrent runs cannot both create one.
 */
import { type Schedule, type ScheduleBody, chinaWallClock, chinaWeekKey, chinaWeekMonday, chinaWeekRange } from '@civic/shared'
import dayjs from 'dayjs'
import type { z } from 'zod'
import { type SessionUser, canManage } from '../../auth/roles'
import { withTx } from '../../db/tx'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { randomKey } from '../../lib/crypto'
import { activityNotice } from './notices'

const scheduleInclude = {
  unit: { select: { id: true, name: true } },
  type: { select: { id: true, name: true } },
  community: { select: { id: true, name: true } },
  activities: {
    where: { startAt: { gte: new Date(0) } },
    select: { id: true, startAt: true, status: true },
    orderBy: { startAt: 'asc' as const },
  },
}

type ScheduleRow = NonNullable<Awaited<ReturnType<typeof findSchedule>>>
const findSchedule = (deps: Deps, id: number) =>
  deps.prisma.schedule.findFirst({ where: { id, deletedAt: null }, include: scheduleInclude })

function present(s: ScheduleRow, now: Date): Schedule {
  return {
    id: s.id,
    unit: s.unit,
    type: s.type,
    community: s.community,
    title: s.title,
    description: s.description,
    weekday: s.weekday,
    startTime: s.startTime,
    endTime: s.endTime,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    radiusM: s.radiusM,
    requiredHeadcount: s.requiredHeadcount,
    capacity: s.capacity,
    weeksAhead: s.weeksAhead,
    upcoming: s.activities
      .filter((a) => a.startAt >= now)
      .map((a) => ({ id: a.id, startAt: a.startAt.toISOString(), status: a.status })),
  }
}

/** The start/end instants of a schedule's occurrences in the coming weeks (China time). */
export function occurrences(
  s: { weekday: number; startTime: string; endTime: string; weeksAhead: number },
  now: Date,
): Array<{ startAt: Date; endAt: Date }> {
  const monday = dayjs(chinaWeekMonday(now))
  const out: Array<{ startAt: Date; endAt: Date }> = []
  for (let week = 0; week <= s.weeksAhead; week++) {
    const date = monday.add(week * 7 + s.weekday - 1, 'day').format('YYYY-MM-DD')
    const startAt = chinaWallClock(date, s.startTime)
    if (startAt <= now) continue
    out.push({ startAt, endAt: chinaWallClock(date, s.endTime) })
    if (out.length >= s.weeksAhead) break
  }
  return out
}

/**
 * Creates the missing activities of one schedule; returns how many it created. A week that
 * already holds one of the schedule's activities is not filled again, even when an organiser
 * moved that activity to another time (or cancelled it).
 */
export async function generateFor(deps: Deps, scheduleId: number, now = new Date()): Promise<number> {
  const s = await deps.prisma.schedule.findFirst({ where: { id: scheduleId, deletedAt: null } })
  if (!s) return 0
  const wanted = occurrences(s, now)
  if (!wanted.length) return 0
  const existing = await deps.prisma.activity.findMany({
    where: {
      scheduleId: s.id,
      startAt: { gte: chinaWeekRange(wanted[0].startAt).start, lt: chinaWeekRange(wanted[wanted.length - 1].startAt).end },
    },
    select: { startAt: true },
  })
  const filled = new Set(existing.map((a) => chinaWeekKey(a.startAt)))
  const { count } = await deps.prisma.activity.createMany({
    data: wanted
      .filter((o) => !filled.has(chinaWeekKey(o.startAt)))
      .map((o) => ({
        shortKey: randomKey(10),
        title: s.title,
        typeId: s.typeId,
        description: s.description,
        organiserUnitId: s.unitId,
        communityId: s.communityId,
        address: s.address,
        latitude: s.latitude,
        longitude: s.longitude,
        radiusM: s.radiusM,
        startAt: o.startAt,
        endAt: o.endAt,
        capacity: s.capacity,
        signupDeadline: o.startAt,
        allowWalkIn: true,
        waitlistEnabled: true,
        audience: 'unit_staff' as const,
        scheduleId: s.id,
        requiredHeadcount: s.requiredHeadcount,
        createdById: s.createdById,
      })),
    skipDuplicates: true,
  })
  return count
}

/** Runs the generator for every live schedule (at start and periodically). */
export async function generateAll(deps: Deps, now = new Date()): Promise<number> {
  const ids = await deps.prisma.schedule.findMany({ where: { deletedAt: null }, select: { id: true } })
  let total = 0
  for (const { id } of ids) total += await generateFor(deps, id, now)
  return total
}

async function dutyTypeId(deps: Deps): Promise<number> {
  const t =
    (await deps.prisma.activityType.findFirst({ where: { name: '周上街', active: true } })) ??
    (await deps.prisma.activityType.findFirst({ where: { duty: true, active: true }, orderBy: { id: 'asc' } }))
  if (!t) throw new AppError('activity_type_not_found', '没有可用的周上街（工作任务）活动类型')
  return t.id
}

export async function createSchedule(deps: Deps, user: SessionUser, body: z.output<typeof ScheduleBody>) {
  if (!canManage(user, { unitId: body.unitId })) throw new AppError('forbidden', '只能为你所在的单位安排周上街')
  if (!(await deps.prisma.unit.findUnique({ where: { id: body.unitId } }))) throw new AppError('unit_not_found')
  if (!(await deps.prisma.community.findUnique({ where: { id: body.communityId } }))) throw new AppError('community_not_found')
  const typeId = body.typeId ?? (await dutyTypeId(deps))
  const type = await deps.prisma.activityType.findUnique({ where: { id: typeId } })
  if (!type) throw new AppError('activity_type_not_found')
  if (!type.active) throw new AppError('activity_type_inactive')
  const created = await deps.prisma.schedule.create({
    data: {
      unitId: body.unitId,
      typeId,
      title: body.title,
      description: body.description ?? '',
      weekday: body.weekday,
      startTime: body.startTime,
      endTime: body.endTime,
      communityId: body.communityId,
      address: body.address,
      latitude: body.latitude,
      longitude: body.longitude,
      radiusM: body.radiusM,
      requiredHeadcount: body.requiredHeadcount,
      capacity: body.capacity ?? body.requiredHeadcount,
      weeksAhead: body.weeksAhead,
      createdById: user.id,
    },
  })
  const count = await generateFor(deps, created.id)
  const now = new Date()
  return { schedule: present((await findSchedule(deps, created.id))!, now), created: count }
}

export async function listSchedules(deps: Deps, user: SessionUser, unitId?: number): Promise<Schedule[]> {
  // the office sees every unit's; an organiser only their own units'
  const mine = user.organiserUnitIds
  const unitFilter = user.isOffice ? unitId : unitId ? (mine.includes(unitId) ? unitId : -1) : { in: mine }
  const rows = await deps.prisma.schedule.findMany({
    where: { deletedAt: null, ...(unitFilter !== undefined ? { unitId: unitFilter } : {}) },
    include: scheduleInclude,
    orderBy: [{ unitId: 'asc' }, { weekday: 'asc' }, { startTime: 'asc' }],
  })
  const now = new Date()
  return rows.map((r) => present(r, now))
}

/** Deletes a schedule; its future activities are cancelled (sign-ups are told), past ones stay. */
export async function deleteSchedule(deps: Deps, user: SessionUser, id: number): Promise<{ cancelled: number }> {
  const s = await deps.prisma.schedule.findFirst({ where: { id, deletedAt: null } })
  if (!s || !canManage(user, { unitId: s.unitId })) throw new AppError('schedule_not_found')
  return withTx(deps.prisma, async (tx) => {
    const { count: gone } = await tx.schedule.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date() } })
    if (gone === 0) throw new AppError('schedule_not_found')
    const future = await tx.activity.findMany({
      where: { scheduleId: id, status: 'published', startAt: { gt: new Date() } },
      select: { id: true, title: true, startAt: true, signups: { where: { status: { not: 'cancelled' } }, select: { userId: true } } },
    })
    const reason = '周上街安排已撤销'
    await tx.activity.updateMany({ where: { id: { in: future.map((a) => a.id) } }, data: { status: 'cancelled', cancelReason: reason } })
    await tx.notice.createMany({
      data: future.flatMap((a) => a.signups.map((p) => activityNotice('activity_cancelled', p.userId, a, reason))),
    })
    return { cancelled: future.length }
  })
}

