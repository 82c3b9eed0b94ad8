import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { ATTENDANCE_STATUS_LABELS, formatChina, type Activity, type AttendanceView, type Roster } from '@civic/shared'
import { useState } from 'react'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getActivity } from '../../../../services/activities'
import { listActivityAttendance, markNoShows } from '../../../../services/attendance'
import { getRoster } from '../../../../services/organise'
import { ROUTES } from '../../../../services/routes'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import ManualForm from './ManualForm'

interface Data {
  activity: Activity
  roster: Roster
  items: AttendanceView[]
}

const t = (s: string | null) => (s ? formatChina(s, 'HH:mm') : '—')

/** An activity's check-ins: the list, 补录 by hand, 标记未到场 after the end. */
export default function AttendancePage() {
  const id = Number(useRouter().params.id)
  const data = useRemote<Data>(async () => {
    const [activity, roster, att] = await Promise.all([getActivity(id), getRoster(id), listActivityAttendance(id)])
    return { activity, roster, items: att.items }
  }, [id])
  const [marking, setMarking] = useState(false)
  const d = data.data
  if (!d) {
    return <View className="page">{data.error ? <LoadError error={data.error} onRetry={() => void data.reload()} /> : <PageLoading />}</View>
  }
  const ended = new Date(d.activity.endAt).getTime() <= Date.now()

  const noShows = async () => {
    const { confirm } = await Taro.showModal({
      title: '标记未到场',
      content: '已报名但没有签到的志愿者将记为未到场，确定吗？',
      confirmText: '标记',
    })
    if (!confirm) return
    setMarking(true)
    try {
      const r = await markNoShows(id)
      toastSuccess(`已标记 ${r.marked} 人未到场`)
      await data.reload()
    } catch (e) {
      toastError(e)
    } finally {
      setMarking(false)
    }
  }

  return (
    <View className="page attendance-page">
      <Cell.Group title={`${d.activity.title} · 签到记录（${d.items.length}）`}>
        {d.items.length === 0 ? <Cell title="还没有人签到" /> : null}
        {d.items.map((a) => (
          <Cell
            key={a.id}
            className="attendance-item"
            title={a.user.name ?? '未填写姓名'}
            description={`${t(a.checkInAt)} – ${t(a.checkOutAt)} · ${ATTENDANCE_STATUS_LABELS[a.status]}${a.source === 'manual' ? ' · 补录' : ''}`}
            extra={`${a.hours} 小时`}
          />
        ))}
      </Cell.Group>
      <View className="actions">
        <Button fill="outline" block onClick={() => void Taro.navigateTo({ url: `${ROUTES.organiserCheckinCode}?id=${id}&title=${encodeURIComponent(d.activity.title)}` })}>
          签到码 / 签退码
        </Button>
        <Button fill="outline" block onClick={() => void Taro.navigateTo({ url: ROUTES.organiserPending })}>
          待审核的补录
        </Button>
        {ended ? (
          <Button className="mark-no-shows" type="danger" fill="outline" block loading={marking} onClick={() => void noShows()}>
            标记未到场
          </Button>
        ) : null}
      </View>
      <ManualForm activity={d.activity} roster={d.roster} onSaved={() => void data.reload()} />
    </View>
  )
}
