import { chinaDate, chinaDayStart, chinaToday, formatChina } from '@civic/shared'
import type { Option } from '../../../components/OptionPicker'

const DAY = 86_400_000
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** The China date `days` after today's (noon, so no day is skipped or repeated). */
export function chinaDateIn(days: number, now = Date.now()): string {
  return chinaDate(chinaDayStart(chinaToday(now)).getTime() + days * DAY + DAY / 2)
}

/** 「11月24日 周一（3 天后）」 */
export function deadlineLabel(date: string, now = Date.now()): string {
  const start = chinaDayStart(date)
  const n = Math.round((start.getTime() - chinaDayStart(chinaToday(now)).getTime()) / DAY)
  const when = n === 0 ? '今天' : n > 0 ? `${n} 天后` : `${-n} 天前`
  return `${formatChina(start, 'M月D日')} ${WEEKDAYS[Number(formatChina(start, 'd'))]}（${when}）`
}

/** Deadlines from today to `days` ahead, plus `current` when it lies elsewhere. */
export function deadlineOptions(current: string | null, days = 60, now = Date.now()): Option<string>[] {
  const dates = Array.from({ length: days + 1 }, (_, i) => chinaDateIn(i, now))
  if (current && !dates.includes(current)) dates.unshift(current)
  return dates.map((d) => ({ value: d, label: deadlineLabel(d, now) }))
}
