import { View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { chinaWallClock, formatChina, type Activity, type Roster } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import FormRow from '../../../../components/FormRow'
import OptionPicker from '../../../../components/OptionPicker'
import { ApiError } from '../../../../services/api'
import { recordManualAttendance } from '../../../../services/attendance'
import { toastError, toastSuccess } from '../../../../utils/feedback'

/** `2026-11-21 08:30` (China time) → ISO instant; null when malformed. */
export function parseChinaTime(s: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})$/.exec(s.trim())
  if (!m) return null
  const [h, min] = m[2].split(':')
  try {
    const d = chinaWallClock(m[1], `${h.padStart(2, '0')}:${min}`)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  } catch {
    return null
  }
}

/** 补录: pick a signed-up volunteer, times and a reason; another organiser approves it. */
export default function ManualForm({ activity, roster, onSaved }: { activity: Activity; roster: Roster; onSaved: () => void }) {
  const [userId, setUserId] = useState<number | null>(null)
  const [checkIn, setCheckIn] = useState(formatChina(activity.startAt))
  const [checkOut, setCheckOut] = useState(formatChina(activity.endAt))
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const e: Record<string, string> = {}
    const inAt = parseChinaTime(checkIn)
    const outAt = checkOut.trim() ? parseChinaTime(checkOut) : null
    if (userId == null) e.userId = '请选择志愿者'
    if (!inAt) e.checkInAt = '签到时间格式应为 YYYY-MM-DD HH:mm'
    if (checkOut.trim() && !outAt) e.checkOutAt = '签退时间格式应为 YYYY-MM-DD HH:mm'
    else if (inAt && outAt && outAt < inAt) e.checkOutAt = '签退时间不能早于签到时间'
    if (!reason.trim()) e.reason = '请填写补录原因'
    setErrors(e)
    if (Object.keys(e).length) return
    setBusy(true)
    try {
      await recordManualAttendance(activity.id, { userId: userId!, checkInAt: inAt!, checkOutAt: outAt, reason: reason.trim() })
      toastSuccess('已提交，待审核')
      setReason('')
      onSaved()
    } catch (err) {
      if (err instanceof ApiError && err.details.length) setErrors(err.fieldErrors())
      else toastError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="manual-form">
      <View className="section-title">补录签到</View>
      <OptionPicker
        title="志愿者"
        options={roster.confirmed.map((r) => ({ value: r.userId, label: `${r.name ?? '未填写姓名'}${r.phone ? ` ${r.phone}` : ''}` }))}
        value={userId}
        onChange={setUserId}
        placeholder="从报名名单中选择"
      />
      <FieldError message={errors.userId} />
      <FormRow label="签到时间" required error={errors.checkInAt}>
        <Input className="manual-in" value={checkIn} onChange={setCheckIn} placeholder="YYYY-MM-DD HH:mm" />
      </FormRow>
      <FormRow label="签退时间" error={errors.checkOutAt}>
        <Input className="manual-out" value={checkOut} onChange={setCheckOut} placeholder="YYYY-MM-DD HH:mm（可不填）" />
      </FormRow>
      <FormRow label="补录原因" required error={errors.reason}>
        <TextArea className="manual-reason" value={reason} maxLength={200} onChange={setReason} placeholder="例如：手机没电，现场由组织者确认到岗" />
      </FormRow>
      <View className="actions">
        <Button className="manual-submit" type="primary" block loading={busy} onClick={() => void submit()}>
          提交补录（需另一位组织者审核）
        </Button>
      </View>
    </View>
  )
}
