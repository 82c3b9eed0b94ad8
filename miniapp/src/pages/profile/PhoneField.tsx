import { Button, View } from '@tarojs/components'
import type { BaseEventOrig, ButtonProps } from '@tarojs/components'
import type { MeUser } from '@civic/shared'
import { useState } from 'react'
import { bindPhone } from '../../services/me'
import { toastError, toastSuccess } from '../../utils/feedback'

/** weapp only: binds the phone number through WeChat's getPhoneNumber button. */
export default function PhoneField({ phone, onBound }: { phone: string | null; onBound: (u: MeUser) => void }) {
  const [busy, setBusy] = useState(false)
  const onGetPhoneNumber = async (e: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => {
    const { code } = e.detail
    if (!code) return // the user declined
    setBusy(true)
    try {
      onBound(await bindPhone(code))
      toastSuccess('手机号已绑定')
    } catch (err) {
      toastError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="phone-field">
      <View className="section-title">手机号</View>
      <View className="phone-row">
        <View className="phone-value">{phone ?? '未绑定'}</View>
        <Button className="phone-button" size="mini" openType="getPhoneNumber" loading={busy} onGetPhoneNumber={onGetPhoneNumber}>
          {phone ? '更换手机号' : '微信授权绑定'}
        </Button>
      </View>
    </View>
  )
}
