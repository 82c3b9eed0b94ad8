import { View } from '@tarojs/components'
import type { WeeklyRow } from '@civic/shared'
import type { ReactNode } from 'react'
import SectionState from './SectionState'
import TrendChart from './TrendChart'
import type { Stats } from './useStats'

/** 每周趋势: the chart, or a word when the period has no week with any service. */
export default function TrendSection({ stats, rows, head }: { stats: Stats<unknown>; rows: readonly WeeklyRow[] | undefined; head?: ReactNode }) {
  const quiet = !!rows && rows.every((r) => r.attendances === 0)
  return (
    <View className="dash-card dash-trend">
      <View className="dash-card-head">
        <View className="dash-card-title">每周趋势</View>
      </View>
      {head}
      <SectionState stats={stats} hasData={!!rows} isEmpty={!rows || rows.length === 0 || quiet} emptyText="本时段还没有服务记录">
        {rows ? <TrendChart rows={rows} /> : null}
      </SectionState>
    </View>
  )
}
