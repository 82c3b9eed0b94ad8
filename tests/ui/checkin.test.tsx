import { act, render, screen, waitFor } from '@testing-library/react'
import type { AttendanceView, CheckinToken, ScanResult, Summary } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import ActivitiesPage from '../../miniapp/src/pages/activities/index'
import CheckinPage from '../../miniapp/src/pages/checkin/index'
import MePage from '../../miniapp/src/pages/me/index'
import CheckinResultPage from '../../miniapp/src/packages/checkin/pages/result/index'
import CheckinCodePage from '../../miniapp/src/packages/organiser/pages/checkin-code/index'
import { clickText } from '../helpers/ui-dom'
import { errorBody, fakeApi, meUser, stubUi, type FakeReply } from '../helpers/ui-fixtures'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })
const RESULT = '/packages/checkin/pages/result/index'

function attendance(overrides: Partial<AttendanceView> = {}): AttendanceView {
  return {
    id: 11,
    activity: {
      id: 7,
      title: '南关十字文明交通劝导',
      startAt: '2026-11-21T00:00:00.000Z',
      endAt: '2026-11-21T04:00:00.000Z',
      address: '南关十字东北角',
      duty: false,
    },
    user: { id: 1, name: '张三', phone: null },
    source: 'scan',
    status: 'approved',
    checkInAt: '2026-11-21T00:05:00.000Z',
    checkOutAt: null,
    hours: 0,
    points: 0,
    reason: null,
    recordedBy: null,
    approvedBy: null,
    ...overrides,
  }
}

function mockDevice(result = 'tok.abc') {
  const scan = jest.spyOn(Taro, 'scanCode').mockResolvedValue({ result, errMsg: 'scanCode:ok' } as never)
  const locate = jest
    .spyOn(Taro, 'getLocation')
    .mockResolvedValue({ latitude: 34.2600001, longitude: 108.94, errMsg: 'getLocation:ok' } as never)
  return { scan, locate }
}

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
})
afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

