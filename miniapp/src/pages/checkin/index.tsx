import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import type { Activity } from '@civic/shared'
import PageLoading from '../../components/PageLoading'
import { useRemote, type Remote } from '../../hooks/useRemote'
import { ApiError } from '../../services/api'
import { ROUTES } from '../../services/routes'
import { activityTime } from '../../utils/activity'
import { checkinByKey, queryValue } from '../../utils/checkin'
import { errorMessage } from '../../utils/feedback'
import { getActivityByKey } from './activity'
import './index.css'

// (a main-package page: its texts are kept short, each CJK character costs 6 bytes in the bundle)
const RESCAN = '请重新扫描活动现场张贴的小程序码。'

/** The key from a printed mini-program code (`scene`), or a `key` query in H5 and tests. */
function activityKey(params: Record<string, string | undefined>): string {
  return queryValue(params.scene) || queryValue(params.key)
}

function Back() {
  return (
    <View className="actions">
      <Button fill="outline" block onClick={() => void Taro.switchTab({ url: ROUTES.activities })}>
        返回活动
      </Button>
    </View>
  )
}

/** No check-in here: no key, no such activity, or a cancelled one. */
function Unusable({ title, hint }: { title: string; hint: string }) {
  return (
    <View className="page checkin-page">
      <View className="checkin-title">{title}</View>
      <View className="hint">{hint}</View>
      <Back />
    </View>
  )
}

/** Title, time and place of the activity, or why they could not be read (check-in still works). */
function Head({ remote }: { remote: Remote<Activity | undefined> }) {
  const a = remote.data
  if (a) {
    return (
      <View>
        <View className="checkin-title">{a.title}</View>
        <View className="hint">{activityTime(a)}</View>
        <View className="hint">{`${a.community.name} · ${a.address}`}</View>
      </View>
    )
  }
  if (!remote.error) return <PageLoading rows={2} />
  return (
    <View>
      <View className="checkin-title">活动签到</View>
      <View className="hint">{`加载失败：${errorMessage(remote.error)}`}</View>
      <Button size="small" fill="none" onClick={() => void remote.reload()}>
        重新加载
      </Button>
    </View>
  )
}

/**
 * The page a printed 小程序码 opens (the server's wxacode points here with `scene` = the activity's
 * key): the activity's title, then 签到 / 签退 with the current location; the result page shows
 * the outcome.
 */
export default function CheckinPage() {
  const { params } = useRouter()
  const key = activityKey(params)
  const remote = useRemote<Activity | undefined>(() => (key ? getActivityByKey(key) : Promise.resolve(undefined)), [key])
  const a = remote.data

  if (!key) return <Unusable title="没有识别到活动" hint={RESCAN} />
  if (remote.error instanceof ApiError && remote.error.code === 'activity_not_found') return <Unusable title="没有找到这个活动" hint={RESCAN} />
  if (a?.status === 'cancelled') return <Unusable title={a.title} hint={`活动已取消${a.cancelReason ? `：${a.cancelReason}` : ''}`} />
  return (
    <View className="page checkin-page">
      <Head remote={remote} />
      <View className="hint">扫码后仍需在活动现场定位范围内签到、签退。</View>
      <View className="actions">
        <Button className="checkin-in" type="primary" block onClick={() => checkinByKey(key, 'in')}>
          签到
        </Button>
        <Button className="checkin-out" type="primary" fill="outline" block onClick={() => checkinByKey(key, 'out')}>
          签退
        </Button>
      </View>
      <Back />
    </View>
  )
}
