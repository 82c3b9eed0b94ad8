import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useReachBottom } from '@tarojs/taro'
import { formatChina } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { usePagedList } from '../../../../hooks/usePagedList'
import { listMyPoints } from '../../../../services/attendance'

/** 积分明细: the balance and the ledger, newest first. */
export default function MyPointsPage() {
  const [balance, setBalance] = useState<number>()
  const list = usePagedList(async (page) => {
    const r = await listMyPoints(page)
    setBalance(r.balance)
    return { items: r.entries, total: r.total }
  }, [])
  useReachBottom(() => void list.loadMore())
  const items = list.items
  if (!items) {
    return <View className="page">{list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />}</View>
  }
  return (
    <View className="page points-page">
      <Cell.Group>
        <Cell className="points-balance" title="积分余额" extra={`${balance ?? 0} 分`} />
      </Cell.Group>
      {items.length === 0 ? (
        <EmptyState title="还没有积分记录" description="签退后获得的积分会显示在这里" />
      ) : (
        <Cell.Group title="明细">
          {items.map((e) => (
            <Cell
              key={e.id}
              className="points-entry"
              title={e.reason}
              description={formatChina(e.createdAt, 'YYYY-MM-DD HH:mm')}
              extra={e.amount > 0 ? `+${e.amount}` : `${e.amount}`}
            />
          ))}
        </Cell.Group>
      )}
      {list.hasMore ? (
        <View className="actions">
          <Button block fill="outline" loading={list.loadingMore} onClick={() => void list.loadMore()}>加载更多</Button>
        </View>
      ) : null}
    </View>
  )
}
