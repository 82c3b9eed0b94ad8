/** Activities and crowds of volunteers for sign-up tests. */
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '../../server/src/generated/prisma/client'
import { makeCommunity, makeUnit, makeUser } from './factories'

const HOUR = 3_600_000

export async function makeType(prisma: PrismaClient, data: { name?: string; duty?: boolean } = {}) {
  return prisma.activityType.create({
    data: { name: data.name ?? `类型${randomBytes(3).toString('hex')}`, duty: data.duty ?? false, pointsPerHour: 10, maxHoursPerActivity: 4 },
  })
}

export interface ActivitySpec {
  capacity?: number
  startInHours?: number
  durationHours?: number
  deadlineInHours?: number
  waitlistEnabled?: boolean
  allowWalkIn?: boolean
  audience?: 'everyone' | 'community_residents' | 'unit_staff'
  unitId?: number
  communityId?: number
  organiserCommunityId?: number
  createdById?: number
}

/** An activity (published, in the future unless told otherwise) with its own unit/community. */
export async function makeActivity(prisma: PrismaClient, spec: ActivitySpec = {}) {
  const community = spec.communityId ? { id: spec.communityId } : await makeCommunity(prisma)
  const unit = spec.unitId || spec.organiserCommunityId ? null : await makeUnit(prisma)
  const type = await makeType(prisma)
  const creator = spec.createdById ? { id: spec.createdById } : await makeUser(prisma)
  const start = new Date(Date.now() + (spec.startInHours ?? 48) * HOUR)
  const end = new Date(start.getTime() + (spec.durationHours ?? 2) * HOUR)
  const deadline = new Date(Date.now() + (spec.deadlineInHours ?? (spec.startInHours ?? 48) - 1) * HOUR)
  return prisma.activity.create({
    data: {
      shortKey: randomBytes(5).toString('hex'),
      title: `测试活动${randomBytes(2).toString('hex')}`,
      typeId: type.id,
      organiserUnitId: spec.organiserCommunityId ? null : (spec.unitId ?? unit!.id),
      organiserCommunityId: spec.organiserCommunityId ?? null,
      communityId: community.id,
      address: '人民路与解放路交叉口',
      latitude: 34.26,
      longitude: 108.94,
      radiusM: 300,
      startAt: start,
      endAt: end,
      capacity: spec.capacity ?? 10,
      signupDeadline: deadline < end ? deadline : end,
      allowWalkIn: spec.allowWalkIn ?? false,
      waitlistEnabled: spec.waitlistEnabled ?? true,
      audience: spec.audience ?? 'everyone',
      createdById: creator.id,
    },
  })
}

/** `n` volunteers with complete profiles, created in one statement. */
export async function makeVolunteers(prisma: PrismaClient, n: number, data: { communityId?: number; unitId?: number } = {}) {
  const tag = randomBytes(4).toString('hex')
  await prisma.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      openid: `crowd-${tag}-${i}`,
      realName: `志愿者${i}`,
      gender: 'female' as const,
      birthYear: 1995,
      communityId: data.communityId ?? null,
      unitId: data.unitId ?? null,
      profileCompletedAt: new Date(),
    })),
  })
  return prisma.user.findMany({ where: { openid: { startsWith: `crowd-${tag}-` } }, orderBy: { id: 'asc' } })
}
