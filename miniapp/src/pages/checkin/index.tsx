import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import type { Activity } from '@civic/shared'
import PageLoading from '../../components/PageLoading'
import { useRemote } from '../../hooks/useRemote'
import { ApiError } from '../../services/api'
import { ROUTES } from '../../services/routes'
import { activityTime } from '../../utils/activity'
import { checkinByKey, queryValue } from '../../utils/checkin'
import { errorMessage } from '../../utils/feedback'
import { getActivityByKey } from './activity'
import './index.css'

/** The key from a printed mini-program code (`scene`), or a `key` query in H5 and tests. */
function activityKey(params: Record<string, string | undefined>): string {
  return queryValue(params.scene) || queryValue(params.key)
}

function BackToActivities() {
  return (
    <View className="actions">
      <Button fill="outline" block onClick={() => void Taro.switchTab({ url: ROUTES.activities })}>
        返回活动
      </Button>
    </View>
  )
}

function Unusable({ title, hint }: { title: string; hint: string }) {
  return (
    <View className="page checkin-page">
      <View className="checkin-title">{title}</View>
      <View className="hint">{hint}</View>
      <BackToActivities />
    </View>
  )
}

/** Title, time and place of the activity, or why they could not be read (check-in still works). */
function ActivityHead({ remote }: { remote: { data?: Activity; error: unknown; reload: () => Promise<void> } }) {
  const a = remote.data
  if (a) {
    return (
      <View className="checkin-activity">
        <View className="checkin-title">{a.title}</View>
        <View className="checkin-line">{activityTime(a)}</View>
        <View className="checkin-line">{`${a.community.name} · ${a.address}`}</View>
      </View>
    )
  }
  if (remote.error) {
    return (
      <View className="checkin-activity">
        <View className="checkin-title">活动现场签到</View>
        <View className="checkin-line checkin-load-error">{`活动信息加载失败：${errorMessage(remote.error)}`}</View>
        <View className="checkin-link" onClick={() => void remote.reload()}>
          重新加载
        </View>
      </View>
    )
  }
  return <PageLoading rows={2} />
}

/**
 * The page a printed 小程序码 opens (the server's wxacode points here with `scene` = the activity's
 * key): the activity's title, then 签到 / 签退 with the current location; the result page shows
 * the outcome.
 */
export default function CheckinPage() {
  const { params } = useRouter()
  const key = activityKey(params)
  const remote = useRemote<Activity | undefined>(async () => (key ? getActivityByKey(key) : undefined), [key])

  if (!key) return <Unusable title="没有识别到活动" hint="请重新扫描活动现场张贴的小程序码。" />
  if (remote.error instanceof ApiError && remote.error.code === 'activity_not_found') {
    return <Unusable title="没有找到这个活动" hint="小程序码对应的活动不存在，请向活动组织者确认。" />
  }
  if (remote.data?.status === 'cancelled') {
    return <Unusable title={remote.data.title} hint={`活动已取消${remote.data.cancelReason ? `：${remote.data.cancelReason}` : ''}，无需签到。`} />
  }
  return (
    <View className="page checkin-page">
      <ActivityHead remote={remote} />
      <View className="hint">签到和签退需要获取你的位置：扫码后仍需在活动现场的定位范围内操作。</View>
      <View className="actions">
        <Button className="checkin-in" type="primary" block onClick={() => checkinByKey(key, 'in')}>
          签到
        </Button>
        <Button className="checkin-out" type="primary" fill="outline" block onClick={() => checkinByKey(key, 'out')}>
          签退
        </Button>
      </View>
      <BackToActivities />
    </View>
  )
}
