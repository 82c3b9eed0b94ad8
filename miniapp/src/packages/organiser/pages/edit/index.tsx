import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Activity, ActivityType, DirectoryOptions, MeUser } from '@civic/shared'
import { useEffect } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getActivity, listActivityTypes } from '../../../../services/activities'
import { getDirectoryOptions, getMe } from '../../../../services/me'
import { publishActivity, updateActivity } from '../../../../services/organise'
import { ROUTES } from '../../../../services/routes'
import { toastSuccess } from '../../../../utils/feedback'
import ActivityForm from './ActivityForm'
import { checkEdit, checkNew, draftOf, newDraft, type ActivityDraft } from './draft'

interface Loaded {
  user: MeUser
  types: ActivityType[]
  options: DirectoryOptions
  activity: Activity | null
}

async function load(id: number | null): Promise<Loaded> {
  const [user, types, options, activity] = await Promise.all([
    getMe(),
    listActivityTypes(),
    getDirectoryOptions(),
    id == null ? null : getActivity(id),
  ])
  return { user, types: types.filter((t) => t.active || t.id === activity?.type.id), options, activity }
}

/** 发布活动 (no id) or 编辑活动 (?id=): the same form. */
export default function EditActivityPage() {
  const { params } = useRouter()
  const id = params.id ? Number(params.id) : null
  const remote = useRemote<Loaded>(() => load(id), [id])
  useEffect(() => {
    if (id != null) void Taro.setNavigationBarTitle({ title: '编辑活动' })
  }, [id])

  if (!remote.data) {
    return (
      <View className="page">
        {remote.error ? <LoadError error={remote.error} onRetry={() => void remote.reload()} /> : <PageLoading rows={8} />}
      </View>
    )
  }
  const { user, types, options, activity } = remote.data
  const organisers = user.roles.organiserOf
  if (!activity && organisers.length === 0) {
    return (
      <View className="page">
        <EmptyState title="你还不是组织者" description="组织者由文明办指定，兑换邀请码后即可发布活动。" />
      </View>
    )
  }

  const submit = async (draft: ActivityDraft) => {
    if (activity) {
      const check = checkEdit(draft, activity)
      if (!check.ok) return check.errors
      await updateActivity(activity.id, check.body)
      toastSuccess('已保存')
      void Taro.navigateBack()
      return
    }
    const check = checkNew(draft)
    if (!check.ok) return check.errors
    const created = await publishActivity(check.body)
    toastSuccess('已发布')
    void Taro.redirectTo({ url: `${ROUTES.organiserManage}?id=${created.id}` })
  }

  return (
    <View className="page edit-activity-page">
      <ActivityForm
        initial={activity ? draftOf(activity) : newDraft(organisers)}
        editing={activity != null}
        organisers={organisers}
        types={types}
        communities={options.communities}
        onSubmit={submit}
      />
    </View>
  )
}
