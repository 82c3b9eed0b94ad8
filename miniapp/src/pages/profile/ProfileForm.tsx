import { View } from '@tarojs/components'
import { Button, Input, Radio } from '@nutui/nutui-react-taro'
import { GENDERS, GENDER_LABELS, type DirectoryOptions, type MeUser, type ProfileBody } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../components/FieldError'
import FormRow from '../../components/FormRow'
import OptionPicker from '../../components/OptionPicker'
import { ApiError } from '../../services/api'
import { toastError } from '../../utils/feedback'
import { checkDraft, draftFrom, type Gender, type ProfileDraft } from './draft'
import IdNumberField from './IdNumberField'
import PhoneField from './PhoneField'
import SkillsField from './SkillsField'

interface Props {
  user: MeUser
  options: DirectoryOptions
  onSubmit: (body: ProfileBody) => Promise<void>
  onUserChange: (user: MeUser) => void
}

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function ProfileForm({ user, options, onSubmit, onUserChange }: Props) {
  const [draft, setDraft] = useState<ProfileDraft>(() => draftFrom(user))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const communities = options.communities.map((c) => ({ value: c.id, label: c.name }))
  const units = options.units.map((u) => ({ value: u.id, label: u.name }))

  const submit = async () => {
    const check = checkDraft(draft, user.idNumber != null)
    if (!check.ok) {
      setErrors(check.errors)
      return
    }
    setErrors({})
    setSaving(true)
    try {
      await onSubmit(check.body)
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors())
      toastError(e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className="profile-form">
      <View className="section-title">所属（社区居民选社区，单位职工选单位，可都选）</View>
      <OptionPicker className="community-picker" title="所在社区" options={communities} value={draft.communityId} clearable onChange={(v) => set('communityId', v)} />
      <OptionPicker className="unit-picker" title="所在单位" options={units} value={draft.unitId} clearable onChange={(v) => set('unitId', v)} />
      <FieldError message={errors.communityId ?? errors.unitId} />

      <View className="section-title">基本信息</View>
      <FormRow label="姓名" required error={errors.realName}>
        <Input className="name-input" placeholder="请输入真实姓名" value={draft.realName} maxLength={20} onChange={(v) => set('realName', v)} />
      </FormRow>
      <FormRow label="性别" required error={errors.gender}>
        <Radio.Group className="gender-group" direction="horizontal" value={draft.gender ?? ''} onChange={(v) => set('gender', v as Gender)}>
          {GENDERS.map((g) => (
            <Radio key={g} value={g}>
              {GENDER_LABELS[g]}
            </Radio>
          ))}
        </Radio.Group>
      </FormRow>
      <FormRow label="出生年份" required error={errors.birthYear}>
        <Input className="birth-year-input" type="number" placeholder="例如 1990" value={draft.birthYear} maxLength={4} onChange={(v) => set('birthYear', v)} />
      </FormRow>

      <SkillsField skills={draft.skills} onChange={(v) => set('skills', v)} error={errors.skills} />
      <IdNumberField
        stored={user.idNumber}
        idNumber={draft.idNumber}
        consent={draft.idConsent}
        onIdNumber={(v) => set('idNumber', v)}
        onConsent={(v) => set('idConsent', v)}
        errors={errors}
      />
      {isWeapp ? <PhoneField phone={user.phone} onBound={onUserChange} /> : null}

      <View className="actions">
        <Button className="profile-submit" type="primary" block loading={saving} disabled={saving} onClick={() => void submit()}>
          保存
        </Button>
      </View>
    </View>
  )
}
