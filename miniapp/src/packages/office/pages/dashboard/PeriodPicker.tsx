import { View } from '@tarojs/components'
import { Calendar } from '@nutui/nutui-react-taro'
import { chinaToday } from '@civic/shared'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { PERIOD_KINDS, PERIOD_LABELS, calendarDate, describePeriod, periodProblem, presetPeriod, type Period, type PeriodKind } from './period'

interface Props {
  kind: PeriodKind
  period: Period
  onChange: (kind: PeriodKind, period: Period) => void
}

/** NutUI answers a range as [[y, m, d, 'YYYY/MM/DD', weekday], [...]]. */
function rangeOf(param: unknown): Period | null {
  if (!Array.isArray(param) || param.length !== 2) return null
  const [a, b] = param as unknown[]
  const date = (x: unknown) => (Array.isArray(x) ? String(x[3]) : String(x))
  return { from: calendarDate(date(a)), to: calendarDate(date(b)) }
}

/** 本周 · 本月 · 本年 · 自定义 (a range picked on a calendar), all in China dates. */
export default function PeriodPicker({ kind, period, onChange }: Props) {
  const [picking, setPicking] = useState(false)
  const today = chinaToday()
  const pick = (k: PeriodKind) => {
    if (k === 'custom') setPicking(true)
    else onChange(k, presetPeriod(k))
  }
  const confirm = (param: unknown) => {
    setPicking(false)
    const p = rangeOf(param)
    if (!p) return
    const problem = periodProblem(p)
    if (problem) void Taro.showToast({ title: problem, icon: 'none', duration: 2500 })
    else onChange('custom', p)
  }
  return (
    <View className="dash-period">
      <View className="dash-chips">
        {PERIOD_KINDS.map((k) => (
          <View key={k} className={`dash-chip dash-period-${k}${k === kind ? ' dash-chip--on' : ''}`} onClick={() => pick(k)}>
            {PERIOD_LABELS[k]}
          </View>
        ))}
      </View>
      <View className="dash-period-range">{describePeriod(period)}</View>
      {picking ? (
        <Calendar
          visible
          type="range"
          title="选择统计时段"
          startDate={`${Number(today.slice(0, 4)) - 2}-01-01`}
          endDate={today}
          defaultValue={[period.from, period.to]}
          startText="开始"
          endText="结束"
          confirmText="确定"
          firstDayOfWeek={1}
          onClose={() => setPicking(false)}
          onConfirm={confirm as (param: string) => void}
        />
      ) : null}
    </View>
  )
}