describe('扫码签到', () => {
  test('when the volunteer taps 扫码签到 on the 活动 tab, then the camera opens and the result page gets the scanned token', async () => {
    const { nav } = stubUi()
    const { scan } = mockDevice('tok.with/slash+plus=')
    fakeApi({})
    render(<ActivitiesPage />)
    clickText('扫码签到')
    await waitFor(() => expect(nav.navigateTo).toHaveBeenCalled())
    expect(scan).toHaveBeenCalledTimes(1)
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: `${RESULT}?token=${encodeURIComponent('tok.with/slash+plus=')}` })
  })

  test('when the camera reads a printed mini-program code of this app, then its check-in page opens with the scene', async () => {
    const { nav } = stubUi()
    jest
      .spyOn(Taro, 'scanCode')
      .mockResolvedValue({ result: '', path: 'pages/checkin/index?scene=AbC123xyZ9', scanType: 'WX_CODE', errMsg: 'scanCode:ok' } as never)
    fakeApi({})
    render(<ActivitiesPage />)
    clickText('扫码签到')
    await waitFor(() => expect(nav.navigateTo).toHaveBeenCalled())
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/checkin/index?scene=AbC123xyZ9' })
  })

  test('when the camera is closed without a code, then nothing opens', async () => {
    const { nav } = stubUi()
    jest.spyOn(Taro, 'scanCode').mockRejectedValue({ errMsg: 'scanCode:fail cancel' })
    fakeApi({})
    render(<ActivitiesPage />)
    clickText('扫码签到')
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10))
    })
    expect(nav.navigateTo).not.toHaveBeenCalled()
  })

  test('when a check-in token is posted, then the body carries the token and the position, and 签到成功 shows', async () => {
    stubUi()
    const { locate } = mockDevice()
    Current.router = { params: { token: 'tok.abc' }, path: RESULT } as never
    const { calls } = fakeApi({ 'POST /api/attendance/scan': () => ok({ mode: 'in', repeated: false, attendance: attendance() } satisfies ScanResult) })
    render(<CheckinResultPage />)
    expect(await screen.findByText('签到成功')).toBeTruthy()
    expect(screen.getByText('南关十字文明交通劝导')).toBeTruthy()
    expect(screen.getByText('11月21日 08:05')).toBeTruthy()
    expect(locate).toHaveBeenCalledTimes(1)
    const posts = calls.filter((c) => c.path === '/api/attendance/scan')
    expect(posts).toHaveLength(1)
    expect(posts[0].body).toEqual({ token: 'tok.abc', latitude: 34.26, longitude: 108.94 })
  })

  test('when the check-out scan answers, then 签退成功 shows with the hours and the points', async () => {
    stubUi()
    mockDevice()
    Current.router = { params: { token: 'tok.out' }, path: RESULT } as never
    fakeApi({
      'POST /api/attendance/scan': () =>
        ok({ mode: 'out', repeated: false, attendance: attendance({ checkOutAt: '2026-11-21T02:05:00.000Z', hours: 2, points: 20 }) }),
    })
    render(<CheckinResultPage />)
    expect(await screen.findByText('签退成功')).toBeTruthy()
    expect(screen.getByText('2 小时')).toBeTruthy()
    expect(screen.getByText('20 分')).toBeTruthy()
    expect(screen.getByText('11月21日 10:05')).toBeTruthy()
  })

  test('when the same code is scanned again, then 已签到 shows and nothing new is claimed', async () => {
    stubUi()
    mockDevice()
    Current.router = { params: { token: 'tok.abc' }, path: RESULT } as never
    fakeApi({ 'POST /api/attendance/scan': () => ok({ mode: 'in', repeated: true, attendance: attendance() }) })
    render(<CheckinResultPage />)
    expect(await screen.findByText('已签到')).toBeTruthy()
    expect(screen.getByText('你已经签到过了，本次未重复记录')).toBeTruthy()
  })

  test('when the server answers too_far, then its message shows with 重新扫码', async () => {
    stubUi()
    mockDevice()
    Current.router = { params: { token: 'tok.abc' }, path: RESULT } as never
    fakeApi({ 'POST /api/attendance/scan': () => ok(errorBody('too_far', '你距离活动地点约 1.2 公里，请到现场后再签到'), 400) })
    render(<CheckinResultPage />)
    expect(await screen.findByText('你距离活动地点约 1.2 公里，请到现场后再签到')).toBeTruthy()
    expect(screen.getByText('重新扫码')).toBeTruthy()
  })

  test('when location is refused, then nothing is posted and the volunteer is asked to allow it', async () => {
    stubUi()
    jest.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail auth deny' })
    Current.router = { params: { token: 'tok.abc' }, path: RESULT } as never
    const { calls } = fakeApi({})
    render(<CheckinResultPage />)
    expect(await screen.findByText('无法获取你的位置，请允许使用位置信息后重试')).toBeTruthy()
    expect(calls.filter((c) => c.path === '/api/attendance/scan')).toHaveLength(0)
  })

  test('when a printed code opens pages/checkin with scene, then 签到 / 签退 open the result with the key and mode', async () => {
    const { nav } = stubUi()
    Current.router = { params: { scene: 'AbC123xyZ9' }, path: '/pages/checkin/index' } as never
    // the activity cannot be loaded (tested in printable-code.test.tsx): the buttons still work
    fakeApi({ 'GET /api/activities/by-key/AbC123xyZ9': () => ok(errorBody('database_unavailable', '服务暂时不可用'), 503) })
    render(<CheckinPage />)
    clickText('签退')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: `${RESULT}?key=AbC123xyZ9&mode=out` })
  })

  test('when the result page has a key and mode, then it posts activityKey and mode', async () => {
    stubUi()
    mockDevice()
    Current.router = { params: { key: 'AbC123xyZ9', mode: 'in' }, path: RESULT } as never
    const { calls } = fakeApi({ 'POST /api/attendance/scan': () => ok({ mode: 'in', repeated: false, attendance: attendance() }) })
    render(<CheckinResultPage />)
    expect(await screen.findByText('签到成功')).toBeTruthy()
    expect(calls.find((c) => c.path === '/api/attendance/scan')?.body).toEqual({ activityKey: 'AbC123xyZ9', mode: 'in', latitude: 34.26, longitude: 108.94 })
  })
})

