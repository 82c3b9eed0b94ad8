import { Image, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { VerifyBody, formatChina, type ReportPhotoView, type ReportView } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import FormRow from '../../../../components/FormRow'
import LoadError from '../../../../components/LoadError'
import OptionPicker from '../../../../components/OptionPicker'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import StatusTag from '../../../report/components/StatusTag'
import { ApiError } from '../../../../services/api'
import { errorMessage, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'
import { deadlineOptions } from '../../../report/components/deadline'
import Timeline from '../../../report/components/Timeline'
import { fileUrl, getReport, verifyReport } from '../../../report/services/reports'
import '../../../report/components/report.css'
import './index.css'

function PhotoColumn({ title, photos, all }: { title: string; photos: ReportPhotoView[]; all: string[] }) {
  return (
    <View className="compare-column">
      <View className="compare-title">{`${title}（${photos.length}）`}</View>
      {photos.map((p) => {
        const url = fileUrl(p.url)
        return <Image key={p.uploadId} className="compare-photo" src={url} mode="aspectFill" onClick={() => void Taro.previewImage({ urls: all, current: url })} />
      })}
      {photos.length === 0 ? <View className="hint">无</View> : null}
    </View>
  )
}

/** Before and after, side by side. */
function Compare({ r }: { r: ReportView }) {
  const all = [...r.photos.before, ...r.photos.after].map((p) => fileUrl(p.url))
  return (
    <View className="compare">
      <PhotoColumn title="整改前" photos={r.photos.before} all={all} />
      <PhotoColumn title="整改后" photos={r.photos.after} all={all} />
    </View>
  )
}

function VerifyForm({ report, onDone }: { report: ReportView; onDone: (r: ReportView) => void }) {
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [newDeadline, setNewDeadline] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState<'close' | 'send_back'>()

  const send = async (action: 'close' | 'send_back') => {
    setFailure(undefined)
    const parsed = VerifyBody.safeParse(action === 'close' ? { action, note } : { action, reason, newDeadline: newDeadline ?? undefined })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues))
      return
    }
    setErrors({})
    const sure = await Taro.showModal({
      title: action === 'close' ? '核验通过' : '退回重改',
      content: action === 'close' ? '确认整改到位并办结？上报人将获得上报积分。' : '确认退回责任单位重新整改？',
      confirmText: action === 'close' ? '办结' : '退回',
    })
    if (!sure.confirm) return
    setBusy(action)
    try {
      const updated = await verifyReport(report.id, parsed.data)
      toastSuccess(action === 'close' ? '已办结' : '已退回')
      onDone(updated)
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors())
      setFailure(errorMessage(e))
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <View className="verify-form">
      <View className="section-title">核验通过</View>
      <FormRow label="核验意见" error={errors.note}>
        <Input className="verify-note" placeholder="选填，例如：已整改到位" value={note} maxLength={200} onChange={setNote} />
      </FormRow>
      <View className="actions">
        <Button className="verify-close" type="primary" block loading={busy === 'close'} disabled={busy !== undefined} onClick={() => void send('close')}>
          核验通过，办结
        </Button>
      </View>
      <View className="section-title">整改不到位</View>
      <View className="form-textarea">
        <TextArea className="send-back-reason" placeholder="退回原因，例如：仍有两辆电动车未清理" value={reason} maxLength={200} onChange={setReason} />
      </View>
      <FieldError message={errors.reason} />
      <OptionPicker
        className="send-back-deadline"
        title="新的整改期限"
        placeholder="不延期"
        clearable
        options={deadlineOptions(newDeadline)}
        value={newDeadline}
        onChange={setNewDeadline}
      />
      <FieldError message={errors.newDeadline} />
      {failure ? (
        <View className="form-error" role="alert">
          {failure}
        </View>
      ) : null}
      <View className="actions">
        <Button className="verify-send-back" type="danger" fill="outline" block loading={busy === 'send_back'} disabled={busy !== undefined} onClick={() => void send('send_back')}>
          退回重改
        </Button>
      </View>
    </View>
  )
}

/** 整改核验: the report before and after, the unit's note; close it, or send it back. */
export default function ReportVerifyPage() {
  const id = Number(useRouter().params.id)
  const remote = useRemote<ReportView>(() => getReport(id), [id])
  const r = remote.data
  if (!r) {
    return <View className="page">{remote.error ? <LoadError error={remote.error} onRetry={() => void remote.reload()} /> : <PageLoading rows={6} />}</View>
  }
  const rectified = [...r.history].reverse().find((e) => e.kind === 'rectified')
  return (
    <View className="page verify-page">
      <View className="detail-card">
        <View className="detail-card-head">
          <View className="detail-card-title">{`${r.category.name} · 第 ${r.id} 号`}</View>
          <StatusTag status={r.status} />
        </View>
        <View className="detail-card-line">{`${r.community.name} · ${r.address}`}</View>
        <View className="detail-card-text multiline">{r.description}</View>
        {r.unit ? <View className="detail-card-line">{`责任单位：${r.unit.name}`}</View> : null}
        {r.deadline ? (
          <View className={r.late || r.overdue ? 'detail-card-line deadline--overdue' : 'detail-card-line'}>
            {`整改期限：${formatChina(r.deadline, 'YYYY年M月D日')}${r.late ? '（逾期整改）' : r.overdue ? '（已逾期）' : ''}`}
          </View>
        ) : null}
        {r.instruction ? <View className="detail-card-line multiline">{`整改要求：${r.instruction}`}</View> : null}
        {rectified?.note ? <View className="detail-card-text multiline verify-rectify-note">{`整改说明：${rectified.note}`}</View> : null}
      </View>
      <Compare r={r} />
      {r.actions.includes('verify') ? (
        <VerifyForm report={r} onDone={(updated) => remote.setData(updated)} />
      ) : (
        <View className="hint verify-done">{r.status === 'closed' ? '该上报已核验办结。' : '该上报当前不在待核验状态。'}</View>
      )}
      <View className="section-title">处理进度</View>
      <Timeline history={r.history} />
    </View>
  )
}
