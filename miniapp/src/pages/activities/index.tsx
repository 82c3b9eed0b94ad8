import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Activity, ActivityType, DirectoryOptions } from '@civic/shared'
import { useState } from 'react'
import ActivityCard from '../../components/ActivityCard'
import EmptyState from '../../components/EmptyState'
import LoadError from '../../components/LoadError'
import PageLoading from '../../components/PageLoading'
import { usePagedList } from '../../hooks/usePagedList'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { useRemote } from '../../hooks/useRemote'
import { listActivities, listActivityTypes, type ActivityFilter } from '../../services/activities'
import { currentPosition } from '../../services/location'
import { getDirectoryOptions } from '../../services/me'
import { ROUTES } from '../../services/routes'
import { errorMessage } from '../../utils/feedback'
import { scanToCheckin } from '../../utils/checkin'
import { dateRange } from './dates'
import Filters, { type ListFilter } from './Filters'
import './index.css'

const PAGE_SIZE = 20

interface FilterOptions {
  communities: DirectoryOptions['communities']
  types: ActivityType[]
}

async function loadOptions(): Promise<FilterOptions> {
  const [directory, types] = await Promise.all([getDirectoryOptions(), listActivityTypes()])
  return { communities: directory.communities, types: types.filter((t) => t.active) }
}

function toQuery(f: ListFilter): ActivityFilter {
  return { communityId: f.communityId, typeId: f.typeId, near: f.near, ...(f.dates ? dateRange(f.dates) : {}) }
}

function openActivity(a: Activity) {
  void Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${a.id}` })
}

/** 活动: upcoming activities (nearest first with 附近), filters, pull-to-refresh, paging. */
export default function ActivitiesPage() {
  const [filter, setFilter] = useState<ListFilter>({})
  const [locating, setLocating] = useState(false)
  const options = useRemote<FilterOptions>(loadOptions)
  const list = usePagedList((page) => listActivities({ ...toQuery(filter), page, pageSize: PAGE_SIZE }), [filter])
  useReloadOnShow(list.reload)
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const toggleNear = async () => {
    if (filter.near) return setFilter({ ...filter, near: undefined })
    setLocating(true)
    try {
      const p = await currentPosition()
      setFilter((f) => ({ ...f, near: `${p.latitude},${p.longitude}` }))
    } catch {
      // the user declined, or location is off: the list simply stays as it was
      void Taro.showToast({ title: '无法获取你的位置，请允许使用位置信息', icon: 'none', duration: 2500 })
    } finally {
      setLocating(false)
    }
  }

  const filtered = Object.values(filter).some((v) => v !== undefined)
  const items = list.items
  return (
    <View className="page activities-page">
      <View className="scan-bar">
        <Button className="scan-checkin" type="primary" block onClick={() => void scanToCheckin()}>
          扫码签到
        </Button>
      </View>
      <Filters
        filter={filter}
        communities={options.data?.communities ?? []}
        types={options.data?.types ?? []}
        locating={locating}
        onChange={setFilter}
        onToggleNear={() => void toggleNear()}
      />
      {!items ? (
        list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? '没有符合条件的活动' : '暂时没有活动'} description={filtered ? '换个条件试试' : '新的活动发布后会显示在这里'}>
          {filtered ? (
            <View className="actions">
              <Button fill="outline" type="primary" onClick={() => setFilter({})}>
                清除筛选
              </Button>
            </View>
          ) : null}
        </EmptyState>
      ) : (
        <View className="activity-list">
          {items.map((a) => (
            <ActivityCard key={a.id} activity={a} onClick={openActivity} />
          ))}
          {list.hasMore ? (
            <View className="actions">
              <Button className="load-more" block fill="outline" loading={list.loadingMore} onClick={() => void list.loadMore()}>
                {list.error ? `${errorMessage(list.error)}，点击重试` : '加载更多'}
              </Button>
            </View>
          ) : (
            <View className="list-foot">{`共 ${list.total} 个活动，没有更多了`}</View>
          )}
        </View>
      )}
    </View>
  )
}
