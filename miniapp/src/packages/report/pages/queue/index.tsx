import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MeUser, ReportSummary } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow'
import { useRemote } from '../../../../hooks/useRemote'
import { REPORT_ROUTES } from '../../routes'
import { getMe } from '../../../../services/me'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import ReportCard from '../../components/ReportCard'
import { acceptReport } from '../../services/reports'
import { QUEUE_TABS, loadQueue, type QueueTab } from './queue'
import '../../components/report.css'

const go = (url: string) => void Taro.navigateTo({ url })
const openReport = (r: ReportSummary) => go(`${REPORT_ROUTES.detail}?id=${r.id}`)

function Queue({ unitId }: { unitId: number }) {
  const [tab, setTab] = useState<QueueTab>('open')
  const [accepting, setAccepting] = useState<number>()
  const queue = useRemote<ReportSummary[]>(() => loadQueue(unitId, tab), [unitId, tab])
  useReloadOnShow(queue.reload)
  usePullDownRefresh(() => void queue.reload().finally(() => Taro.stopPullDownRefresh()))

  const accept = async (r: ReportSummary) => {
    setAccepting(r.id)
    try {
      await acceptReport(r.id)
      toastSuccess('已接收')
    } catch (e) {
      toastError(e)
    } finally {
      setAccepting(undefined)
      void queue.reload()
    }
  }

  const items = queue.data
  const overdue = items?.filter((r) => r.overdue).length ?? 0
  return (
    <>
      <View className="filter-bar queue-tabs">
        {QUEUE_TABS.map((t) => (
          <View key={t.key} className={t.key === tab ? 'option-chip option-chip--on' : 'option-chip'} onClick={() => setTab(t.key)}>
            {t.title}
          </View>
        ))}
      </View>
      {!items ? (
        queue.error ? <LoadError error={queue.error} onRetry={() => void queue.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title={tab === 'open' ? '暂无待整改的任务' : '暂无记录'} description={tab === 'open' ? '文明办交办的问题会显示在这里' : undefined} />
      ) : (
        <View className="queue-list">
          <View className="hint">{overdue ? `共 ${items.length} 条，其中 ${overdue} 条已逾期，按整改期限排序` : `共 ${items.length} 条，按整改期限排序`}</View>
          {items.map((r) => (
            <ReportCard key={r.id} report={r} onOpen={openReport}>
              {r.status === 'assigned' ? (
                <Button className="queue-accept" size="small" type="primary" loading={accepting === r.id} disabled={accepting !== undefined} onClick={() => void accept(r)}>
                  接收任务
                </Button>
              ) : r.status === 'accepted' ? (
                <Button className="queue-rectify" size="small" type="primary" onClick={() => go(`${REPORT_ROUTES.rectify}?id=${r.id}`)}>
                  提交整改
                </Button>
              ) : null}
            </ReportCard>
          ))}
        </View>
      )}
    </>
  )
}

/** 整改任务: the reports the office assigned to the organiser's unit, by deadline, overdue in red. */
export default function QueuePage() {
  const me = useRemote<MeUser>(getMe)
  const [unitId, setUnitId] = useState<number>()
  if (!me.data) {
    return <View className="page">{me.error ? <LoadError error={me.error} onRetry={() => void me.reload()} /> : <PageLoading />}</View>
  }
  const units = me.data.roles.organiserOf.filter((o) => o.kind === 'unit')
  if (!units.length) {
    return (
      <View className="page">
        <EmptyState title="仅限单位组织者" description="整改任务由单位的组织者处理；兑换单位的组织者邀请码后即可查看。" />
      </View>
    )
  }
  const current = units.find((u) => u.id === unitId) ?? units[0]
  return (
    <View className="page queue-page">
      {units.length > 1 ? (
        <View className="filter-bar queue-units">
          {units.map((u) => (
            <View key={u.id} className={u.id === current.id ? 'option-chip option-chip--on' : 'option-chip'} onClick={() => setUnitId(u.id)}>
              {u.name}
            </View>
          ))}
        </View>
      ) : (
        <View className="section-title">{current.name}</View>
      )}
      <Queue key={current.id} unitId={current.id} />
    </View>
  )
}
