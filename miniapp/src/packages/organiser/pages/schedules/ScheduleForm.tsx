import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { ScheduleBody, WEEKDAY_LABELS, type DirectoryOptions, type OrganiserOf } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import FormRow from '../../../../components/FormRow'
import OptionPicker from '../../../../components/OptionPicker'
import { ApiError } from '../../../../services/api'
import { createSchedule } from '../../../../services/organise'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'
import { TimeField } from '../../components/ClockFields'
import LocationFields from '../../components/LocationFields'
import '../../components/forms.css'

const WEEKDAYS = WEEKDAY_LABELS.slice(1).map((label, i) => ({ value: i + 1, label }))
const num = (t: string) => (t.trim() === '' ? undefined : Number(t))

interface Props {
  unit: OrganiserOf
  communities: DirectoryOptions['communities']
  onSaved: () => void
  onCancel: () => void
}

/** 新建周上街安排: a weekly pattern; the server creates the coming weeks' activities. */
export default function ScheduleForm({ unit, communities, onSaved, onCancel }: Props) {
  const [title, setTitle] = useState(`${unit.name}周上街`)
  const [weekday, setWeekday] = useState<number | null>(null)
  const [startTime, setStartTime] = useState('07:30')
  const [endTime, setEndTime] = useState('09:30')
  const [communityId, setCommunityId] = useState<number | null>(null)
  const [address, setAddress] = useState('')
  const [place, setPlace] = useState({ latitude: '', longitude: '' })
  const [radiusM, setRadiusM] = useState('500')
  const [required, setRequired] = useState('')
  const [capacity, setCapacity] = useState('')
  const [weeksAhead, setWeeksAhead] = useState('4')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const input = {
      unitId: unit.id,
      title: title.trim(),
      weekday: weekday ?? undefined,
      startTime,
      endTime,
      communityId: communityId ?? undefined,
      address: address.trim(),
      latitude: num(place.latitude),
      longitude: num(place.longitude),
      radiusM: num(radiusM),
      requiredHeadcount: num(required),
      capacity: num(capacity),
      weeksAhead: num(weeksAhead),
    }
    const parsed = ScheduleBody.safeParse(input)
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const res = await createSchedule(input as ScheduleBody)
      toastSuccess(`已生成 ${res.created} 场`)
      onSaved()
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors())
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="schedule-form">
      <View className="section-title">{`新建周上街安排 · ${unit.name}`}</View>
      <FormRow label="名称" required error={errors.title}>
        <Input className="schedule-title-input" value={title} maxLength={60} onChange={setTitle} />
      </FormRow>
      <OptionPicker className="weekday-picker" title="每周" options={WEEKDAYS} value={weekday} onChange={setWeekday} />
      <FieldError message={errors.weekday} />
      <TimeField title="开始时间" value={startTime} onChange={setStartTime} error={errors.startTime} />
      <TimeField title="结束时间" value={endTime} onChange={setEndTime} error={errors.endTime} />
      <OptionPicker className="community-picker" title="社区" options={communities.map((c) => ({ value: c.id, label: c.name }))} value={communityId} onChange={setCommunityId} />
      <FieldError message={errors.communityId} />
      <FormRow label="地点" required error={errors.address}>
        <Input className="schedule-address" placeholder="例如：南关十字东北角" value={address} maxLength={100} onChange={setAddress} />
      </FormRow>
      <LocationFields autoLocate latitude={place.latitude} longitude={place.longitude} errors={errors} onChange={(p) => {
        setPlace({ latitude: p.latitude, longitude: p.longitude })
        if (p.address && !address) setAddress(p.address)
      }} />
      <FormRow label="签到范围" required error={errors.radiusM}>
        <View className="input-unit">
          <Input type="number" value={radiusM} onChange={setRadiusM} />
          <View className="input-unit-text">米</View>
        </View>
      </FormRow>
      <FormRow label="应到人数" required error={errors.requiredHeadcount}>
        <Input className="schedule-required" type="number" placeholder="每次需要的人数" value={required} onChange={setRequired} />
      </FormRow>
      <FormRow label="名额" error={errors.capacity}>
        <Input type="number" placeholder="选填，默认等于应到人数" value={capacity} onChange={setCapacity} />
      </FormRow>
      <FormRow label="提前生成" required error={errors.weeksAhead}>
        <View className="input-unit">
          <Input type="number" value={weeksAhead} onChange={setWeeksAhead} />
          <View className="input-unit-text">周</View>
        </View>
      </FormRow>
      <View className="actions">
        <Button className="schedule-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          创建并生成活动
        </Button>
        <Button block fill="outline" disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
