import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import { formatChina, type AttendanceView } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { approveAttendance, listPendingAttendance, rejectAttendance } from '../../../../services/attendance'
import { toastError, toastSuccess } from '../../../../utils/feedback'

const t = (s: string | null) => (s ? formatChina(s, 'M月D日 HH:mm') : '未签退')

/** 待审核的补录: another organiser's manual attendance, approve or reject (four eyes). */
export default function PendingPage() {
  const list = useRemote<{ items: AttendanceView[] }>(listPendingAttendance)
  const [busy, setBusy] = useState<number | null>(null)
  const items = list.data?.items
  if (!items) {
    return <View className="page">{list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />}</View>
  }
  const act = async (a: AttendanceView, approve: boolean) => {
    setBusy(a.id)
    try {
      if (approve) await approveAttendance(a.id)
      else await rejectAttendance(a.id)
      toastSuccess(approve ? '已通过' : '已驳回')
      await list.reload()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }
  if (items.length === 0) return <View className="page"><EmptyState title="没有待审核的补录" description="其他组织者补录的签到会显示在这里" /></View>
  return (
    <View className="page pending-page">
      {items.map((a) => (
        <Cell.Group key={a.id} className="pending-item" title={a.activity.title}>
          <Cell title={a.user.name ?? '未填写姓名'} extra={`${a.hours} 小时`} description={`${t(a.checkInAt)} – ${t(a.checkOutAt)}`} />
          {a.source === 'walk_in' ? (
            <Cell title="未报名，现场扫码签到" description="允许现场参加的活动：确认本人到场后通过" />
          ) : (
            <Cell title="补录原因" description={a.reason ?? ''} extra={a.recordedBy ? `补录人 ${a.recordedBy.name}` : ''} />
          )}
          <View className="actions row">
            <Button className="pending-approve" type="primary" size="small" loading={busy === a.id} onClick={() => void act(a, true)}>通过</Button>
            <Button className="pending-reject" type="danger" fill="outline" size="small" disabled={busy === a.id} onClick={() => void act(a, false)}>驳回</Button>
          </View>
        </Cell.Group>
      ))}
    </View>
  )
}
