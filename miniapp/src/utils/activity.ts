/** How an activity reads in lists and on its page (China time throughout). */
import { chinaDate, formatChina, inChina, type Activity, type InstantInput } from '@civic/shared'

/** (Not WEEKDAY_LABELS: importing it would bring every activity schema into the main package.) */
const WEEKDAYS = '一二三四五六日'

/** 周一 … 周日 of an instant, in China. */
export function weekday(instant: InstantInput): string {
  return `周${WEEKDAYS[inChina(instant).isoWeekday() - 1]}`
}

/** 11月22日 周六 08:30–11:00 (the end date is spelt out when it differs). */
export function activityTime(a: Pick<Activity, 'startAt' | 'endAt'>): string {
  const start = `${formatChina(a.startAt, 'M月D日')} ${weekday(a.startAt)} ${formatChina(a.startAt, 'HH:mm')}`
  const sameDay = chinaDate(a.startAt) === chinaDate(a.endAt)
  return `${start}–${formatChina(a.endAt, sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`
}

/** 剩余 3 个名额 · 名额已满（候补 2 人）· 已取消 … */
export function placesText(a: Activity): string {
  if (a.status === 'cancelled') return '活动已取消'
  if (a.remaining > 0) return `剩余 ${a.remaining} 个名额（共 ${a.capacity}）`
  if (!a.waitlistEnabled) return '名额已满'
  return a.waitlistCount > 0 ? `名额已满 · 候补 ${a.waitlistCount} 人` : '名额已满 · 可报名候补'
}

/** The caller's own sign-up, as a short label; null when not signed up. */
export function mySignupText(a: Pick<Activity, 'mySignup'>): string | null {
  const s = a.mySignup
  if (s?.status === 'confirmed') return '已报名'
  if (s?.status === 'waitlisted') return `候补第${s.position ?? '?'}位`
  return null
}

export function distanceText(m: number | null): string | null {
  if (m == null) return null
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`
}
