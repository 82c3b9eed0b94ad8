import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { formatChina, type Invitation } from '@civic/shared'

const KIND_LABEL = { unit: '单位', community: '社区' } as const

export default function InvitationCard({ invitation }: { invitation: Invitation }) {
  const copy = () => void Taro.setClipboardData({ data: invitation.code })
  return (
    <View className="invitation-card">
      <View className="invitation-code">{invitation.code}</View>
      <View className="invitation-meta">
        {`${KIND_LABEL[invitation.target.kind]}：${invitation.target.name}`}
        {`\n有效期至 ${formatChina(invitation.expiresAt)}，仅可使用一次`}
      </View>
      <Button size="small" type="primary" fill="outline" onClick={copy}>
        复制邀请码
      </Button>
    </View>
  )
}
