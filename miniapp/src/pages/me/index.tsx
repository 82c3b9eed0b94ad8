import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { MeUser } from '@civic/shared'
import { useEffect } from 'react'
import LoadError from '../../components/LoadError'
import PageLoading from '../../components/PageLoading'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { useRemote } from '../../hooks/useRemote'
import { listActivities, listNotices, markNoticesRead, type ActivityPage, type Notices } from '../../services/activities'
import { logout } from '../../services/auth'
import { getMe } from '../../services/me'
import { ROUTES } from '../../services/routes'
import { REPORT_ROUTES } from '../report/routes'
import NoticesSection from './NoticesSection'
import RoleTags from './RoleTags'
import ServiceSummary from './ServiceSummary'
import SignupsSection from './SignupsSection'
import { getSummary } from '../../services/attendance'
import type { Summary } from '@civic/shared'
import './index.css'

function go(url: string) {
  void Taro.navigateTo({ url })
}

function signOut() {
  logout()
  void Taro.reLaunch({ url: `${ROUTES.login}?loggedOut=1` })
}

function Profile({ user }: { user: MeUser }) {
  return (
    <View className="me-header">
      <View className="me-name">{user.realName ?? '未填写姓名'}</View>
      <View className="me-phone">{user.phone ?? '未绑定手机号'}</View>
      <RoleTags roles={user.roles} />
    </View>
  )
}

const upcomingSignups = () => listActivities({ mine: 'signed_up', status: 'upcoming', pageSize: 3 })

export default function MePage() {
  const me = useRemote<MeUser>(getMe)
  const notices = useRemote<Notices>(listNotices)
  const signups = useRemote<ActivityPage>(upcomingSignups)
  const summary = useRemote<Summary>(getSummary)
  useReloadOnShow(() => Promise.all([me.reload(), notices.reload(), signups.reload(), summary.reload()]))
  const unread = notices.data?.unread ?? 0
  // shown on this page means read: the list keeps its 未读 marks until the next visit (and if
  // marking fails, they simply show as unread again then)
  useEffect(() => {
    if (unread > 0) void markNoticesRead().catch(() => undefined)
  }, [notices.data, unread])
  const user = me.data

  if (!user) {
    return (
      <View className="page">
        {me.error ? <LoadError error={me.error} onRetry={() => void me.reload()} /> : <PageLoading />}
      </View>
    )
  }
  const isOrganiser = user.roles.organiserOf.length > 0
  return (
    <View className="page me-page">
      <Profile user={user} />
      {summary.data ? <ServiceSummary summary={summary.data} /> : null}
      {notices.data ? <NoticesSection notices={notices.data} /> : null}
      {signups.data ? <SignupsSection signups={signups.data} /> : null}
      <Cell.Group title="所属">
        <Cell title="所在社区" extra={user.community?.name ?? '未选择'} />
        <Cell title="所在单位" extra={user.unit?.name ?? '未选择'} />
      </Cell.Group>
      <Cell.Group title="功能">
        {isOrganiser ? <Cell title="组织者" description="管理本单位/社区的活动" clickable onClick={() => go(ROUTES.organiser)} /> : null}
        {user.roles.organiserOf.some((o) => o.kind === 'unit') ? (
          <Cell title="整改任务" clickable onClick={() => go(REPORT_ROUTES.queue)} />
        ) : null}
        {user.roles.office ? (
          <Cell title="文明办管理" description="社区、单位、包联与组织者邀请" clickable onClick={() => go(ROUTES.office)} />
        ) : null}
        <Cell title="兑换组织者邀请码" clickable onClick={() => go(ROUTES.organiser)} />
        <Cell title="编辑资料" clickable onClick={() => go(ROUTES.profile)} />
      </Cell.Group>
      <Cell.Group>
        <Cell className="me-logout" title="退出登录" clickable onClick={signOut} />
      </Cell.Group>
    </View>
  )
}