describe('签到码 (organiser)', () => {
  function code(n: number, mode: 'in' | 'out' = 'in'): CheckinToken {
    return {
      token: `tok-${mode}-${n}`,
      mode,
      expiresAt: new Date(Date.now() + 30_000).toISOString(),
      refreshInS: 15,
      qrDataUrl: `data:image/png;base64,QR${mode}${n}`,
      counts: { confirmed: 12, checkedIn: 3 + n, checkedOut: 1 },
    }
  }
  const imageSrc = () => {
    const el = document.querySelector('.checkin-code-image')
    return el?.getAttribute('src') ?? el?.querySelector('img')?.getAttribute('src') ?? null
  }

  test('when the screen opens, then the QR image and counts show, the screen stays on, and a new code comes every refreshInS seconds', async () => {
    jest.useFakeTimers()
    stubUi()
    const keep = jest.spyOn(Taro, 'setKeepScreenOn').mockResolvedValue({ errMsg: 'setKeepScreenOn:ok' } as never)
    let n = 0
    const { calls } = fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(code(++n)) })
    Current.router = { params: { id: '7', title: '文明交通' }, path: '/packages/organiser/pages/checkin-code/index' } as never
    const view = render(<CheckinCodePage />)

    await waitFor(() => expect(imageSrc()).toBe('data:image/png;base64,QRin1'))
    expect(screen.getByText('已签到 4')).toBeTruthy()
    expect(screen.getByText('已报名 12')).toBeTruthy()
    expect(keep).toHaveBeenCalledWith({ keepScreenOn: true })

    // not before refreshInS …
    await act(async () => {
      jest.advanceTimersByTime(14_000)
    })
    expect(calls.filter((c) => c.path.endsWith('/checkin-token'))).toHaveLength(1)
    // … and then a fresh code
    await act(async () => {
      jest.advanceTimersByTime(1_000)
    })
    await waitFor(() => expect(imageSrc()).toBe('data:image/png;base64,QRin2'))
    expect(screen.getByText('已签到 5')).toBeTruthy()
    expect(calls.filter((c) => c.path.endsWith('/checkin-token'))).toHaveLength(2)

    view.unmount()
    await act(async () => {
      jest.advanceTimersByTime(60_000)
    })
    expect(calls.filter((c) => c.path.endsWith('/checkin-token'))).toHaveLength(2)
    expect(keep).toHaveBeenLastCalledWith({ keepScreenOn: false })
  })

  test('when 签退码 is chosen, then the out code is fetched and shown', async () => {
    stubUi()
    jest.spyOn(Taro, 'setKeepScreenOn').mockResolvedValue({ errMsg: 'setKeepScreenOn:ok' } as never)
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(code(1, lastMode())) })
    Current.router = { params: { id: '7' }, path: '/packages/organiser/pages/checkin-code/index' } as never
    render(<CheckinCodePage />)
    await waitFor(() => expect(imageSrc()).toBe('data:image/png;base64,QRin1'))
    clickText('签退码')
    await waitFor(() => expect(imageSrc()).toBe('data:image/png;base64,QRout1'))
  })
})

/** The mode of the last checkin-token request (from its URL). */
function lastMode(): 'in' | 'out' {
  const spy = Taro.request as unknown as jest.Mock
  const url = String(spy.mock.calls[spy.mock.calls.length - 1][0].url)
  return url.includes('mode=out') ? 'out' : 'in'
}

describe('我的 › 志愿服务', () => {
  const summary: Summary = {
    hoursThisYear: 12.5,
    totalHours: 40,
    dutyHours: 3,
    points: 420,
    star: { level: 1, name: '一星志愿者', hours: 40, nextThreshold: 100, progress: 0.4 },
    rankInCommunity: { rank: 3, of: 35, community: { id: 1, name: '幸福里社区' } },
  }

  test('when the summary loads, then hours, points, the star level with its progress, and the record entries show', async () => {
    const { nav } = stubUi()
    fakeApi({
      'GET /api/me': () => ok({ user: meUser() }),
      'GET /api/me/summary': () => ok(summary),
    })
    render(<MePage />)
    expect(await screen.findByText('一星志愿者')).toBeTruthy()
    expect(screen.getByText('12.5')).toBeTruthy()
    expect(screen.getByText('40')).toBeTruthy()
    expect(screen.getByText('420')).toBeTruthy()
    expect(screen.getByText('距下一星级还需 60 小时（40/100）')).toBeTruthy()
    expect(screen.getByText('幸福里社区 第 3 名（共 35 人）')).toBeTruthy()
    const bar = document.querySelector<HTMLElement>('.me-star-progress .nut-progress-inner')
    expect(bar?.style.width).toBe('40%')
    clickText('服务记录')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/checkin/pages/records/index' })
    clickText('积分明细')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/checkin/pages/points/index' })
    clickText('志愿服务证明')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/checkin/pages/certificate/index' })
  })
})
