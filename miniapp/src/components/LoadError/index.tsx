import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import EmptyState from '../EmptyState'
import { errorMessage } from '../../utils/feedback'

/** A failed first load, with the API's message and a retry button. */
export default function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <EmptyState title="加载失败" description={errorMessage(error)}>
      <View className="actions">
        <Button type="primary" fill="outline" onClick={onRetry}>
          重试
        </Button>
      </View>
    </EmptyState>
  )
}
