/**
 * The printable check-in code: the organiser's 打印小程序码 (WeChat's wxacode, or the standard QR
 * code of the check-in page when WeChat is not configured), in H5 (fetch → blob: URL) and in the
 * weapp (downloadFile → temp file → previewImage); and the check-in page a printed code opens.
 */
import { render, screen, waitFor } from '@testing-library/react'
import type { CheckinToken } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import CheckinPage from '../../miniapp/src/pages/checkin/index'
import CheckinResultPage from '../../miniapp/src/packages/checkin/pages/result/index'
import CheckinCodePage from '../../miniapp/src/packages/organiser/pages/checkin-code/index'
import { activity } from '../helpers/ui-activities'
import { clickText, settle } from '../helpers/ui-dom'
import { errorBody, fakeApi, stubUi, type FakeReply } from '../helpers/ui-fixtures'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })
const CODE_PAGE = '/packages/organiser/pages/checkin-code/index'
const WXACODE_TEXT = '活动签到小程序码：用微信扫一扫即可打开签到页面，可打印张贴在活动现场，长期有效。'
const FALLBACK_TEXT =
  '未配置微信小程序参数，已改为普通二维码：请志愿者打开「文明积分」，点「扫码签到」扫描（微信扫一扫不能直接打开）。可打印张贴，长期有效。'
const NOTE = '扫码后仍需在现场定位范围内签到、签退，照片转发到别处无法签到。'

function token(): CheckinToken {
  return {
    token: 'tok-in-1',
    mode: 'in',
    expiresAt: new Date(Date.now() + 30_000).toISOString(),
    refreshInS: 15,
    qrDataUrl: 'data:image/png;base64,ROTATING',
    counts: { confirmed: 12, checkedIn: 3, checkedOut: 1 },
  }
}

/** A fetch answer as the H5 download helper reads it. */
interface FakeFetchReply {
  status: number
  png?: string
  json?: unknown
}

/** Replaces window.fetch (H5 binary downloads): `routes['/api/…']` answers; every call is recorded. */
function fakeFetch(routes: Record<string, () => FakeFetchReply>) {
  const calls: Array<{ path: string; auth: string | undefined }> = []
  const fetchMock = jest.fn(async (url: string, init?: { headers?: Record<string, string> }) => {
    const path = new URL(url, 'http://test.local').pathname
    calls.push({ path, auth: init?.headers?.Authorization })
    const reply = routes[path]?.() ?? { status: 404, json: errorBody('not_found', '请求的内容不存在') }
    return {
      ok: reply.status >= 200 && reply.status < 300,
      status: reply.status,
      text: async () => (reply.json === undefined ? '' : JSON.stringify(reply.json)),
      // jsdom's Blob cannot be read back: a stand-in that says which image it is
      blob: async () => ({ type: 'image/png', png: reply.png }),
    }
  })
  Object.defineProperty(window, 'fetch', { value: fetchMock, configurable: true, writable: true })
  return { calls, fetchMock }
}

/** jsdom has no blob: URLs: each blob gets `blob:<n>`, remembered with its image. */
function fakeBlobUrls() {
  const made: Array<{ url: string; blob: { png?: string } }> = []
  const revoked: string[] = []
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    writable: true,
    value: jest.fn((blob: { png?: string }) => {
      const url = `blob:${made.length + 1}`
      made.push({ url, blob })
      return url
    }),
  })
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, writable: true, value: jest.fn((u: string) => revoked.push(u)) })
  return { made, revoked }
}

const printableSrc = () => {
  const el = document.querySelector('.printable-image')
  return el?.getAttribute('src') ?? el?.querySelector('img')?.getAttribute('src') ?? null
}

function openCodeScreen() {
  stubUi()
  jest.spyOn(Taro, 'setKeepScreenOn').mockResolvedValue({ errMsg: 'setKeepScreenOn:ok' } as never)
  Current.router = { params: { id: '7', title: '文明交通' }, path: CODE_PAGE } as never
}

const realEnv = process.env.TARO_ENV
beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
})
afterEach(() => {
  process.env.TARO_ENV = realEnv
  jest.restoreAllMocks()
})

