import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { WEEKDAY_LABELS, formatChina, type Schedule } from '@civic/shared'

/** One weekly pattern and the dates it has generated from now on. */
export default function ScheduleCard({ schedule: s, onDelete }: { schedule: Schedule; onDelete: (s: Schedule) => void }) {
  const upcoming = s.upcoming.filter((a) => a.status !== 'cancelled')
  const dates = upcoming.map((a) => formatChina(a.startAt, 'M月D日')).join('、')
  return (
    <View className="schedule-card">
      <View className="schedule-title">{s.title}</View>
      <View className="schedule-line">{`每${WEEKDAY_LABELS[s.weekday]} ${s.startTime}–${s.endTime} · 提前 ${s.weeksAhead} 周生成`}</View>
      <View className="schedule-line">{`${s.community.name} · ${s.address}`}</View>
      <View className="schedule-line">{`应到 ${s.requiredHeadcount} 人 · 名额 ${s.capacity} 人`}</View>
      <View className="schedule-line">{dates ? `接下来：${dates}` : '暂无即将进行的活动'}</View>
      <View className="schedule-actions">
        <Button className="schedule-delete" size="small" type="danger" fill="outline" onClick={() => onDelete(s)}>
          删除
        </Button>
      </View>
    </View>
  )
}
