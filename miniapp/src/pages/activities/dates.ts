/** The 日期 filter's choices, as inclusive China dates for `from`/`to`. */
import { chinaDate, chinaDayStart, chinaWeekMonday } from '@civic/shared'

const DAY = 86_400_000
/** China has no summer time: a China date plus n days is n × 24 h later. */
const plusDays = (date: string, days: number) => chinaDate(chinaDayStart(date).getTime() + days * DAY)

export type DateRangeKey = 'today' | 'tomorrow' | 'this_week' | 'next_week' | 'next_30_days'

export const DATE_RANGE_OPTIONS: ReadonlyArray<{ value: DateRangeKey; label: string }> = [
  { value: 'today', label: '今天' },
  { value: 'tomorrow', label: '明天' },
  { value: 'this_week', label: '本周' },
  { value: 'next_week', label: '下周' },
  { value: 'next_30_days', label: '30 天内' },
]

export function dateRange(key: DateRangeKey, now = new Date()): { from: string; to: string } {
  const today = chinaDate(now)
  const monday = chinaWeekMonday(now)
  switch (key) {
    case 'today':
      return { from: today, to: today }
    case 'tomorrow':
      return { from: plusDays(today, 1), to: plusDays(today, 1) }
    case 'this_week':
      return { from: today, to: plusDays(monday, 6) }
    case 'next_week':
      return { from: plusDays(monday, 7), to: plusDays(monday, 13) }
    case 'next_30_days':
      return { from: today, to: plusDays(today, 29) }
  }
}
