import { View } from '@tarojs/components'
import { Checkbox, Input } from '@nutui/nutui-react-taro'
import FormRow from '../../components/FormRow'
import FieldError from '../../components/FieldError'

interface Props {
  /** the stored number, masked (1101**********1234), if any */
  stored: string | null
  idNumber: string
  consent: boolean
  onIdNumber: (v: string) => void
  onConsent: (v: boolean) => void
  errors: Record<string, string | undefined>
}

/** Optional ID number (for 志愿服务记录证明), only with explicit consent (《志愿服务条例》 art. 20). */
export default function IdNumberField({ stored, idNumber, consent, onIdNumber, onConsent, errors }: Props) {
  return (
    <View className="id-field">
      <View className="section-title">身份证号（选填）</View>
      <View className="hint">
        仅用于出具志愿服务记录证明，加密保存、脱敏显示，不会向任何人公开。
        {stored ? `已登记：${stored}。取消勾选并保存将删除已登记的号码。` : ''}
      </View>
      <FormRow label="身份证号" error={errors.idNumber}>
        <Input
          className="id-input"
          placeholder={stored ? '重新填写以更新' : '18 位身份证号码'}
          value={idNumber}
          maxLength={18}
          onChange={onIdNumber}
        />
      </FormRow>
      <View className="id-consent">
        <Checkbox className="id-consent-checkbox" checked={consent} onChange={onConsent} label="我同意提供身份证号用于志愿服务记录" />
      </View>
      <FieldError message={errors.idConsent} />
    </View>
  )
}
