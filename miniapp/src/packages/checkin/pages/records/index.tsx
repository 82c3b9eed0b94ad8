import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useReachBottom } from '@tarojs/taro'
import { ATTENDANCE_STATUS_LABELS, formatChina } from '@civic/shared'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { usePagedList } from '../../../../hooks/usePagedList'
import { listMyAttendance } from '../../../../services/attendance'

/** 服务记录: my check-ins and check-outs, newest first. */
export default function MyAttendancePage() {
  const list = usePagedList((page) => listMyAttendance(page), [])
  useReachBottom(() => void list.loadMore())
  const items = list.items
  if (!items) {
    return <View className="page">{list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />}</View>
  }
  if (items.length === 0) return <View className="page"><EmptyState title="还没有服务记录" description="参加活动并扫码签到、签退后会显示在这里" /></View>
  return (
    <View className="page records-page">
      <Cell.Group>
        {items.map((a) => (
          <Cell
            key={a.id}
            className="record-item"
            title={a.activity.title}
            description={`${a.checkInAt ? formatChina(a.checkInAt, 'YYYY-MM-DD HH:mm') : '—'}${a.checkOutAt ? ` – ${formatChina(a.checkOutAt, 'HH:mm')}` : ' 未签退'} · ${ATTENDANCE_STATUS_LABELS[a.status]}`}
            extra={`${a.hours} 小时 · ${a.points} 分`}
          />
        ))}
      </Cell.Group>
      {list.hasMore ? (
        <View className="actions">
          <Button block fill="outline" loading={list.loadingMore} onClick={() => void list.loadMore()}>加载更多</Button>
        </View>
      ) : (
        <View className="list-foot">{`共 ${list.total} 条记录`}</View>
      )}
    </View>
  )
}
