import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useReachBottom } from '@tarojs/taro'
import type { Activity } from '@civic/shared'
import { useState } from 'react'
import ActivityCard from '../../../../components/ActivityCard'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow'
import { listActivities } from '../../../../services/activities'
import { ROUTES } from '../../../../services/routes'

const TABS = [
  { value: 'upcoming', label: '即将参加' },
  { value: 'past', label: '已结束' },
  { value: 'cancelled', label: '已取消' },
] as const
type Tab = (typeof TABS)[number]['value']

function open(a: Activity) {
  void Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${a.id}` })
}

/** 我的报名: the user's confirmed and waitlisted sign-ups, upcoming or past. */
export default function MySignupsPage() {
  const [tab, setTab] = useState<Tab>('upcoming')
  const list = usePagedList((page) => listActivities({ mine: 'signed_up', status: tab, page, pageSize: 20 }), [tab])
  useReloadOnShow(list.reload)
  useReachBottom(() => void list.loadMore())
  const items = list.items
  return (
    <View className="page mine-page">
      <View className="filter-bar">
        {TABS.map((t) => (
          <View key={t.value} className={t.value === tab ? 'option-chip option-chip--on' : 'option-chip'} onClick={() => setTab(t.value)}>
            {t.label}
          </View>
        ))}
      </View>
      {!items ? (
        list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title="没有报名记录" description="在“活动”里找到感兴趣的活动，报名后会显示在这里。" />
      ) : (
        <View>
          {items.map((a) => (
            <ActivityCard key={a.id} activity={a} onClick={open} />
          ))}
          {list.hasMore ? (
            <View className="actions">
              <Button block fill="outline" loading={list.loadingMore} onClick={() => void list.loadMore()}>
                加载更多
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </View>
  )
}