describe('打印小程序码 (H5)', () => {
  test('when WeChat answers the wxacode, then its PNG shows from a blob: URL with the explanation, and 下载图片 saves it', async () => {
    openCodeScreen()
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    const { calls } = fakeFetch({ '/api/activities/7/wxacode': () => ({ status: 200, png: 'PNG-WXACODE' }) })
    const blobs = fakeBlobUrls()
    const saved: Array<{ href: string | null; download: string }> = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.getAttribute('href'), download: this.download })
    })
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    await waitFor(() => expect(printableSrc()).toBe('blob:1'))
    expect(blobs.made[0].blob.png).toBe('PNG-WXACODE')
    expect(calls).toEqual([{ path: '/api/activities/7/wxacode', auth: 'Bearer tok-1' }])
    expect(screen.getByText(WXACODE_TEXT)).toBeTruthy()
    expect(screen.getByText(NOTE)).toBeTruthy()
    expect(screen.queryByText(FALLBACK_TEXT)).toBeNull()
    // the rotating code stays on the screen next to it
    expect(document.querySelector('.checkin-code-image')).toBeTruthy()

    clickText('下载图片')
    expect(click).toHaveBeenCalledTimes(1)
    expect(saved).toEqual([{ href: 'blob:1', download: '签到码-7.png' }])
  })

  test('when WeChat is not configured, then the standard QR code of the check-in page is fetched instead and explained', async () => {
    openCodeScreen()
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    const { calls } = fakeFetch({
      '/api/activities/7/wxacode': () => ({ status: 503, json: errorBody('wechat_not_configured', '未配置微信小程序参数') }),
      '/api/activities/7/printable-qr': () => ({ status: 200, png: 'PNG-QR' }),
    })
    const blobs = fakeBlobUrls()
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    await waitFor(() => expect(printableSrc()).toBe('blob:1'))
    expect(blobs.made[0].blob.png).toBe('PNG-QR')
    expect(calls.map((c) => c.path)).toEqual(['/api/activities/7/wxacode', '/api/activities/7/printable-qr'])
    expect(calls.every((c) => c.auth === 'Bearer tok-1')).toBe(true)
    expect(screen.getByText(FALLBACK_TEXT)).toBeTruthy()
    expect(screen.getByText(NOTE)).toBeTruthy()
    expect(screen.queryByText(WXACODE_TEXT)).toBeNull()
    expect(document.querySelector('.printable-box--qrcode')).toBeTruthy()
  })

  test('when the server refuses with another error, then its message shows and no fallback is tried', async () => {
    openCodeScreen()
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    const { calls } = fakeFetch({
      '/api/activities/7/wxacode': () => ({ status: 409, json: errorBody('activity_cancelled', '活动已取消') }),
    })
    fakeBlobUrls()
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    expect(await screen.findByText('没有取到可打印的码：活动已取消')).toBeTruthy()
    expect(calls.map((c) => c.path)).toEqual(['/api/activities/7/wxacode'])
    expect(printableSrc()).toBeNull()
  })

  test('when the network fails, then a Chinese network message shows', async () => {
    openCodeScreen()
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    Object.defineProperty(window, 'fetch', { value: jest.fn().mockRejectedValue(new TypeError('Failed to fetch')), configurable: true, writable: true })
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    expect(await screen.findByText('没有取到可打印的码：网络连接失败，请检查网络后重试')).toBeTruthy()
  })

  test('when the session has expired, then the download logs in again (demo) once and is retried with the new token', async () => {
    openCodeScreen()
    Taro.setStorageSync('civic.session.demoOpenid', 'demo-organiser')
    const api = fakeApi({
      'GET /api/activities/7/checkin-token': () => ok(token()),
      'POST /api/auth/dev': () => ok({ token: 'tok-new', expiresAt: '2030-01-01T00:00:00.000Z', user: { id: 1 } }),
    })
    const { calls } = fakeFetch({
      '/api/activities/7/wxacode': () =>
        calls[calls.length - 1].auth === 'Bearer tok-new'
          ? { status: 200, png: 'PNG-WXACODE' }
          : { status: 401, json: errorBody('session_expired', '登录已过期，请重新登录') },
    })
    fakeBlobUrls()
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    await waitFor(() => expect(printableSrc()).toBe('blob:1'))
    expect(calls.map((c) => c.auth)).toEqual(['Bearer tok-1', 'Bearer tok-new'])
    expect(api.calls.filter((c) => c.path === '/api/auth/dev')).toHaveLength(1)
  })

  test('when the screen closes, then the image’s blob: URL is released', async () => {
    openCodeScreen()
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    fakeFetch({ '/api/activities/7/wxacode': () => ({ status: 200, png: 'PNG' }) })
    const blobs = fakeBlobUrls()
    const view = render(<CheckinCodePage />)
    await screen.findByText('已签到 3')
    clickText('打印小程序码')
    await waitFor(() => expect(printableSrc()).toBe('blob:1'))
    expect(blobs.revoked).toEqual([])

    view.unmount()

    expect(blobs.revoked).toEqual(['blob:1'])
  })
})

