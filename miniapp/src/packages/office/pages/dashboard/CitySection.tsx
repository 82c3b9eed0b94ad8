import { View } from '@tarojs/components'
import type { City } from '@civic/shared'
import { count, hours, percent } from './format'
import SectionState from './SectionState'
import type { Stats } from './useStats'

/** 全市概况: registered volunteers, how many served, hours per capita (测评 target 25 h a year). */
export default function CitySection({ stats }: { stats: Stats<City> }) {
  const c = stats.data
  const figures = c
    ? [
        { key: 'registered', label: '注册志愿者', value: count(c.registeredVolunteers), unit: '人' },
        { key: 'served', label: '参与服务', value: count(c.volunteersServed), unit: '人' },
        { key: 'share', label: '服务率', value: percent(c.shareServed), unit: '' },
        { key: 'hours', label: '志愿服务时长', value: hours(c.volunteerHours), unit: '小时' },
        { key: 'duty', label: '上街时长', value: hours(c.dutyHours), unit: '小时' },
        { key: 'perCapita', label: '人均服务时长', value: hours(c.hoursPerCapita), unit: '小时' },
      ]
    : []
  return (
    <View className="dash-card dash-city">
      <View className="dash-card-head">
        <View className="dash-card-title">全市概况</View>
      </View>
      <SectionState stats={stats} hasData={!!c}>
        <View className="dash-figures">
          {figures.map((f) => (
            <View key={f.key} className={`dash-figure dash-figure--${f.key}`}>
              <View className="dash-figure-value">
                {f.value}
                {f.unit && f.value !== '—' ? <View className="dash-figure-unit">{f.unit}</View> : null}
              </View>
              <View className="dash-figure-label">{f.label}</View>
            </View>
          ))}
        </View>
        <View className="dash-note">人均服务时长 = 志愿服务时长 ÷ 注册志愿者（测评参考：每年 25 小时）。</View>
      </SectionState>
    </View>
  )
}
