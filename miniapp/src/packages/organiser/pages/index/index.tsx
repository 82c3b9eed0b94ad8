import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { MeUser } from '@civic/shared'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getMe } from '../../../../services/me'
import { ROUTES } from '../../../../services/routes'
import OrganisedList from './OrganisedList'
import RedeemForm from './RedeemForm'

const KIND_LABEL = { unit: '单位', community: '社区' } as const
/** the office's dashboard page; the server gives an organiser only their own rows */
const DASHBOARD = '/packages/office/pages/dashboard/index'

function go(url: string) {
  void Taro.navigateTo({ url })
}

/** Organiser home: publish, weekly 周上街 schedules, the organised activities; redeem codes. */
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
  const organisesUnit = roles.some((r) => r.kind === 'unit')
  return (
    <View className="page organiser-page">
      {roles.length > 0 ? (
        <>
          <Cell.Group title="你是以下单位/社区的组织者">
            {roles.map((r) => (
              <Cell key={`${r.kind}-${r.id}`} title={r.name} extra={KIND_LABEL[r.kind]} />
            ))}
          </Cell.Group>
          <View className="actions">
            <Button className="publish-activity" type="primary" block onClick={() => go(ROUTES.organiserEdit)}>
              发布活动
            </Button>
            {organisesUnit ? (
              <Button className="open-schedules" type="primary" fill="outline" block onClick={() => go(ROUTES.organiserSchedules)}>
                周上街安排
              </Button>
            ) : null}
            <Button className="open-dashboard" fill="outline" block onClick={() => go(DASHBOARD)}>
              数据看板（本{organisesUnit ? '单位' : '社区'}参与情况）
            </Button>
          </View>
          <OrganisedList />
        </>
      ) : (
        <View className="hint">你还不是组织者。组织者由文明办指定，兑换邀请码后即可管理本单位或社区的活动。</View>
      )}
      <RedeemForm onRedeemed={(u) => me.setData(u)} />
    </View>
  )
}
