import { View } from '@tarojs/components'
import EmptyState from '../../components/EmptyState'

/** Placeholder until the 随手拍 issue. */
export default function ReportPage() {
  return (
    <View className="page">
      <EmptyState title="随手拍功能即将上线" description="届时可拍照上报不文明行为和损坏的设施，文明办会跟进整改。" />
    </View>
  )
}
