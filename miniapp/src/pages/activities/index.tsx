import { View } from '@tarojs/components'
import EmptyState from '../../components/EmptyState'

/** Placeholder until the activities issue: sign-up, check-in and hours arrive there. */
export default function ActivitiesPage() {
  return (
    <View className="page">
      <EmptyState title="活动报名功能即将上线" description="届时可在这里查看附近的志愿服务活动、报名和扫码签到。" />
    </View>
  )
}
