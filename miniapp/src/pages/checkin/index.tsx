import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { checkinByKey, queryValue } from '../../utils/checkin'
import { ROUTES } from '../../services/routes'
import './index.css'

/** The key from a printed mini-program code (`scene`), or a `key` query in H5 and tests. */
function activityKey(params: Record<string, string | undefined>): string {
  return queryValue(params.scene) || queryValue(params.key)
}

/**
 * The page a printed 小程序码 opens (the server's wxacode points here with `scene` = the activity's
 * key): 签到 / 签退 with the current location; the result page shows the activity and the outcome.
 */
export default function CheckinPage() {
  const { params } = useRouter()
  const key = activityKey(params)
  if (!key) {
    return (
      <View className="page checkin-page">
        <View className="checkin-title">没有识别到活动</View>
        <View className="hint">请重新扫描活动现场张贴的小程序码。</View>
        <View className="actions">
          <Button fill="outline" block onClick={() => void Taro.switchTab({ url: ROUTES.activities })}>
            返回活动
          </Button>
        </View>
      </View>
    )
  }
  return (
    <View className="page checkin-page">
      <View className="checkin-title">活动现场签到</View>
      <View className="hint">{`活动码 ${key}。签到和签退需要获取你的位置，请在活动地点附近操作。`}</View>
      <View className="actions">
        <Button className="checkin-in" type="primary" block onClick={() => checkinByKey(key, 'in')}>
          签到
        </Button>
        <Button className="checkin-out" type="primary" fill="outline" block onClick={() => checkinByKey(key, 'out')}>
          签退
        </Button>
      </View>
    </View>
  )
}
