/**
 * Domain rules shared by the server (which decides) and the mini-program (which shows
 * the same numbers before asking).
 */

export interface PointsRule {
  /** points per credited hour, e.g. 10 (昆山), 1 (海林), 0.5 (黄岩: 2 h = 1 point) */
  pointsPerHour: number
  /** hours credited per activity at most (海林: 2); null = no cap */
  maxHoursPerActivity: number | null
  /** points per person per China day at most; null = no cap */
  maxPointsPerDay: number | null
}

export const DEFAULT_POINTS_RULE: PointsRule = {
  pointsPerHour: 10,
  maxHoursPerActivity: 4,
  maxPointsPerDay: 80,
}

export const DEFAULT_HOURS_STEP = 0.5

const HOUR_MS = 3_600_000

/**
 * Service hours: actual service time excluding travel and early arrival,
 * `min(checkout, end) - max(checkin, start)`, floored to `step` hours, capped at `cap`.
 * Never negative. A missing check-out earns nothing (an organiser must close it).
 */
export function serviceHours(args: {
  checkIn: Date | null
  checkOut: Date | null
  start: Date
  end: Date
  step?: number
  cap?: number | null
}): number {
  const { checkIn, checkOut, start, end } = args
  const step = args.step ?? DEFAULT_HOURS_STEP
  if (!checkIn || !checkOut) return 0
  if (!(step > 0)) throw new RangeError('step must be positive')
  const from = Math.max(checkIn.getTime(), start.getTime())
  const to = Math.min(checkOut.getTime(), end.getTime())
  if (to <= from) return 0
  // work in integer steps to avoid float drift (0.1 + 0.2)
  const steps = Math.floor((to - from) / (step * HOUR_MS) + 1e-9)
  let hours = round2(steps * step)
  if (args.cap != null) hours = Math.min(hours, args.cap)
  return hours
}

/** Points for credited hours under a rule, floored to whole points. */
export function pointsForHours(hours: number, rule: Pick<PointsRule, 'pointsPerHour'>): number {
  if (hours <= 0) return 0
  return Math.floor(round2(hours * rule.pointsPerHour) + 1e-9)
}

/** Limits an award by what is left of the day's cap (`alreadyToday` points already earned that day). */
export function capDailyPoints(points: number, alreadyToday: number, maxPointsPerDay: number | null): number {
  if (maxPointsPerDay == null) return Math.max(0, points)
  return Math.max(0, Math.min(points, maxPointsPerDay - alreadyToday))
}

/** 团中央《中国注册志愿者管理办法》 thresholds (hours): 一星 … 五星. Configurable. */
export const DEFAULT_STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const

export interface StarProgress {
  /** 0 = none yet, 1..5 */
  level: number
  hours: number
  /** hours needed for the next level, null at the top */
  nextThreshold: number | null
  /** 0..1 towards the next level (1 at the top) */
  progress: number
}

export function starLevel(hours: number, thresholds: readonly number[] = DEFAULT_STAR_THRESHOLDS): StarProgress {
  const sorted = [...thresholds].sort((a, b) => a - b)
  let level = 0
  for (const t of sorted) if (hours >= t) level += 1
  const nextThreshold = level < sorted.length ? sorted[level] : null
  const prev = level === 0 ? 0 : sorted[level - 1]
  const progress = nextThreshold == null ? 1 : Math.max(0, Math.min(1, (hours - prev) / (nextThreshold - prev)))
  // floored, not rounded: 299 h of 300 must not show as 100 %
  return { level, hours, nextThreshold, progress: Math.floor(progress * 100 + 1e-9) / 100 }
}

export const STAR_NAMES = ['未定级', '一星志愿者', '二星志愿者', '三星志愿者', '四星志愿者', '五星志愿者'] as const

export function round2(n: number): number {
  return Math.round(n * 100) / 100
}

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)))
}
