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
  { value: 'upcoming', label: '即将开始' },
  { value: 'past', label: '已结束' },
  { value: 'cancelled', label: '已取消' },
] as const
type Tab = (typeof TABS)[number]['value']

function manage(a: Activity) {
  void Taro.navigateTo({ url: `${ROUTES.organiserManage}?id=${a.id}` })
}

/** 我组织的活动: the activities of the units/communities the user organises. */
export default function OrganisedList() {
  const [tab, setTab] = useState<Tab>('upcoming')
  const list = usePagedList((page) => listActivities({ mine: 'organised', status: tab, page, pageSize: 20 }), [tab])
  useReloadOnShow(list.reload)
  useReachBottom(() => void list.loadMore())
  const items = list.items
  return (
    <View className="organised-list">
      <View className="section-title">我组织的活动</View>
      <View className="filter-bar">
        {TABS.map((t) => (
          <View key={t.value} className={t.value === tab ? 'option-chip option-chip--on' : 'option-chip'} onClick={() => setTab(t.value)}>
            {t.label}
          </View>
        ))}
      </View>
      {!items ? (
        list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading rows={3} />
      ) : items.length === 0 ? (
        <EmptyState title="暂无活动" description={tab === 'upcoming' ? '点击“发布活动”发布第一个活动。' : undefined} />
      ) : (
        items.map((a) => <ActivityCard key={a.id} activity={a} onClick={manage} />)
      )}
      {list.hasMore ? (
        <View className="actions">
          <Button block fill="outline" loading={list.loadingMore} onClick={() => void list.loadMore()}>
            加载更多
          </Button>
        </View>
      ) : null}
    </View>
  )
}
