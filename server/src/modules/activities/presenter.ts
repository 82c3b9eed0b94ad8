import type { Activity, ActivityType, MySignup } from '@civic/shared'

export const activityInclude = {
  type: { select: { id: true, name: true, duty: true } },
  organiserUnit: { select: { id: true, name: true } },
  organiserCommunity: { select: { id: true, name: true } },
  community: { select: { id: true, name: true } },
}

export interface ActivityRow {
  id: number
  shortKey: string
  title: string
  description: string
  address: string
  latitude: number
  longitude: number
  radiusM: number
  startAt: Date
  endAt: Date
  capacity: number
  signupDeadline: Date
  allowWalkIn: boolean
  waitlistEnabled: boolean
  audience: Activity['audience']
  status: Activity['status']
  cancelReason: string | null
  requiredHeadcount: number | null
  scheduleId: number | null
  organiserUnitId: number | null
  organiserCommunityId: number | null
  type: { id: number; name: string; duty: boolean }
  organiserUnit: { id: number; name: string } | null
  organiserCommunity: { id: number; name: string } | null
  community: { id: number; name: string }
}

export interface ActivityExtras {
  confirmedCount: number
  waitlistCount: number
  mySignup: MySignup | null
  canManage: boolean
  distanceM?: number | null
}

export function presentActivity(a: ActivityRow, x: ActivityExtras): Activity {
  return {
    id: a.id,
    shortKey: a.shortKey,
    title: a.title,
    type: a.type,
    description: a.description,
    organiser: a.organiserUnit
      ? { kind: 'unit', id: a.organiserUnit.id, name: a.organiserUnit.name }
      : { kind: 'community', id: a.organiserCommunity!.id, name: a.organiserCommunity!.name },
    community: a.community,
    address: a.address,
    latitude: a.latitude,
    longitude: a.longitude,
    radiusM: a.radiusM,
    startAt: a.startAt.toISOString(),
    endAt: a.endAt.toISOString(),
    capacity: a.capacity,
    signupDeadline: a.signupDeadline.toISOString(),
    allowWalkIn: a.allowWalkIn,
    waitlistEnabled: a.waitlistEnabled,
    audience: a.audience,
    status: a.status,
    cancelReason: a.cancelReason,
    requiredHeadcount: a.requiredHeadcount,
    scheduleId: a.scheduleId,
    confirmedCount: x.confirmedCount,
    waitlistCount: x.waitlistCount,
    remaining: Math.max(0, a.capacity - x.confirmedCount),
    distanceM: x.distanceM ?? null,
    mySignup: x.mySignup,
    canManage: x.canManage,
  }
}

interface TypeRow {
  id: number
  name: string
  duty: boolean
  pointsPerHour: { toNumber(): number } | number
  maxHoursPerActivity: { toNumber(): number } | number | null
  maxPointsPerDay: number | null
  active: boolean
}

const num = (d: { toNumber(): number } | number) => (typeof d === 'number' ? d : d.toNumber())

export function presentType(t: TypeRow): ActivityType {
  return {
    id: t.id,
    name: t.name,
    duty: t.duty,
    pointsPerHour: num(t.pointsPerHour),
    maxHoursPerActivity: t.maxHoursPerActivity == null ? null : num(t.maxHoursPerActivity),
    maxPointsPerDay: t.maxPointsPerDay,
    active: t.active,
  }
}
