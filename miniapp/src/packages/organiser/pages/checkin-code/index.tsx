import { Image, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import type { CheckinMode, CheckinToken } from '@civic/shared'
import { useEffect, useState } from 'react'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { getCheckinToken } from '../../../../services/attendance'
import { ROUTES } from '../../../../services/routes'
import { queryValue } from '../../../../utils/checkin'
import PrintableCode from './PrintableCode'
import './index.css'

const MODE_LABEL: Record<CheckinMode, string> = { in: '签到码', out: '签退码' }

/** Fetches the code for `mode` now and again every `refreshInS` seconds (before it expires). */
function useRotatingCode(activityId: number, mode: CheckinMode) {
  const [code, setCode] = useState<CheckinToken>()
  const [error, setError] = useState<unknown>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const c = await getCheckinToken(activityId, mode)
        if (!alive) return
        setCode(c)
        setError(null)
        timer = setTimeout(() => void load(), Math.max(c.refreshInS, 3) * 1000)
      } catch (e) {
        if (!alive) return
        setError(e)
        // a network hiccup: try again shortly instead of leaving a dead code on the screen
        timer = setTimeout(() => void load(), 5000)
      }
    }
    setCode(undefined)
    void load()
    return () => {
      alive = false
      if (timer) clearTimeout(timer)
    }
  }, [activityId, mode, attempt])
  return { code, error, retry: () => setAttempt((n) => n + 1) }
}

/** Keeps the screen on while the page is open (a phone held up at the entrance). */
function useKeepScreenOn() {
  useEffect(() => {
    void Promise.resolve()
      .then(() => Taro.setKeepScreenOn({ keepScreenOn: true }))
      .catch(() => undefined)
    return () => {
      void Promise.resolve()
        .then(() => Taro.setKeepScreenOn({ keepScreenOn: false }))
        .catch(() => undefined)
    }
  }, [])
}

/** The organiser's rotating 签到码 / 签退码 with live counts. */
export default function CheckinCodePage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const title = queryValue(params.title)
  const [mode, setMode] = useState<CheckinMode>(params.mode === 'out' ? 'out' : 'in')
  const { code, error, retry } = useRotatingCode(id, mode)
  useKeepScreenOn()

  return (
    <View className="page checkin-code-page">
      {title ? <View className="checkin-code-title">{title}</View> : null}
      <View className="checkin-code-modes">
        {(['in', 'out'] as const).map((m) => (
          <View
            key={m}
            className={`option-chip checkin-mode checkin-mode--${m}${m === mode ? ' option-chip--on' : ''}`}
            onClick={() => setMode(m)}
          >
            {MODE_LABEL[m]}
          </View>
        ))}
      </View>
      {code && code.mode === mode ? (
        <View className="checkin-code-box">
          <Image className="checkin-code-image" src={code.qrDataUrl} mode="aspectFit" />
          <View className="checkin-code-token" data-token={code.token}>
            {`请志愿者用「文明积分」扫码${mode === 'in' ? '签到' : '签退'}，二维码每 ${code.refreshInS} 秒自动更新`}
          </View>
          <View className="checkin-code-counts">
            <View className="checkin-count">{`已报名 ${code.counts.confirmed}`}</View>
            <View className="checkin-count checkin-count--in">{`已签到 ${code.counts.checkedIn}`}</View>
            <View className="checkin-count checkin-count--out">{`已签退 ${code.counts.checkedOut}`}</View>
          </View>
        </View>
      ) : error ? (
        <LoadError error={error} onRetry={retry} />
      ) : (
        <PageLoading />
      )}
      <View className="actions">
        <Button fill="outline" block onClick={() => void Taro.navigateTo({ url: `${ROUTES.organiserAttendance}?id=${id}` })}>
          签到记录与补录
        </Button>
        <PrintableCode activityId={id} />
      </View>
    </View>
  )
}
