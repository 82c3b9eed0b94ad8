import { View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'

/** Placeholder rows while a page's first request is in flight. */
export default function PageLoading({ rows = 4 }: { rows?: number }) {
  return (
    <View className="page-loading" aria-busy="true">
      <Skeleton rows={rows} animated />
      <View className="hint">加载中…</View>
    </View>
  )
}
