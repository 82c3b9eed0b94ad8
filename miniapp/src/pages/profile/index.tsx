import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { DirectoryOptions, MeUser, ProfileBody } from '@civic/shared'
import LoadError from '../../components/LoadError'
import PageLoading from '../../components/PageLoading'
import { useRemote } from '../../hooks/useRemote'
import { getDirectoryOptions, getMe, saveProfile } from '../../services/me'
import { ROUTES } from '../../services/routes'
import { toastSuccess } from '../../utils/feedback'
import ProfileForm from './ProfileForm'
import './index.css'

interface Loaded {
  user: MeUser
  options: DirectoryOptions
}

async function load(): Promise<Loaded> {
  const [user, options] = await Promise.all([getMe(), getDirectoryOptions()])
  return { user, options }
}

/** 完善个人信息 after the first login (?first=1), 编辑资料 afterwards. */
export default function ProfilePage() {
  const { params } = useRouter()
  const first = params.first === '1'
  const remote = useRemote<Loaded>(load)

  const submit = async (body: ProfileBody) => {
    await saveProfile(body)
    toastSuccess('已保存')
    if (first) void Taro.switchTab({ url: ROUTES.me })
    else void Taro.navigateBack()
  }

  if (!remote.data) {
    return (
      <View className="page">
        {remote.error ? <LoadError error={remote.error} onRetry={() => void remote.reload()} /> : <PageLoading rows={6} />}
      </View>
    )
  }
  const { user, options } = remote.data
  return (
    <View className="page profile-page">
      {first ? <View className="profile-welcome">欢迎加入！请先完善个人信息，方便组织者联系你并记录志愿服务时长。</View> : null}
      <ProfileForm
        user={user}
        options={options}
        onSubmit={submit}
        onUserChange={(u) => remote.setData({ user: u, options })}
      />
    </View>
  )
}
