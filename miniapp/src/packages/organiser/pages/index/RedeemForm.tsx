import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { RedeemBody, type MeUser } from '@civic/shared'
import { useState } from 'react'
import FormRow from '../../../../components/FormRow'
import { redeemOrganiserCode } from '../../../../services/me'
import { errorMessage, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'

/** 兑换组织者邀请码: the office hands out single-use codes for a unit or a community. */
export default function RedeemForm({ onRedeemed }: { onRedeemed: (user: MeUser) => void }) {
  const [code, setCode] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const parsed = RedeemBody.safeParse({ code })
    if (!parsed.success) {
      setError(fieldErrors(parsed.error.issues).code)
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      onRedeemed(await redeemOrganiserCode(parsed.data.code))
      setCode('')
      toastSuccess('兑换成功')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="redeem-form">
      <View className="section-title">兑换组织者邀请码</View>
      <View className="hint">向文明办索取邀请码，兑换后即可成为对应单位或社区的活动组织者。</View>
      <FormRow label="邀请码" error={error}>
        <Input className="redeem-input" placeholder="请输入邀请码" value={code} maxLength={32} onChange={setCode} />
      </FormRow>
      <View className="actions">
        <Button className="redeem-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          兑换
        </Button>
      </View>
    </View>
  )
}
