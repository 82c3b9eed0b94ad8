import { View } from '@tarojs/components'
import type { RectificationStats } from '@civic/shared'
import ExportButton from './ExportButton'
import { count, percent } from './format'
import type { Period } from './period'
import SectionState from './SectionState'
import { getRectification } from './service'
import { useStats } from './useStats'

/**
 * 随手拍整改: per responsible unit, the reports assigned in the period — on time, overdue (red),
 * still open — and the on-time rate; most overdue first. Units with nothing assigned are left out.
 */
export default function RectificationSection({ period }: { period: Period }) {
  const stats = useStats<RectificationStats>(`${period.from}|${period.to}`, () => getRectification(period))
  const rows = (stats.data?.items ?? [])
    .filter((r) => r.assigned > 0)
    .sort((a, b) => b.overdue - a.overdue || b.assigned - a.assigned || a.unit.name.localeCompare(b.unit.name, 'zh-CN'))
  const overdue = rows.reduce((n, r) => n + r.overdue, 0)
  return (
    <View className="dash-card dash-rectification">
      <View className="dash-card-head">
        <View className="dash-card-title">随手拍整改</View>
        <ExportButton spec={{ kind: 'rectification', period }} />
      </View>
      <SectionState stats={stats} hasData={!!stats.data} isEmpty={rows.length === 0} emptyText="本时段没有交办给单位的问题">
        <View className={overdue > 0 ? 'dash-missed' : 'dash-missed dash-missed--ok'}>
          {overdue > 0 ? `超期未按时整改 ${overdue} 件` : '没有超期的整改'}
        </View>
        <View className="dash-table">
          <View className="dash-tr">
            <View className="dash-th dash-col-name">责任单位</View>
            {['交办', '按期', '超期', '未整改', '按期率'].map((h) => (
              <View key={h} className="dash-th dash-num">
                {h}
              </View>
            ))}
          </View>
          {rows.map((r) => (
            <View key={r.unit.id} className={r.overdue > 0 ? 'dash-tr dash-rect-row dash-rect-row--overdue' : 'dash-tr dash-rect-row'}>
              <View className="dash-td dash-col-name">{r.unit.name}</View>
              <View className="dash-td dash-num">{count(r.assigned)}</View>
              <View className="dash-td dash-num">{count(r.rectifiedOnTime)}</View>
              <View className="dash-td dash-num dash-rect-overdue">{count(r.overdue)}</View>
              <View className="dash-td dash-num">{count(r.open)}</View>
              <View className="dash-td dash-num">{percent(r.onTimeRate)}</View>
            </View>
          ))}
        </View>
      </SectionState>
    </View>
  )
}
