import { View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { RECTIFY_PHOTOS_MAX, RectifyBody, formatChina, type ReportView } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import FieldError from '../../../../components/FieldError'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import StatusTag from '../../components/StatusTag'
import { ApiError } from '../../../../services/api'
import { errorMessage, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'
import PhotoGrid from '../../components/PhotoGrid'
import PhotoUploader from '../../components/PhotoUploader'
import { photosNotReady, usePhotoUploads } from '../../components/usePhotoUploads'
import { getReport, rectifyReport } from '../../services/reports'
import '../../components/report.css'

function RectifyForm({ report: r }: { report: ReportView }) {
  const photos = usePhotoUploads(RECTIFY_PHOTOS_MAX, '整改后照片')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    setFailure(undefined)
    const parsed = RectifyBody.safeParse({ note, uploadIds: photos.uploadIds })
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues)
    const notReady = photosNotReady(photos)
    if (notReady) found.uploadIds = notReady
    if (!parsed.success || notReady) {
      setErrors(found)
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await rectifyReport(r.id, parsed.data)
      toastSuccess('已提交整改')
      void Taro.navigateBack()
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors())
      setFailure(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page rectify-page">
      <View className="detail-card">
        <View className="detail-card-head">
          <View className="detail-card-title">{`${r.category.name} · 第 ${r.id} 号`}</View>
          <StatusTag status={r.status} />
        </View>
        <View className="detail-card-line">{`${r.community.name} · ${r.address}`}</View>
        {r.deadline ? (
          <View className={r.overdue ? 'detail-card-line deadline--overdue' : 'detail-card-line'}>
            {`整改期限：${formatChina(r.deadline, 'YYYY年M月D日')}${r.overdue ? '（已逾期）' : ''}`}
          </View>
        ) : null}
        {r.instruction ? <View className="detail-card-line multiline">{`整改要求：${r.instruction}`}</View> : null}
        {r.reason ? <View className="detail-card-alert">{`退回原因：${r.reason}`}</View> : null}
        <View className="detail-card-text multiline">{r.description}</View>
      </View>
      <View className="section-title">整改前</View>
      <PhotoGrid photos={r.photos.before} />
      <View className="section-title">{`整改后照片（1–${RECTIFY_PHOTOS_MAX} 张）`}</View>
      <PhotoUploader className="rectify-photos" photos={photos} error={errors.uploadIds} />
      <View className="section-title">整改说明</View>
      <View className="form-textarea">
        <TextArea className="rectify-note" placeholder="说明整改措施和结果，例如：已清理垃圾并设置提示牌" value={note} maxLength={500} showCount onChange={setNote} />
      </View>
      <FieldError message={errors.note} />
      {failure ? (
        <View className="form-error" role="alert">
          {failure}
        </View>
      ) : null}
      <View className="actions">
        <Button className="rectify-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交整改
        </Button>
      </View>
    </View>
  )
}

/** 提交整改: the unit's note and after-photos for an accepted report. */
export default function RectifyPage() {
  const id = Number(useRouter().params.id)
  const remote = useRemote<ReportView>(() => getReport(id), [id])
  const r = remote.data
  if (!r) {
    return <View className="page">{remote.error ? <LoadError error={remote.error} onRetry={() => void remote.reload()} /> : <PageLoading rows={6} />}</View>
  }
  if (!r.actions.includes('rectify')) {
    return (
      <View className="page">
        <EmptyState title="当前不能提交整改" description={r.status === 'assigned' ? '请先接收任务' : '该上报已不在整改中'} />
      </View>
    )
  }
  return <RectifyForm report={r} />
}
