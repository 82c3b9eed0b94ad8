import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import type { MeUser } from '@civic/shared'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getMe } from '../../../../services/me'
import RedeemForm from './RedeemForm'

const KIND_LABEL = { unit: '单位', community: '社区' } as const

/** Organiser home: activities management arrives with the activities issue; redeem codes now. */
export default function OrganiserHome() {
  const me = useRemote<MeUser>(getMe)
  const user = me.data
  if (!user) {
    return (
      <View className="page">
        {me.error ? <LoadError error={me.error} onRetry={() => void me.reload()} /> : <PageLoading />}
      </View>
    )
  }
  const roles = user.roles.organiserOf
  return (
    <View className="page organiser-page">
      {roles.length > 0 ? (
        <>
          <Cell.Group title="你是以下单位/社区的组织者">
            {roles.map((r) => (
              <Cell key={`${r.kind}-${r.id}`} title={r.name} extra={KIND_LABEL[r.kind]} />
            ))}
          </Cell.Group>
          <EmptyState
            title="活动管理即将上线"
            description="发布活动、展示签到二维码、补录考勤和审核服务时长，将随“活动”功能一起上线。"
          />
        </>
      ) : (
        <View className="hint">你还不是组织者。组织者由文明办指定，兑换邀请码后即可管理本单位或社区的活动。</View>
      )}
      <RedeemForm onRedeemed={(u) => me.setData(u)} />
    </View>
  )
}
