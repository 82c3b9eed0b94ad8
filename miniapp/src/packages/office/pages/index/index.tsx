import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { MeUser } from '@civic/shared'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getMe } from '../../../../services/me'
import { ROUTES } from '../../../../services/routes'
import { REPORT_ROUTES } from '../../../report/routes'

const MENU = [
  { title: '社区', description: '社区列表、常住人口、已注册居民', url: ROUTES.officeCommunities },
  { title: '单位', description: '单位列表、在编人数、已注册职工', url: ROUTES.officeUnits },
  { title: '包联', description: '单位与社区的包抓共建关系', url: ROUTES.officePairings },
  { title: '组织者邀请码', description: '为单位或社区生成一次性邀请码', url: ROUTES.officeInvitations },
] as const

const DASHBOARD_URL = '/packages/office/pages/dashboard/index'

/** 文明办管理: the office's menu. Every action is authorised again by the server. */
export default function OfficeHome() {
  const me = useRemote<MeUser>(getMe)
  if (!me.data) {
    return (
      <View className="page">
        {me.error ? <LoadError error={me.error} onRetry={() => void me.reload()} /> : <PageLoading />}
      </View>
    )
  }
  if (!me.data.roles.office) {
    return (
      <View className="page">
        <EmptyState title="仅限文明办工作人员" description="如需开通，请联系文明办管理员。" />
      </View>
    )
  }
  return (
    <View className="page office-home">
      <Cell.Group title="统计">
        <Cell
          className="office-dashboard"
          title="数据看板"
          description="参与率、周上街达标、红黑榜、每周趋势，导出 Excel"
          clickable
          onClick={() => void Taro.navigateTo({ url: DASHBOARD_URL })}
        />
      </Cell.Group>
      <Cell.Group title="随手拍">
        <Cell className="office-reports-entry" title="随手拍受理" description="待受理的上报：交办、不予受理、标记重复" clickable onClick={() => void Taro.navigateTo({ url: `${REPORT_ROUTES.triage}?status=submitted` })} />
        <Cell className="office-verify-entry" title="整改核验" description="单位提交的整改：核验办结或退回" clickable onClick={() => void Taro.navigateTo({ url: `${REPORT_ROUTES.triage}?status=rectified` })} />
      </Cell.Group>
      <Cell.Group title="基础数据">
        {MENU.map((m) => (
          <Cell key={m.url} title={m.title} description={m.description} clickable onClick={() => void Taro.navigateTo({ url: m.url })} />
        ))}
      </Cell.Group>
    </View>
  )
}
