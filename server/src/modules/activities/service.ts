/** Publishing, editing, cancelling, browsing activities, and their rosters. */
import {
  type Activity,
  type ActivityBody,
  type ActivityPatch,
  type ActivityQuery,
  type MySignup,
  type Roster,
  chinaDateRange,
  distanceMetres,
  maskPhone,
} from '@civic/shared'
import type { z } from 'zod'
import type { Prisma } from '../../generated/prisma/client'
import { type SessionUser, canManage } from '../../auth/roles'
import { withTx } from '../../db/tx'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { randomKey } from '../../lib/crypto'
import { activityNotice } from './notices'
import { type ActivityRow, activityInclude, presentActivity } from './presenter'
import { lockActivity, promoteWaitlisted, waitlistPosition } from './signups'

const owner = (a: { organiserUnitId: number | null; organiserCommunityId: number | null }) => ({
  unitId: a.organiserUnitId,
  communityId: a.organiserCommunityId,
})

async function requireActiveType(deps: Deps, typeId: number) {
  const type = await deps.prisma.activityType.findUnique({ where: { id: typeId }, select: { active: true } })
  if (!type) throw new AppError('activity_type_not_found')
  if (!type.active) throw new AppError('activity_type_inactive')
}

async function requireCommunity(deps: Deps, id: number) {
  if (!(await deps.prisma.community.findUnique({ where: { id }, select: { id: true } }))) {
    throw new AppError('community_not_found')
  }
}

export async function createActivity(deps: Deps, user: SessionUser, body: z.output<typeof ActivityBody>): Promise<Activity> {
  if (!canManage(user, { unitId: body.organiserUnitId, communityId: body.organiserCommunityId })) {
    throw new AppError('forbidden', '只能以你所在的单位或社区名义发布活动')
  }
  if (body.endAt <= new Date()) throw new AppError('activity_in_past')
  if (body.audience === 'unit_staff' && !body.organiserUnitId) {
    throw new AppError('validation_failed', '只有单位主办的活动才能限定为本单位职工参加')
  }
  await requireActiveType(deps, body.typeId)
  await requireCommunity(deps, body.communityId)
  if (body.organiserUnitId && !(await deps.prisma.unit.findUnique({ where: { id: body.organiserUnitId } }))) {
    throw new AppError('unit_not_found')
  }
  const created = await deps.prisma.activity.create({
    data: {
      shortKey: randomKey(10),
      title: body.title,
      typeId: body.typeId,
      description: body.description ?? '',
      organiserUnitId: body.organiserUnitId ?? null,
      organiserCommunityId: body.organiserCommunityId ?? null,
      communityId: body.communityId,
      address: body.address,
      latitude: body.latitude,
      longitude: body.longitude,
      radiusM: body.radiusM,
      startAt: body.startAt,
      endAt: body.endAt,
      capacity: body.capacity,
      signupDeadline: body.signupDeadline,
      allowWalkIn: body.allowWalkIn,
      waitlistEnabled: body.waitlistEnabled,
      audience: body.audience,
      createdById: user.id,
    },
    include: activityInclude,
  })
  return presentActivity(created, { confirmedCount: 0, waitlistCount: 0, mySignup: null, canManage: true })
}

