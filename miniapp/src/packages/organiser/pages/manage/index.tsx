import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import type { Activity } from '@civic/shared'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow'
import { useRemote } from '../../../../hooks/useRemote'
import { getActivity } from '../../../../services/activities'
import { ROUTES } from '../../../../services/routes'
import { activityTime, placesText } from '../../../../utils/activity'
import CancelForm from './CancelForm'

function go(url: string) {
  void Taro.navigateTo({ url })
}

/** One organised activity: figures, 编辑, 报名名单, the volunteers' view, 取消活动. */
export default function ManageActivityPage() {
  const id = Number(useRouter().params.id)
  const remote = useRemote<Activity>(() => getActivity(id), [id])
  useReloadOnShow(remote.reload)
  const a = remote.data
  if (!a) {
    return (
      <View className="page">
        {remote.error ? <LoadError error={remote.error} onRetry={() => void remote.reload()} /> : <PageLoading />}
      </View>
    )
  }
  if (!a.canManage) {
    return (
      <View className="page">
        <EmptyState title="只有本活动的组织者可以管理" description="请联系主办单位或社区的组织者。" />
      </View>
    )
  }
  const ended = Date.now() >= Date.parse(a.endAt)
  const open = a.status === 'published' && !ended
  return (
    <View className="page manage-page">
      <Cell.Group title={a.status === 'cancelled' ? `已取消：${a.cancelReason ?? ''}` : ended ? '已结束' : '进行中 / 即将开始'}>
        <Cell className="manage-title" title={a.title} description={<View className="multiline">{`${activityTime(a)}\n${a.community.name} · ${a.address}`}</View>} />
        <Cell title="报名" extra={`${a.confirmedCount} / ${a.capacity} 人`} description={placesText(a)} />
        <Cell title="候补" extra={`${a.waitlistCount} 人`} />
      </Cell.Group>
      <Cell.Group>
        <Cell className="manage-roster" title="报名名单" description="已报名、候补顺序、已取消" clickable onClick={() => go(`${ROUTES.organiserRoster}?id=${a.id}`)} />
        {open ? <Cell className="manage-edit" title="编辑活动" clickable onClick={() => go(`${ROUTES.organiserEdit}?id=${a.id}`)} /> : null}
        <Cell title="查看活动页" description="志愿者看到的样子" clickable onClick={() => go(`${ROUTES.activityDetail}?id=${a.id}`)} />
        {a.status !== 'cancelled' ? (
          <Cell className="manage-checkin-code" title="签到码 / 签退码" description="现场展示，每 15 秒自动更新" clickable onClick={() => go(`${ROUTES.organiserCheckinCode}?id=${a.id}&title=${encodeURIComponent(a.title)}`)} />
        ) : null}
        <Cell className="manage-attendance" title="签到记录" description="补录签到、标记未到场" clickable onClick={() => go(`${ROUTES.organiserAttendance}?id=${a.id}`)} />
      </Cell.Group>
      {open ? <CancelForm activity={a} onCancelled={(x) => remote.setData(x)} /> : null}
    </View>
  )
}
