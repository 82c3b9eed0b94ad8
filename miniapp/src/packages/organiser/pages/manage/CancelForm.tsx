import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { CancelBody, type Activity } from '@civic/shared'
import { useState } from 'react'
import FormRow from '../../../../components/FormRow'
import { cancelActivity } from '../../../../services/organise'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'

/** 取消活动: with a reason, which every signed-up volunteer receives in a notice. */
export default function CancelForm({ activity, onCancelled }: { activity: Activity; onCancelled: (a: Activity) => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const parsed = CancelBody.safeParse({ reason })
    if (!parsed.success) {
      setError(fieldErrors(parsed.error.issues).reason)
      return
    }
    setError(undefined)
    const people = activity.confirmedCount + activity.waitlistCount
    const confirm = await Taro.showModal({
      title: '取消活动',
      content: people ? `已有 ${people} 人报名或候补，他们会收到取消通知。确定取消吗？` : '确定取消这个活动吗？',
      confirmText: '取消活动',
      cancelText: '再想想',
      confirmColor: '#e1251b',
    })
    if (!confirm.confirm) return
    setBusy(true)
    try {
      onCancelled(await cancelActivity(activity.id, parsed.data.reason))
      toastSuccess('已取消活动')
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="cancel-form">
      <View className="section-title">活动不能如期举行？</View>
      <FormRow label="取消原因" error={error}>
        <Input className="cancel-reason" placeholder="例如：天气原因" value={reason} maxLength={200} onChange={setReason} />
      </FormRow>
      <View className="actions">
        <Button className="cancel-submit" type="danger" fill="outline" block loading={busy} disabled={busy} onClick={() => void submit()}>
          取消活动
        </Button>
      </View>
    </View>
  )
}
