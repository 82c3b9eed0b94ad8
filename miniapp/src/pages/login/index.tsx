import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { hasSession, loginAsDemo, loginWithWechat } from '../../services/auth'
import { getMe } from '../../services/me'
import { enterApp } from '../../services/navigation'
import { errorMessage } from '../../utils/feedback'
import DemoLogin from './DemoLogin'
import './index.css'

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * weapp: logs in with wx.login on launch, silently. H5: 演示登录 (the server's dev login).
 * Either way an existing session is reused, and an incomplete profile goes to the form first.
 */
export default function LoginPage() {
  const { params } = useRouter()
  const loggedOut = params.loggedOut === '1'
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = useCallback(async (login: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await login()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }, [])

  const resume = useCallback(() => run(async () => enterApp(await getMe())), [run])
  const wechat = useCallback(() => run(async () => enterApp((await loginWithWechat()).user)), [run])
  const demo = useCallback((openid: string) => run(async () => enterApp((await loginAsDemo(openid)).user)), [run])

  useEffect(() => {
    if (hasSession()) void resume()
    else if (isWeapp && !loggedOut) void wechat()
  }, [resume, wechat, loggedOut])

  return (
    <View className="page login-page">
      <View className="login-brand">
        <View className="login-title">文明积分</View>
        <View className="login-subtitle">创建文明城市 · 志愿服务与积分</View>
      </View>
      {error ? <View className="login-error">{error}</View> : null}
      {isWeapp ? (
        <View className="actions">
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void wechat()}>
            {busy ? '正在登录…' : '微信一键登录'}
          </Button>
        </View>
      ) : (
        <DemoLogin busy={busy} onLogin={(openid) => void demo(openid)} />
      )}
    </View>
  )
}