export async function updateActivity(
  deps: Deps,
  user: SessionUser,
  id: number,
  patch: z.output<typeof ActivityPatch>,
): Promise<Activity> {
  const current = await deps.prisma.activity.findUnique({ where: { id } })
  if (!current) throw new AppError('activity_not_found')
  if (!canManage(user, owner(current))) throw new AppError('forbidden')
  if (patch.audience === 'unit_staff' && !current.organiserUnitId) {
    throw new AppError('validation_failed', '只有单位主办的活动才能限定为本单位职工参加')
  }
  if (patch.typeId != null) await requireActiveType(deps, patch.typeId)
  if (patch.communityId != null) await requireCommunity(deps, patch.communityId)

  await withTx(deps.prisma, async (tx) => {
    const locked = await lockActivity(tx, id)
    if (locked.status === 'cancelled') throw new AppError('activity_cancelled')
    if (locked.end_at <= new Date()) throw new AppError('activity_ended')
    const startAt = patch.startAt ?? locked.start_at
    const endAt = patch.endAt ?? locked.end_at
    const deadline = patch.signupDeadline ?? locked.signup_deadline
    if (endAt <= startAt) throw new AppError('validation_failed', '结束时间必须晚于开始时间')
    if (deadline > endAt) throw new AppError('validation_failed', '报名截止时间不能晚于结束时间')
    if (patch.capacity != null && patch.capacity < locked.capacity) {
      const confirmed = await tx.signup.count({ where: { activityId: id, status: 'confirmed' } })
      if (patch.capacity < confirmed) {
        throw new AppError('capacity_below_confirmed', `已有 ${confirmed} 人报名，名额不能少于 ${confirmed}`, { confirmed })
      }
    }
    const updated = await tx.activity.update({ where: { id }, data: { ...patch, description: patch.description === undefined ? undefined : (patch.description ?? '') } })
    if (updated.capacity > locked.capacity) {
      await promoteWaitlisted(tx, { id, title: updated.title, capacity: updated.capacity, start_at: updated.startAt, end_at: updated.endAt })
    }
    const moved =
      updated.startAt.getTime() !== locked.start_at.getTime() ||
      updated.endAt.getTime() !== locked.end_at.getTime() ||
      (patch.address != null && patch.address !== current.address)
    if (moved) {
      const people = await tx.signup.findMany({ where: { activityId: id, status: { not: 'cancelled' } }, select: { userId: true } })
      await tx.notice.createMany({ data: people.map((p) => activityNotice('activity_changed', p.userId, updated)) })
    }
  })
  return getActivity(deps, user, id)
}

export async function cancelActivity(deps: Deps, user: SessionUser, id: number, reason: string): Promise<Activity> {
  const current = await deps.prisma.activity.findUnique({ where: { id } })
  if (!current) throw new AppError('activity_not_found')
  if (!canManage(user, owner(current))) throw new AppError('forbidden')
  await withTx(deps.prisma, async (tx) => {
    const locked = await lockActivity(tx, id)
    if (locked.status === 'cancelled') throw new AppError('activity_cancelled')
    if (locked.end_at <= new Date()) throw new AppError('activity_ended', '活动已结束，不能取消')
    const people = await tx.signup.findMany({ where: { activityId: id, status: { not: 'cancelled' } }, select: { userId: true } })
    await tx.activity.update({ where: { id }, data: { status: 'cancelled', cancelReason: reason } })
    await tx.notice.createMany({ data: people.map((p) => activityNotice('activity_cancelled', p.userId, current, reason)) })
  })
  return getActivity(deps, user, id)
}

/** Counts and the caller's own sign-up for a page of activities, in three queries. */
async function extrasFor(deps: Deps, user: SessionUser, ids: number[]) {
  const [counts, mine] = await Promise.all([
    deps.prisma.signup.groupBy({
      by: ['activityId', 'status'],
      where: { activityId: { in: ids }, status: { in: ['confirmed', 'waitlisted'] } },
      _count: { _all: true },
    }),
    deps.prisma.signup.findMany({ where: { activityId: { in: ids }, userId: user.id } }),
  ])
  const countOf = (id: number, status: 'confirmed' | 'waitlisted') =>
    counts.find((c) => c.activityId === id && c.status === status)?._count._all ?? 0
  const mySignups = new Map<number, MySignup>()
  for (const s of mine) {
    const position = s.status === 'waitlisted' && s.queueSeq != null ? await waitlistPosition(deps.prisma, s.activityId, s.queueSeq) : null
    mySignups.set(s.activityId, { status: s.status, position })
  }
  return (id: number) => ({
    confirmedCount: countOf(id, 'confirmed'),
    waitlistCount: countOf(id, 'waitlisted'),
    mySignup: mySignups.get(id) ?? null,
  })
}

async function presentOne(deps: Deps, user: SessionUser, a: ActivityRow | null): Promise<Activity> {
  if (!a) throw new AppError('activity_not_found')
  const extras = await extrasFor(deps, user, [a.id])
  return presentActivity(a, { ...extras(a.id), canManage: canManage(user, owner(a)) })
}

export async function getActivity(deps: Deps, user: SessionUser, id: number): Promise<Activity> {
  return presentOne(deps, user, await deps.prisma.activity.findUnique({ where: { id }, include: activityInclude }))
}

