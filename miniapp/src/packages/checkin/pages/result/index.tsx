import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { formatChina, type CheckinMode, type ScanResult } from '@civic/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import PageLoading from '../../../../components/PageLoading'
import { ApiError } from '../../../../services/api'
import { scanAttendance, type ScanTarget } from '../../../../services/attendance'
import { ROUTES } from '../../../../services/routes'
import { queryValue, scanToCheckin } from '../../../../utils/checkin'
import { errorMessage } from '../../../../utils/feedback'
import './index.css'

type State = { kind: 'busy' } | { kind: 'done'; result: ScanResult } | { kind: 'failed'; message: string; code: string }

/**
 * A printed standard QR code (WeChat not configured) holds the check-in page's path with the
 * activity's key, not a rotating token: the key, or null.
 */
export function printedKey(text: string): string | null {
  const m = /(?:^|\/)pages\/checkin\/index\?(?:[^#]*&)?scene=([0-9A-Za-z]{1,32})(?:[&#]|$)/.exec(text)
  return m ? m[1] : null
}

function targetOf(params: Record<string, string | undefined>): ScanTarget | null {
  const token = queryValue(params.token)
  if (token) return { token }
  const key = queryValue(params.key)
  const mode = params.mode === 'out' ? 'out' : params.mode === 'in' ? 'in' : null
  if (key && mode) return { activityKey: key, mode }
  return null
}

function headline(r: ScanResult): string {
  if (r.repeated) return r.mode === 'in' ? '已签到' : '已签退'
  return r.mode === 'in' ? '签到成功' : '签退成功'
}

const time = (s: string | null) => (s ? formatChina(s, 'M月D日 HH:mm') : '—')

function Outcome({ result }: { result: ScanResult }) {
  const a = result.attendance
  const out = result.mode === 'out'
  return (
    <View className="checkin-result">
      <View className={`checkin-headline checkin-headline--ok`}>{headline(result)}</View>
      {result.repeated ? <View className="hint">{out ? '你已经签退过了，本次未重复记录' : '你已经签到过了，本次未重复记录'}</View> : null}
      <Cell.Group>
        <Cell title="活动" extra={a.activity.title} />
        <Cell title="签到时间" extra={time(a.checkInAt)} />
        {out ? <Cell title="签退时间" extra={time(a.checkOutAt)} /> : null}
        {out ? <Cell className="checkin-hours" title="服务时长" extra={`${a.hours} 小时`} /> : null}
        {out ? <Cell className="checkin-points" title="获得积分" extra={`${a.points} 分`} /> : null}
        {a.status === 'pending' ? <Cell title="状态" extra="待审核" /> : null}
      </Cell.Group>
      {!out ? <View className="hint">活动结束离开前，请扫描签退码完成签退，服务时长和积分在签退后计入。</View> : null}
    </View>
  )
}

/** The outcome of a scan: 签到成功 / 签退成功 / 已签到, or the server's reason (too far, window closed…). */
export default function CheckinResultPage() {
  const { params } = useRouter()
  const target = targetOf(params)
  const [state, setState] = useState<State>({ kind: 'busy' })
  const started = useRef(false)

  const run = useCallback(async () => {
    if (!target) {
      setState({ kind: 'failed', code: 'no_target', message: '没有读到签到码，请重新扫码' })
      return
    }
    setState({ kind: 'busy' })
    try {
      setState({ kind: 'done', result: await scanAttendance(target) })
    } catch (e) {
      const message = e instanceof ApiError ? e.message : (e as { errMsg?: string })?.errMsg ? '无法获取你的位置，请允许使用位置信息后重试' : errorMessage(e)
      setState({ kind: 'failed', code: e instanceof ApiError ? String(e.code) : 'location', message })
    }
  }, [JSON.stringify(target)]) // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (started.current) return
    started.current = true
    // the printed code's page asks 签到 or 签退 and names the activity
    const printed = target && 'token' in target ? printedKey(target.token) : null
    if (printed) void Taro.redirectTo({ url: `${ROUTES.checkin}?scene=${printed}` })
    else void run()
  }, [run]) // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <View className="page checkin-result-page">
      {state.kind === 'busy' ? <PageLoading /> : null}
      {state.kind === 'done' ? <Outcome result={state.result} /> : null}
      {state.kind === 'failed' ? (
        <View className="checkin-result">
          <View className="checkin-headline checkin-headline--fail">{failTitle(target)}</View>
          <View className="checkin-message">{state.message}</View>
          <View className="actions">
            <Button type="primary" block onClick={() => void retry(target, run)}>
              {target && 'token' in target ? '重新扫码' : '重试'}
            </Button>
          </View>
        </View>
      ) : null}
      <View className="actions">
        <Button fill="outline" block onClick={() => void Taro.switchTab({ url: ROUTES.activities })}>
          返回活动
        </Button>
      </View>
    </View>
  )
}

function failTitle(target: ScanTarget | null): string {
  const mode: CheckinMode | undefined = target && 'mode' in target ? target.mode : undefined
  return mode === 'out' ? '签退失败' : mode === 'in' ? '签到失败' : '签到/签退失败'
}

async function retry(target: ScanTarget | null, run: () => Promise<void>) {
  // a rotating code expires within seconds: scan afresh instead of resending the old token
  if (target && 'token' in target) {
    await scanToCheckin(true)
    return
  }
  await run()
}
