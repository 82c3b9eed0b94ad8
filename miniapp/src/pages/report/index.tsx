import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { REPORT_ROUTES } from './routes'
import './index.css'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * 随手拍: the way in. Kept to two entries because it is in the main package (budget: see
 * tests/weapp/ci.test.ts); the forms and lists are in packages/report, preloaded from here.
 */
export default function ReportTab() {
  return (
    <View className="page report-tab">
      <View className="report-hero">
        <View className="report-hero-text">看到乱停乱放、垃圾堆放等问题，拍照上报，办结后可获得积分</View>
        <Button className="report-new" type="primary" block onClick={() => go(REPORT_ROUTES.create)}>
          拍照上报
        </Button>
      </View>
      <Cell.Group>
        <Cell className="report-mine" title="我的上报" description="处理进度与整改结果" clickable onClick={() => go(REPORT_ROUTES.mine)} />
      </Cell.Group>
    </View>
  )
}