/** The activity a printed check-in code names by its short key (the code's `scene`). */
export async function getActivityByKey(deps: Deps, user: SessionUser, key: string): Promise<Activity> {
  return presentOne(deps, user, await deps.prisma.activity.findUnique({ where: { shortKey: key }, include: activityInclude }))
}

const NEAR_CANDIDATES = 1000

export async function listActivities(deps: Deps, user: SessionUser, q: z.output<typeof ActivityQuery>) {
  const now = new Date()
  const where: Prisma.ActivityWhereInput = {}
  if (q.status === 'upcoming') Object.assign(where, { status: 'published', endAt: { gte: now } })
  if (q.status === 'past') Object.assign(where, { status: { not: 'cancelled' }, endAt: { lt: now } })
  if (q.status === 'cancelled') where.status = 'cancelled'
  if (q.communityId) where.communityId = q.communityId
  if (q.typeId) where.typeId = q.typeId
  if (q.from || q.to) {
    where.startAt = {
      ...(q.from ? { gte: chinaDateRange(q.from, q.from).start } : {}),
      ...(q.to ? { lt: chinaDateRange(q.to, q.to).end } : {}),
    }
  }
  if (q.mine === 'organised' && !user.isOffice) {
    where.OR = [{ organiserUnitId: { in: user.organiserUnitIds } }, { organiserCommunityId: { in: user.organiserCommunityIds } }]
  }
  if (q.mine === 'signed_up') where.signups = { some: { userId: user.id, status: { in: ['confirmed', 'waitlisted'] } } }

  const orderBy: Prisma.ActivityOrderByWithRelationInput[] =
    q.status === 'upcoming' ? [{ startAt: 'asc' }, { id: 'asc' }] : [{ startAt: 'desc' }, { id: 'desc' }]
  let rows: ActivityRow[]
  let total: number
  const distances = new Map<number, number>()
  if (q.near) {
    const candidates = await deps.prisma.activity.findMany({ where, include: activityInclude, orderBy, take: NEAR_CANDIDATES })
    for (const a of candidates) distances.set(a.id, Math.round(distanceMetres(q.near, { lat: a.latitude, lng: a.longitude })))
    candidates.sort((x, y) => distances.get(x.id)! - distances.get(y.id)! || x.startAt.getTime() - y.startAt.getTime())
    total = candidates.length
    rows = candidates.slice((q.page - 1) * q.pageSize, q.page * q.pageSize)
  } else {
    ;[rows, total] = await Promise.all([
      deps.prisma.activity.findMany({ where, include: activityInclude, orderBy, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      deps.prisma.activity.count({ where }),
    ])
  }
  const extras = await extrasFor(deps, user, rows.map((a) => a.id))
  return {
    items: rows.map((a) =>
      presentActivity(a, { ...extras(a.id), canManage: canManage(user, owner(a)), distanceM: distances.get(a.id) ?? null }),
    ),
    total,
  }
}

export async function roster(deps: Deps, user: SessionUser, id: number): Promise<Roster> {
  const a = await deps.prisma.activity.findUnique({ where: { id }, select: { organiserUnitId: true, organiserCommunityId: true } })
  if (!a) throw new AppError('activity_not_found')
  if (!canManage(user, owner(a))) throw new AppError('forbidden')
  const signups = await deps.prisma.signup.findMany({
    where: { activityId: id },
    include: {
      user: {
        select: {
          id: true,
          realName: true,
          phoneEnc: true,
          community: { select: { id: true, name: true } },
          unit: { select: { id: true, name: true } },
        },
      },
    },
    orderBy: [{ queueSeq: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  })
  const entry = (s: (typeof signups)[number], position: number | null) => ({
    userId: s.user.id,
    name: s.user.realName,
    phone: maskPhone(s.user.phoneEnc ? deps.cipher.decrypt(s.user.phoneEnc) : null),
    community: s.user.community,
    unit: s.user.unit,
    signedUpAt: s.createdAt.toISOString(),
    position,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
  })
  return {
    confirmed: signups.filter((s) => s.status === 'confirmed').map((s) => entry(s, null)),
    waitlist: signups.filter((s) => s.status === 'waitlisted').map((s, i) => entry(s, i + 1)),
    cancelled: signups.filter((s) => s.status === 'cancelled').map((s) => entry(s, null)),
  }
}
