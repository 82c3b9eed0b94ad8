import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { DirectoryOptions, MeUser, Schedule } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import OptionPicker from '../../../../components/OptionPicker'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getDirectoryOptions, getMe } from '../../../../services/me'
import { deleteSchedule, listSchedules } from '../../../../services/organise'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import ScheduleCard from './ScheduleCard'
import ScheduleForm from './ScheduleForm'
import './index.css'

interface Loaded {
  user: MeUser
  options: DirectoryOptions
}
const load = async (): Promise<Loaded> => {
  const [user, options] = await Promise.all([getMe(), getDirectoryOptions()])
  return { user, options }
}

async function confirmDelete(s: Schedule): Promise<boolean> {
  const res = await Taro.showModal({
    title: '删除周上街安排',
    content: `删除“${s.title}”后，它尚未开始的活动将被取消，已报名的人会收到通知。确定删除吗？`,
    confirmText: '删除',
    cancelText: '再想想',
    confirmColor: '#e1251b',
  })
  return res.confirm
}

/** 周上街安排: a unit's weekly patterns with their coming dates; create, delete. */
export default function SchedulesPage() {
  const base = useRemote<Loaded>(load)
  const units = base.data?.user.roles.organiserOf.filter((o) => o.kind === 'unit') ?? []
  const [picked, setPicked] = useState<number | null>(null)
  const unit = units.find((u) => u.id === picked) ?? units[0]
  const schedules = useRemote<Schedule[]>(() => (unit ? listSchedules(unit.id) : Promise.resolve([])), [unit?.id])
  const [creating, setCreating] = useState(false)

  if (!base.data) {
    return <View className="page">{base.error ? <LoadError error={base.error} onRetry={() => void base.reload()} /> : <PageLoading />}</View>
  }
  if (!unit) {
    return (
      <View className="page">
        <EmptyState title="仅限单位组织者" description="周上街是单位职工的工作任务，由单位的组织者安排。" />
      </View>
    )
  }
  if (creating) {
    const done = () => {
      setCreating(false)
      void schedules.reload()
    }
    return (
      <View className="page">
        <ScheduleForm unit={unit} communities={base.data.options.communities} onSaved={done} onCancel={() => setCreating(false)} />
      </View>
    )
  }

  const remove = async (s: Schedule) => {
    if (!(await confirmDelete(s))) return
    try {
      const { cancelled } = await deleteSchedule(s.id)
      toastSuccess(cancelled ? `已删除，取消 ${cancelled} 场` : '已删除')
      void schedules.reload()
    } catch (e) {
      toastError(e)
    }
  }

  const items = schedules.data
  return (
    <View className="page schedules-page">
      {units.length > 1 ? (
        <OptionPicker title="单位" options={units.map((u) => ({ value: u.id, label: u.name }))} value={unit.id} onChange={setPicked} />
      ) : null}
      <View className="actions">
        <Button className="schedule-new" type="primary" block onClick={() => setCreating(true)}>
          新建周上街安排
        </Button>
      </View>
      {!items ? (
        schedules.error ? <LoadError error={schedules.error} onRetry={() => void schedules.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title="还没有周上街安排" description="设置每周的时间和地点后，系统会提前生成每周的活动。" />
      ) : (
        items.map((s) => <ScheduleCard key={s.id} schedule={s} onDelete={(x) => void remove(x)} />)
      )}
    </View>
  )
}
