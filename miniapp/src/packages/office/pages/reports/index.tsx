import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import type { MeUser, ReportSummary } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow'
import { useRemote } from '../../../../hooks/useRemote'
import type { ReportQuery } from '../../../report/services/reports'
import { REPORT_ROUTES } from '../../../report/routes'
import { getMe } from '../../../../services/me'
import { errorMessage, toastSuccess } from '../../../../utils/feedback'
import ReportCard from '../../../report/components/ReportCard'
import { listReports } from '../../../report/services/reports'
import TriageSheet, { type TriageMode } from './TriageSheet'
import '../../../report/components/report.css'
import './index.css'

const TABS = [
  { key: 'submitted', title: '待受理', query: { status: 'submitted', sort: 'oldest' } },
  { key: 'rectified', title: '待核验', query: { status: 'rectified', sort: 'oldest' } },
  { key: 'overdue', title: '已逾期', query: { overdue: '1', sort: 'deadline' } },
  { key: 'assigned', title: '已交办', query: { status: 'assigned', sort: 'deadline' } },
  { key: 'accepted', title: '整改中', query: { status: 'accepted', sort: 'deadline' } },
  { key: 'closed', title: '已办结', query: { status: 'closed' } },
  { key: 'all', title: '全部', query: {} },
] as const satisfies ReadonlyArray<{ key: string; title: string; query: ReportQuery }>
type Tab = (typeof TABS)[number]['key']

const PAGE_SIZE = 20
const go = (url: string) => void Taro.navigateTo({ url })
const openReport = (r: ReportSummary) => go(`${REPORT_ROUTES.detail}?id=${r.id}`)

const DONE_TEXT: Record<TriageMode, string> = { assign: '已交办', reject: '已不予受理', duplicate: '已标记重复' }

function ReportQueue({ initialTab }: { initialTab: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab)
  const [triage, setTriage] = useState<{ report: ReportSummary; mode: TriageMode }>()
  const query = TABS.find((t) => t.key === tab)!.query
  const list = usePagedList((page) => listReports({ ...query, page, pageSize: PAGE_SIZE }), [tab])
  useReloadOnShow(list.reload)
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void list.loadMore())

  const done = (mode: TriageMode) => {
    setTriage(undefined)
    toastSuccess(DONE_TEXT[mode])
    void list.reload()
  }

  const items = list.items
  return (
    <View className="page office-reports">
      <View className="filter-bar office-report-tabs">
        {TABS.map((t) => (
          <View key={t.key} className={t.key === tab ? 'option-chip option-chip--on' : 'option-chip'} onClick={() => setTab(t.key)}>
            {t.title}
          </View>
        ))}
      </View>
      {!items ? (
        list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title={tab === 'submitted' ? '没有待受理的上报' : tab === 'rectified' ? '没有待核验的整改' : '暂无记录'} />
      ) : (
        <View className="office-report-list">
          <View className="hint">{`共 ${list.total} 条`}</View>
          {items.map((r) => (
            <ReportCard key={r.id} report={r} onOpen={openReport}>
              {r.status === 'submitted' ? (
                <>
                  <Button className="triage-duplicate" size="small" fill="outline" onClick={() => setTriage({ report: r, mode: 'duplicate' })}>
                    标记重复
                  </Button>
                  <Button className="triage-reject" size="small" type="danger" fill="outline" onClick={() => setTriage({ report: r, mode: 'reject' })}>
                    不予受理
                  </Button>
                  <Button className="triage-assign" size="small" type="primary" onClick={() => setTriage({ report: r, mode: 'assign' })}>
                    交办
                  </Button>
                </>
              ) : r.status === 'rectified' ? (
                <Button className="open-verify" size="small" type="primary" onClick={() => go(`${REPORT_ROUTES.verify}?id=${r.id}`)}>
                  核验
                </Button>
              ) : null}
            </ReportCard>
          ))}
          {list.hasMore ? (
            <View className="actions">
              <Button block fill="outline" loading={list.loadingMore} onClick={() => void list.loadMore()}>
                {list.error ? `${errorMessage(list.error)}，点击重试` : '加载更多'}
              </Button>
            </View>
          ) : null}
        </View>
      )}
      {triage ? (
        <TriageSheet
          key={`${triage.report.id}-${triage.mode}`}
          report={triage.report}
          mode={triage.mode}
          onClose={() => setTriage(undefined)}
          onDone={() => done(triage.mode)}
          onStale={() => void list.reload()}
        />
      ) : null}
    </View>
  )
}

/** 随手拍受理: the office's queues; triage (assign, reject, duplicate) and the way to verification. */
export default function OfficeReportsPage() {
  const status = useRouter().params.status
  const me = useRemote<MeUser>(getMe)
  if (!me.data) {
    return <View className="page">{me.error ? <LoadError error={me.error} onRetry={() => void me.reload()} /> : <PageLoading />}</View>
  }
  if (!me.data.roles.office) {
    return (
      <View className="page">
        <EmptyState title="仅限文明办工作人员" description="如需开通，请联系文明办管理员。" />
      </View>
    )
  }
  const initial = TABS.find((t) => t.key === status)?.key ?? 'submitted'
  return <ReportQueue initialTab={initial} />
}
