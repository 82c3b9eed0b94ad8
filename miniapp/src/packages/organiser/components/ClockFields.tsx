/**
 * Date and time fields as bottom-sheet lists (OptionPicker): the same on WeChat and H5, and no
 * picker wheel (whose template would weigh on the main package's base.wxml).
 */
import { chinaDate, chinaDayStart, formatChina } from '@civic/shared'
import FieldError from '../../../components/FieldError'
import OptionPicker, { type Option } from '../../../components/OptionPicker'
import { weekday } from '../../../utils/activity'

const DAY = 86_400_000
const DATE_DAYS = 120

function dateLabel(date: string): string {
  const start = chinaDayStart(date)
  return `${formatChina(start, 'YYYY年M月D日')} ${weekday(start)}`
}

/** The next DATE_DAYS China dates from today, plus `current` when it lies elsewhere. */
export function dateOptions(current: string, now = new Date()): Option<string>[] {
  const dates = Array.from({ length: DATE_DAYS }, (_, i) => chinaDate(now.getTime() + i * DAY))
  if (current && !dates.includes(current)) dates.unshift(current)
  return dates.map((d) => ({ value: d, label: dateLabel(d) }))
}

/** Every half hour, plus `current` when it is not on the half hour. */
export function timeOptions(current: string): Option<string>[] {
  const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`)
  if (current && !times.includes(current)) times.push(current)
  return times.sort().map((t) => ({ value: t, label: t }))
}

interface Props {
  title: string
  value: string
  onChange: (v: string) => void
  error?: string
  className?: string
}

export function DateField({ title, value, onChange, error, className }: Props) {
  return (
    <>
      <OptionPicker className={className} title={title} options={dateOptions(value)} value={value || null} onChange={(v) => onChange(v ?? '')} />
      <FieldError message={error} />
    </>
  )
}

export function TimeField({ title, value, onChange, error, className }: Props) {
  return (
    <>
      <OptionPicker className={className} title={title} options={timeOptions(value)} value={value || null} onChange={(v) => onChange(v ?? '')} />
      <FieldError message={error} />
    </>
  )
}
