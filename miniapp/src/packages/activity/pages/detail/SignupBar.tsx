import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { Activity, MySignup } from '@civic/shared'
import { useState } from 'react'
import { ApiError } from '../../../../services/api'
import { cancelSignup, signUp } from '../../../../services/activities'
import { ROUTES } from '../../../../services/routes'
import { errorMessage, toastError, toastSuccess } from '../../../../utils/feedback'
import { CLOSED_LABEL, signupState } from './signupState'

interface Props {
  activity: Activity
  /** after a change or a refusal: the new sign-up when known (undefined: unknown), then reload */
  onChanged: (mySignup?: MySignup | null) => void
}

async function confirmLeave(waitlisted: boolean): Promise<boolean> {
  const res = await Taro.showModal({
    title: waitlisted ? '取消候补' : '取消报名',
    content: waitlisted ? '确定取消候补吗？取消后将失去候补位置。' : '确定取消报名吗？你的名额将让给候补的人。',
    confirmText: waitlisted ? '取消候补' : '取消报名',
    cancelText: '再想想',
    confirmColor: '#e1251b',
  })
  return res.confirm
}

/** The sign-up button in its states, fixed at the bottom of the activity page. */
export default function SignupBar({ activity, onChanged }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const state = signupState(activity)

  const join = async () => {
    setBusy(true)
    setError(null)
    try {
      const r = await signUp(activity.id)
      if (r.status === 'waitlisted') void Taro.showToast({ title: `名额已满，已为你候补第${r.position}位`, icon: 'none', duration: 2500 })
      else toastSuccess('报名成功')
      onChanged({ status: r.status, position: r.position })
    } catch (e) {
      setError(e)
      toastError(e)
      onChanged()
    } finally {
      setBusy(false)
    }
  }

  const leave = async (waitlisted: boolean) => {
    if (!(await confirmLeave(waitlisted))) return
    setBusy(true)
    setError(null)
    try {
      await cancelSignup(activity.id)
      toastSuccess(waitlisted ? '已取消候补' : '已取消报名')
      onChanged(null)
    } catch (e) {
      setError(e)
      toastError(e)
      onChanged()
    } finally {
      setBusy(false)
    }
  }

  const incomplete = error instanceof ApiError && error.code === 'profile_incomplete'
  return (
    <View className="signup-bar">
      {error ? (
        <View className="signup-error" role="alert">
          {errorMessage(error)}
          {incomplete ? (
            <View className="signup-error-link" onClick={() => void Taro.navigateTo({ url: ROUTES.profile })}>
              去完善个人信息 ›
            </View>
          ) : null}
        </View>
      ) : null}
      {state.kind === 'open' ? (
        <>
          {state.full ? <View className="signup-hint">名额已满，报名后进入候补，有人取消时按顺序递补</View> : null}
          <Button className="signup-button" type="primary" block loading={busy} disabled={busy} onClick={() => void join()}>
            报名
          </Button>
        </>
      ) : state.kind === 'confirmed' || state.kind === 'waitlisted' ? (
        <View className="signup-mine">
          <View className="signup-status">{state.kind === 'confirmed' ? '已报名' : `候补第${state.position ?? '?'}位`}</View>
          {state.canCancel ? (
            <Button className="signup-cancel" fill="outline" loading={busy} disabled={busy} onClick={() => void leave(state.kind === 'waitlisted')}>
              {state.kind === 'confirmed' ? '取消报名' : '取消候补'}
            </Button>
          ) : (
            <View className="signup-hint">报名已截止，如不能参加请联系组织者</View>
          )}
        </View>
      ) : (
        <Button className="signup-button" block disabled>
          {CLOSED_LABEL[state.kind]}
        </Button>
      )}
    </View>
  )
}
