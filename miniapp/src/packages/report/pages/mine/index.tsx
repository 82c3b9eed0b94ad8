import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { ReportSummary } from '@civic/shared'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow'
import { errorMessage } from '../../../../utils/feedback'
import ReportCard from '../../components/ReportCard'
import { REPORT_ROUTES } from '../../routes'
import { listReports } from '../../services/reports'
import '../../components/report.css'

const PAGE_SIZE = 20
const go = (url: string) => void Taro.navigateTo({ url })
const openReport = (r: ReportSummary) => go(`${REPORT_ROUTES.detail}?id=${r.id}&mine=1`)

/** 我的上报: the caller's reports, newest first, each with its status. */
export default function MyReportsPage() {
  const list = usePagedList((page) => listReports({ mine: '1', page, pageSize: PAGE_SIZE }), [])
  useReloadOnShow(list.reload)
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void list.loadMore())
  const items = list.items
  return (
    <View className="page my-reports">
      {!items ? (
        list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title="还没有上报" description="看到乱停乱放、垃圾堆放、设施损坏等问题，拍下来告诉我们">
          <View className="actions">
            <Button type="primary" onClick={() => void Taro.redirectTo({ url: REPORT_ROUTES.create })}>
              拍照上报
            </Button>
          </View>
        </EmptyState>
      ) : (
        <View className="report-list">
          {items.map((r) => (
            <ReportCard key={r.id} report={r} onOpen={openReport} />
          ))}
          {list.hasMore ? (
            <View className="actions">
              <Button block fill="outline" loading={list.loadingMore} onClick={() => void list.loadMore()}>
                {list.error ? `${errorMessage(list.error)}，点击重试` : '加载更多'}
              </Button>
            </View>
          ) : (
            <View className="hint list-end">{`共 ${list.total} 条上报`}</View>
          )}
        </View>
      )}
    </View>
  )
}