describe('打印小程序码 (weapp)', () => {
  function fakeDownloads(replies: Record<string, { statusCode: number; tempFilePath: string }>) {
    const calls: Array<{ path: string; auth: string | undefined }> = []
    jest.spyOn(Taro, 'downloadFile').mockImplementation(((opts: Taro.downloadFile.Option) => {
      const path = new URL(opts.url, 'http://test.local').pathname
      calls.push({ path, auth: (opts.header as Record<string, string> | undefined)?.Authorization })
      const reply = replies[path] ?? { statusCode: 404, tempFilePath: 'wxfile://tmp/missing' }
      return Promise.resolve({ ...reply, errMsg: 'downloadFile:ok' })
    }) as unknown as typeof Taro.downloadFile)
    return calls
  }

  test('when WeChat answers, then the temp file shows and opens in previewImage so the organiser can save and print it', async () => {
    openCodeScreen()
    process.env.TARO_ENV = 'weapp'
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    const calls = fakeDownloads({ '/api/activities/7/wxacode': { statusCode: 200, tempFilePath: 'wxfile://tmp/wxacode-7.png' } })
    const preview = jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' })
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    await waitFor(() => expect(preview).toHaveBeenCalledWith({ urls: ['wxfile://tmp/wxacode-7.png'], current: 'wxfile://tmp/wxacode-7.png' }))
    expect(calls).toEqual([{ path: '/api/activities/7/wxacode', auth: 'Bearer tok-1' }])
    expect(printableSrc()).toBe('wxfile://tmp/wxacode-7.png')
    expect(screen.getByText(WXACODE_TEXT)).toBeTruthy()
    expect(screen.queryByText('下载图片')).toBeNull()

    clickText('预览并保存图片')
    await waitFor(() => expect(preview).toHaveBeenCalledTimes(2))
  })

  test('when WeChat is not configured, then the error file is read and the standard QR code is downloaded and previewed', async () => {
    openCodeScreen()
    process.env.TARO_ENV = 'weapp'
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    const calls = fakeDownloads({
      '/api/activities/7/wxacode': { statusCode: 503, tempFilePath: 'wxfile://tmp/error-body' },
      '/api/activities/7/printable-qr': { statusCode: 200, tempFilePath: 'wxfile://tmp/qr-7.png' },
    })
    const read = jest.fn((p: string) => {
      if (p !== 'wxfile://tmp/error-body') throw new Error('no such file')
      return JSON.stringify(errorBody('wechat_not_configured', '未配置微信小程序参数'))
    })
    jest.spyOn(Taro, 'getFileSystemManager').mockReturnValue({ readFileSync: read } as never)
    const preview = jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' })
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    await waitFor(() => expect(preview).toHaveBeenCalledWith({ urls: ['wxfile://tmp/qr-7.png'], current: 'wxfile://tmp/qr-7.png' }))
    expect(read).toHaveBeenCalledWith('wxfile://tmp/error-body', 'utf8')
    expect(calls.map((c) => c.path)).toEqual(['/api/activities/7/wxacode', '/api/activities/7/printable-qr'])
    expect(printableSrc()).toBe('wxfile://tmp/qr-7.png')
    expect(screen.getByText(FALLBACK_TEXT)).toBeTruthy()
  })

  test('when the error file is not our error shape, then the status decides the Chinese message and nothing is previewed', async () => {
    openCodeScreen()
    process.env.TARO_ENV = 'weapp'
    fakeApi({ 'GET /api/activities/7/checkin-token': () => ok(token()) })
    fakeDownloads({ '/api/activities/7/wxacode': { statusCode: 502, tempFilePath: 'wxfile://tmp/proxy-page' } })
    jest.spyOn(Taro, 'getFileSystemManager').mockReturnValue({ readFileSync: () => '<html>Bad Gateway</html>' } as never)
    const preview = jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' })
    render(<CheckinCodePage />)
    await screen.findByText('已签到 3')

    clickText('打印小程序码')

    expect(await screen.findByText(/^没有取到可打印的码：服务器/)).toBeTruthy()
    expect(preview).not.toHaveBeenCalled()
  })
})

