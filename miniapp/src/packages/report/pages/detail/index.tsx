import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { formatChina, type ReportView } from '@civic/shared'
import { useState } from 'react'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow'
import { useRemote } from '../../../../hooks/useRemote'
import { REPORT_ROUTES } from '../../routes'
import StatusTag from '../../components/StatusTag'
import { ROUTES } from '../../../../services/routes'
import { errorMessage, toastSuccess } from '../../../../utils/feedback'
import PhotoGrid from '../../components/PhotoGrid'
import Timeline from '../../components/Timeline'
import { acceptReport, getReport } from '../../services/reports'
import '../../components/report.css'

const go = (url: string) => void Taro.navigateTo({ url })

function Facts({ r }: { r: ReportView }) {
  return (
    <View className="detail-card report-facts">
      <View className="detail-card-head">
        <View className="detail-card-title">{r.category.name}</View>
        <StatusTag status={r.status} />
      </View>
      <View className="detail-card-line">{`第 ${r.id} 号 · 上报于 ${formatChina(r.createdAt, 'YYYY-MM-DD HH:mm')}`}</View>
      <View className="detail-card-line">{`${r.community.name} · ${r.address}`}</View>
      {r.reporter ? <View className="detail-card-line">{`上报人：${r.reporter.name}`}</View> : null}
      <View className="detail-card-text multiline">{r.description}</View>
      {r.status === 'rejected' && r.reason ? <View className="detail-card-alert">{`不予受理：${r.reason}`}</View> : null}
      {r.status === 'accepted' && r.reason ? <View className="detail-card-alert">{`退回重改：${r.reason}`}</View> : null}
      {r.duplicateOfId ? <View className="detail-card-alert">{`与第 ${r.duplicateOfId} 号上报重复，将随该上报一并处理`}</View> : null}
    </View>
  )
}

function Assignment({ r }: { r: ReportView }) {
  if (!r.unit) return null
  return (
    <View className="detail-card report-assignment">
      <View className="detail-card-line">{`责任单位：${r.unit.name}`}</View>
      {r.deadline ? (
        <View className={r.overdue ? 'detail-card-line deadline--overdue' : 'detail-card-line'}>
          {`整改期限：${formatChina(r.deadline, 'YYYY年M月D日')}${r.overdue ? '（已逾期）' : r.late ? '（逾期整改）' : ''}`}
        </View>
      ) : null}
      {r.instruction ? <View className="detail-card-line multiline">{`整改要求：${r.instruction}`}</View> : null}
    </View>
  )
}

/** 上报详情: the facts, photos before and after, 处理进度, and what the viewer may do next. */
export default function ReportDetailPage() {
  const params = useRouter().params
  const id = Number(params.id)
  const mine = params.mine === '1'
  const remote = useRemote<ReportView>(() => getReport(id), [id])
  useReloadOnShow(remote.reload)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const r = remote.data

  if (!r) {
    return <View className="page">{remote.error ? <LoadError error={remote.error} onRetry={() => void remote.reload()} /> : <PageLoading rows={6} />}</View>
  }

  const accept = async () => {
    setBusy(true)
    setFailure(undefined)
    try {
      remote.setData(await acceptReport(r.id))
      toastSuccess('已接收')
    } catch (e) {
      setFailure(errorMessage(e))
      void remote.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page report-detail">
      <Facts r={r} />
      <Assignment r={r} />
      {r.status === 'closed' && mine ? (
        <View className="detail-card report-thanks">
          <View className="detail-card-line">问题已整改办结，感谢你的上报！上报奖励积分已计入积分明细。</View>
          <Button className="report-points" size="small" fill="outline" type="primary" onClick={() => go(ROUTES.myPoints)}>
            查看积分明细
          </Button>
        </View>
      ) : null}
      <View className="section-title">{`现场照片（${r.photos.before.length}）`}</View>
      <PhotoGrid className="report-before" photos={r.photos.before} />
      {r.photos.after.length ? (
        <>
          <View className="section-title">{`整改后照片（${r.photos.after.length}）`}</View>
          <PhotoGrid className="report-after" photos={r.photos.after} />
        </>
      ) : null}
      <View className="section-title">处理进度</View>
      <Timeline history={r.history} />
      {failure ? (
        <View className="form-error" role="alert">
          {failure}
        </View>
      ) : null}
      {r.actions.length ? (
        <View className="actions">
          {r.actions.includes('accept') ? (
            <Button className="report-accept" type="primary" block loading={busy} disabled={busy} onClick={() => void accept()}>
              接收任务
            </Button>
          ) : null}
          {r.actions.includes('rectify') ? (
            <Button className="report-rectify" type="primary" block onClick={() => go(`${REPORT_ROUTES.rectify}?id=${r.id}`)}>
              提交整改
            </Button>
          ) : null}
          {r.actions.includes('triage') ? (
            <Button className="report-triage" type="primary" block onClick={() => go(`${REPORT_ROUTES.triage}?status=submitted`)}>
              去受理
            </Button>
          ) : null}
          {r.actions.includes('verify') ? (
            <Button className="report-verify" type="primary" block onClick={() => go(`${REPORT_ROUTES.verify}?id=${r.id}`)}>
              去核验
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
