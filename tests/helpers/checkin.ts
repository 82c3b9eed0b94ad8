/** Tokens and running activities for check-in tests. */
import type { CheckinMode } from '@civic/shared'
import type { PrismaClient } from '../../server/src/generated/prisma/client'
import { checkinKey, signCheckin } from '../../server/src/modules/attendance/token'
import type { TestApp } from './app'
import { makeActivity } from './activities'

export const SITE = { latitude: 34.26, longitude: 108.94 }

export function tokenFor(t: TestApp, activityId: number, mode: CheckinMode, ttlS = 30): string {
  return signCheckin(checkinKey(t.deps.config.sessionSecret), activityId, mode, new Date(Date.now() + ttlS * 1000))
}

/** An activity that started `startedHoursAgo` hours ago and lasts `durationHours`. */
export function runningActivity(prisma: PrismaClient, startedHoursAgo = 2, durationHours = 3, extra: Parameters<typeof makeActivity>[1] = {}) {
  return makeActivity(prisma, {
    startInHours: -startedHoursAgo,
    durationHours,
    deadlineInHours: -startedHoursAgo - 1,
    capacity: 5000,
    ...extra,
  })
}

/** Confirmed sign-ups for people, without going through the API. */
export async function confirm(prisma: PrismaClient, activityId: number, userIds: number[]) {
  await prisma.signup.createMany({ data: userIds.map((userId) => ({ activityId, userId, status: 'confirmed' as const })) })
}

/** The ledger's sum per person equals what each person's balance reports. */
export async function ledgerConsistent(prisma: PrismaClient): Promise<boolean> {
  const rows = await prisma.$queryRaw<Array<{ bad: number }>>`
    SELECT count(*)::int AS bad FROM attendance t
    WHERE t.credited_points <> COALESCE((SELECT SUM(p.amount) FROM points_entry p
                                         WHERE p.source_type = 'attendance' AND p.source_id = t.id::text), 0)`
  return rows[0].bad === 0
}
