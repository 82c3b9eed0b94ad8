import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { Activity } from '@civic/shared'
import { activityTime, distanceText, mySignupText, placesText } from '../../utils/activity'
import './index.css'

interface Props {
  activity: Activity
  onClick: (a: Activity) => void
}

/** One activity in a list: title, type, China time, place, places left, and my sign-up. */
export default function ActivityCard({ activity: a, onClick }: Props) {
  const mine = mySignupText(a)
  const distance = distanceText(a.distanceM)
  const full = a.status !== 'cancelled' && a.remaining === 0
  return (
    <View className="activity-card" onClick={() => onClick(a)}>
      <View className="activity-card-head">
        <View className="activity-card-title">{a.title}</View>
        <Tag className="chip" round background="#fff1f0" color="#c8102e">
          {a.type.name}
        </Tag>
      </View>
      <View className="activity-card-line">{activityTime(a)}</View>
      <View className="activity-card-line">
        {`${a.community.name} · ${a.address}`}
        {distance ? ` · 距你 ${distance}` : ''}
      </View>
      <View className="activity-card-foot">
        <View className={a.status === 'cancelled' || full ? 'activity-card-places activity-card-places--out' : 'activity-card-places'}>
          {placesText(a)}
        </View>
        {mine ? (
          <Tag className="chip activity-card-mine" round background="#c8102e" color="#ffffff">
            {mine}
          </Tag>
        ) : null}
      </View>
    </View>
  )
}
