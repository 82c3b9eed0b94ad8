import { View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { REPORT_PHOTOS_MAX, ReportCreateBody, type CategoryView, type DirectoryOptions, type MeUser } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import LoadError from '../../../../components/LoadError'
import OptionPicker from '../../../../components/OptionPicker'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { ApiError } from '../../../../services/api'
import { getDirectoryOptions, getMe } from '../../../../services/me'
import { REPORT_ROUTES } from '../../routes'
import { errorMessage, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'
import PhotoUploader from '../../components/PhotoUploader'
import PlaceField, { type Place } from '../../components/PlaceField'
import { photosNotReady, usePhotoUploads } from '../../components/usePhotoUploads'
import { createReport, listCategories } from '../../services/reports'
import '../../components/report.css'

interface FormData {
  categories: CategoryView[]
  communities: DirectoryOptions['communities']
  me: MeUser
}

async function loadForm(): Promise<FormData> {
  const [categories, directory, me] = await Promise.all([listCategories(), getDirectoryOptions(), getMe()])
  return { categories: categories.filter((c) => c.active), communities: directory.communities, me }
}

function ReportForm({ data }: { data: FormData }) {
  const photos = usePhotoUploads(REPORT_PHOTOS_MAX, '现场照片')
  const [categoryId, setCategoryId] = useState<number | null>(null)
  const [communityId, setCommunityId] = useState<number | null>(data.me.community?.id ?? null)
  const [place, setPlace] = useState<Place>({ position: null, address: '' })
  const [description, setDescription] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    setFailure(undefined)
    const parsed = ReportCreateBody.safeParse({
      categoryId: categoryId ?? undefined,
      communityId: communityId ?? undefined,
      description,
      address: place.address,
      latitude: place.position?.latitude,
      longitude: place.position?.longitude,
      uploadIds: photos.uploadIds,
    })
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
      const report = await createReport(parsed.data)
      toastSuccess('上报成功')
      void Taro.redirectTo({ url: `${REPORT_ROUTES.detail}?id=${report.id}&mine=1` })
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors())
      setFailure(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const positionError = errors.latitude ?? errors.longitude
  return (
    <View className="page report-form">
      <View className="section-title">现场照片（1–{REPORT_PHOTOS_MAX} 张）</View>
      <PhotoUploader className="report-photos" photos={photos} error={errors.uploadIds} />

      <View className="section-title">问题分类</View>
      <View className="chip-row category-chips">
        {data.categories.map((c) => (
          <View key={c.id} className={c.id === categoryId ? 'option-chip option-chip--on category-chip' : 'option-chip category-chip'} onClick={() => setCategoryId(c.id)}>
            {c.name}
          </View>
        ))}
      </View>
      {data.categories.length ? null : <View className="hint">暂无可选的问题分类，请联系文明办</View>}
      <FieldError message={errors.categoryId} />

      <View className="section-title">位置</View>
      <OptionPicker
        className="community-picker"
        title="所在社区"
        options={data.communities.map((c) => ({ value: c.id, label: c.name }))}
        value={communityId}
        onChange={setCommunityId}
      />
      <FieldError message={errors.communityId} />
      <PlaceField value={place} onChange={setPlace} errors={{ position: positionError, address: errors.address }} />

      <View className="section-title">问题描述</View>
      <View className="form-textarea">
        <TextArea
          className="description-input"
          placeholder="简要描述看到的问题，例如：人行道上长期停放多辆电动车，影响通行"
          value={description}
          maxLength={500}
          showCount
          onChange={setDescription}
        />
      </View>
      <FieldError message={errors.description} />

      {failure ? (
        <View className="form-error" role="alert">
          {failure}
        </View>
      ) : null}
      <View className="actions">
        <Button className="report-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交上报
        </Button>
      </View>
    </View>
  )
}

/** 拍照上报: photos (uploaded at once, with progress), category, community and place, description. */
export default function NewReportPage() {
  const form = useRemote<FormData>(loadForm)
  if (!form.data) {
    return <View className="page">{form.error ? <LoadError error={form.error} onRetry={() => void form.reload()} /> : <PageLoading rows={6} />}</View>
  }
  return <ReportForm data={form.data} />
}