describe('the check-in page a printed code opens', () => {
  const CHECKIN = '/pages/checkin/index'
  const RESULT = '/packages/checkin/pages/result/index'
  const printed = () => activity({ shortKey: 'AbC123xyZ9', startAt: '2026-11-21T00:30:00.000Z', endAt: '2026-11-21T03:00:00.000Z' })

  test('when the key is known, then the activity’s title, time and place show before checking in, and 签到 opens the result with the key', async () => {
    const { nav } = stubUi()
    Current.router = { params: { scene: 'AbC123xyZ9' }, path: CHECKIN } as never
    const { calls } = fakeApi({ 'GET /api/activities/by-key/AbC123xyZ9': () => ok(printed()) })
    render(<CheckinPage />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('南关十字文明交通劝导')).toBeTruthy()
    expect(screen.getByText('11月21日 周六 08:30–11:00')).toBeTruthy()
    expect(screen.getByText('东风社区 · 南关十字东北角')).toBeTruthy()
    expect(screen.getByText('扫码后仍需在活动现场定位范围内签到、签退。')).toBeTruthy()
    expect(calls[0].auth).toBe('Bearer tok-1')

    clickText('签到')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: `${RESULT}?key=AbC123xyZ9&mode=in` })
  })

  test('when no activity has the key, then 没有找到这个活动 shows and there is nothing to check in to', async () => {
    stubUi()
    Current.router = { params: { scene: 'Gone000000' }, path: CHECKIN } as never
    fakeApi({ 'GET /api/activities/by-key/Gone000000': () => ok(errorBody('activity_not_found', '活动不存在'), 404) })
    render(<CheckinPage />)

    expect(await screen.findByText('没有找到这个活动')).toBeTruthy()
    expect(screen.getByText('请重新扫描活动现场张贴的小程序码。')).toBeTruthy()
    expect(screen.queryByText('签到')).toBeNull()
    expect(screen.queryByText('签退')).toBeNull()
  })

  test('when the activity was cancelled, then its title and the reason show without 签到', async () => {
    stubUi()
    Current.router = { params: { scene: 'AbC123xyZ9' }, path: CHECKIN } as never
    fakeApi({ 'GET /api/activities/by-key/AbC123xyZ9': () => ok({ ...printed(), status: 'cancelled', cancelReason: '暴雨预警' }) })
    render(<CheckinPage />)

    expect(await screen.findByText('活动已取消：暴雨预警')).toBeTruthy()
    expect(screen.getByText('南关十字文明交通劝导')).toBeTruthy()
    expect(screen.queryByText('签到')).toBeNull()
  })

  test('when the activity cannot be read, then the error shows, 签退 still works with the key, and 重新加载 fetches it again', async () => {
    const { nav } = stubUi()
    Current.router = { params: { scene: 'AbC123xyZ9' }, path: CHECKIN } as never
    let fail = true
    const { calls } = fakeApi({
      'GET /api/activities/by-key/AbC123xyZ9': () => (fail ? ok(errorBody('internal_error', '服务器开小差了，请稍后再试'), 500) : ok(printed())),
    })
    render(<CheckinPage />)

    expect(await screen.findByText('加载失败：服务器开小差了，请稍后再试')).toBeTruthy()
    clickText('签退')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: `${RESULT}?key=AbC123xyZ9&mode=out` })

    fail = false
    clickText('重新加载')
    expect(await screen.findByText('南关十字文明交通劝导')).toBeTruthy()
    expect(calls.filter((c) => c.path === '/api/activities/by-key/AbC123xyZ9')).toHaveLength(2)
  })

  test('when the page opens without a key, then nothing is fetched and the volunteer is asked to scan again', async () => {
    stubUi()
    Current.router = { params: {}, path: CHECKIN } as never
    const { calls } = fakeApi({})
    render(<CheckinPage />)
    await settle()

    expect(screen.getByText('没有识别到活动')).toBeTruthy()
    expect(calls).toHaveLength(0)
  })

  test('when 扫码签到 reads a printed standard QR code, then the result page hands over to the check-in page with the key and posts nothing', async () => {
    const { nav } = stubUi()
    Current.router = { params: { token: encodeURIComponent('pages/checkin/index?scene=AbC123xyZ9') }, path: RESULT } as never
    const locate = jest.spyOn(Taro, 'getLocation')
    const { calls } = fakeApi({})
    render(<CheckinResultPage />)

    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: `${CHECKIN}?scene=AbC123xyZ9` }))
    expect(calls).toHaveLength(0)
    expect(locate).not.toHaveBeenCalled()
  })
})
