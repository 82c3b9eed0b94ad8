import { View } from '@tarojs/components'
import { Button, Checkbox, Input, Radio, TextArea } from '@nutui/nutui-react-taro'
import { AUDIENCE_LABELS, type ActivityType, type DirectoryOptions, type OrganiserOf } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import FormRow from '../../../../components/FormRow'
import OptionPicker from '../../../../components/OptionPicker'
import { ApiError } from '../../../../services/api'
import { toastError } from '../../../../utils/feedback'
import { DateField, TimeField } from '../../components/ClockFields'
import LocationFields from '../../components/LocationFields'
import '../../components/forms.css'
import { organiserKey, type ActivityDraft, type Audience } from './draft'

interface Props {
  initial: ActivityDraft
  /** editing: the organiser of an existing activity cannot change */
  editing: boolean
  organisers: OrganiserOf[]
  types: ActivityType[]
  communities: DirectoryOptions['communities']
  /** checks the draft; answers field messages, or sends it */
  onSubmit: (draft: ActivityDraft) => Promise<Record<string, string> | void>
}

const KIND_LABEL = { unit: '单位', community: '社区' } as const

export default function ActivityForm({ initial, editing, organisers, types, communities, onSubmit }: Props) {
  const [d, setDraft] = useState<ActivityDraft>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof ActivityDraft>(key: K, value: ActivityDraft[K]) => setDraft((x) => ({ ...x, [key]: value }))
  const unitOrganised = d.organiser?.startsWith('unit:') ?? false
  const audiences = (Object.keys(AUDIENCE_LABELS) as Audience[]).filter((k) => k !== 'unit_staff' || unitOrganised)

  const pickOrganiser = (key: string | null) =>
    setDraft((x) => ({ ...x, organiser: key, audience: key?.startsWith('unit:') || x.audience !== 'unit_staff' ? x.audience : 'everyone' }))

  const submit = async () => {
    setBusy(true)
    try {
      setErrors((await onSubmit(d)) ?? {})
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors())
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="activity-form">
      <View className="section-title">基本信息</View>
      {editing ? null : (
        <OptionPicker
          className="organiser-picker"
          title="主办"
          options={organisers.map((o) => ({ value: organiserKey(o), label: `${o.name}（${KIND_LABEL[o.kind]}）` }))}
          value={d.organiser}
          onChange={pickOrganiser}
        />
      )}
      <FieldError message={errors.organiserUnitId ?? errors.organiserCommunityId} />
      <FormRow label="活动名称" required error={errors.title}>
        <Input className="title-input" placeholder="例如：文明交通劝导" value={d.title} maxLength={60} onChange={(v) => set('title', v)} />
      </FormRow>
      <OptionPicker className="type-picker" title="活动类型" options={types.map((t) => ({ value: t.id, label: t.name }))} value={d.typeId} onChange={(v) => set('typeId', v)} />
      <FieldError message={errors.typeId} />
      <View className="form-textarea">
        <TextArea className="description-input" placeholder="活动内容、集合地点、注意事项（选填）" value={d.description} maxLength={2000} onChange={(v) => set('description', v)} />
      </View>
      <FieldError message={errors.description} />

      <View className="section-title">时间</View>
      <DateField className="date-picker" title="活动日期" value={d.date} onChange={(v) => set('date', v)} />
      <TimeField className="start-picker" title="开始时间" value={d.startTime} onChange={(v) => set('startTime', v)} error={errors.startAt} />
      <TimeField className="end-picker" title="结束时间" value={d.endTime} onChange={(v) => set('endTime', v)} error={errors.endAt} />
      <View className="form-check">
        <Checkbox className="next-day-check" checked={d.endsNextDay} onChange={(v) => set('endsNextDay', v)} label="次日结束（活动跨过午夜）" />
      </View>
      <DateField className="deadline-date-picker" title="报名截止日期" value={d.deadlineDate} onChange={(v) => set('deadlineDate', v)} />
      <TimeField className="deadline-time-picker" title="报名截止时间" value={d.deadlineTime} onChange={(v) => set('deadlineTime', v)} error={errors.signupDeadline} />

      <View className="section-title">地点</View>
      <OptionPicker className="community-picker" title="活动社区" options={communities.map((c) => ({ value: c.id, label: c.name }))} value={d.communityId} onChange={(v) => set('communityId', v)} />
      <FieldError message={errors.communityId} />
      <FormRow label="详细地点" required error={errors.address}>
        <Input className="address-input" placeholder="例如：南关十字东北角" value={d.address} maxLength={100} onChange={(v) => set('address', v)} />
      </FormRow>
      <LocationFields autoLocate={!editing} latitude={d.latitude} longitude={d.longitude} errors={errors} onChange={(p) => setDraft((x) => ({ ...x, ...p, address: x.address || p.address || '' }))} />
      <FormRow label="签到范围" required error={errors.radiusM}>
        <View className="input-unit">
          <Input className="radius-input" type="number" value={d.radiusM} onChange={(v) => set('radiusM', v)} />
          <View className="input-unit-text">米</View>
        </View>
      </FormRow>

      <View className="section-title">报名</View>
      <FormRow label="名额" required error={errors.capacity}>
        <Input className="capacity-input" type="number" placeholder="人数" value={d.capacity} onChange={(v) => set('capacity', v)} />
      </FormRow>
      <FormRow label="参加对象" error={errors.audience}>
        <Radio.Group className="audience-group" value={d.audience} onChange={(v) => set('audience', v as Audience)}>
          {audiences.map((k) => (
            <Radio key={k} value={k}>
              {AUDIENCE_LABELS[k]}
            </Radio>
          ))}
        </Radio.Group>
      </FormRow>
      <View className="form-check">
        <Checkbox className="waitlist-check" checked={d.waitlistEnabled} onChange={(v) => set('waitlistEnabled', v)} label="名额满后允许候补（有人取消时按顺序递补）" />
      </View>
      <View className="form-check">
        <Checkbox className="walkin-check" checked={d.allowWalkIn} onChange={(v) => set('allowWalkIn', v)} label="允许未报名的人到场签到参加" />
      </View>

      <FieldError message={errors._form} />
      <View className="actions">
        <Button className="activity-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          {editing ? '保存修改' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}
