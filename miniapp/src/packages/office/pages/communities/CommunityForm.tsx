import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { CommunityBody, type Community } from '@civic/shared'
import { useState } from 'react'
import FormRow from '../../../../components/FormRow'
import { ApiError } from '../../../../services/api'
import { createCommunity, updateCommunity } from '../../../../services/directory'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors, optionalNumber } from '../../../../utils/validation'

interface Props {
  /** the community being edited; absent when creating */
  community?: Community
  onSaved: (c: Community) => void
  onCancel: () => void
}

export default function CommunityForm({ community, onSaved, onCancel }: Props) {
  const [name, setName] = useState(community?.name ?? '')
  const [district, setDistrict] = useState(community?.district ?? '')
  const [street, setStreet] = useState(community?.street ?? '')
  const [population, setPopulation] = useState(community?.residentPopulation?.toString() ?? '')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const parsed = CommunityBody.safeParse({ name, district, street, residentPopulation: optionalNumber(population) })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const saved = community ? await updateCommunity(community.id, parsed.data) : await createCommunity(parsed.data)
      toastSuccess(community ? '已保存' : '已创建')
      onSaved(saved)
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.code === 'community_name_taken' ? { name: e.message } : e.fieldErrors())
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="office-form community-form">
      <View className="section-title">{community ? `编辑社区：${community.name}` : '新建社区'}</View>
      <FormRow label="社区名称" required error={errors.name}>
        <Input className="community-name" placeholder="例如：幸福里社区" value={name} maxLength={50} onChange={setName} />
      </FormRow>
      <FormRow label="区县" error={errors.district}>
        <Input className="community-district" placeholder="选填" value={district} maxLength={50} onChange={setDistrict} />
      </FormRow>
      <FormRow label="街道" error={errors.street}>
        <Input className="community-street" placeholder="选填" value={street} maxLength={50} onChange={setStreet} />
      </FormRow>
      <FormRow label="常住人口" error={errors.residentPopulation}>
        <Input className="community-population" type="number" placeholder="选填，用于计算参与率" value={population} onChange={setPopulation} />
      </FormRow>
      <View className="actions">
        <Button className="community-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          {community ? '保存' : '创建'}
        </Button>
        <Button block fill="outline" disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
