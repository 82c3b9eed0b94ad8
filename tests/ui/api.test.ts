import Taro from '@tarojs/taro'
import { ApiError, api } from '../../miniapp/src/services/api'
import { loginAsDemo } from '../../miniapp/src/services/auth'
import { errorBody, fakeApi, meUser, stubUi } from '../helpers/ui-fixtures'

const login = (token: string) => ({ status: 200, body: { token, expiresAt: '2030-01-01T00:00:00.000Z', user: meUser() } })

beforeEach(() => {
  localStorage.clear()
  process.env.TARO_ENV = 'h5'
})
afterEach(() => jest.restoreAllMocks())

describe('services/api', () => {
  test('when the API answers 2xx, then the body is returned and the bearer token attached', async () => {
    Taro.setStorageSync('civic.session.token', 'tok-1')
    const { calls } = fakeApi({ 'GET /api/me': () => ({ status: 200, body: { user: meUser() } }) })

    const res = await api.get<{ user: { realName: string } }>('/api/me')

    expect(res.user.realName).toBe('张三')
    expect(calls[0].auth).toBe('Bearer tok-1')
  })

  test('when the API answers an error body, then an ApiError carries its code, message, status and details', async () => {
    const details = [{ path: 'name', message: '请填写社区名称' }]
    fakeApi({ 'POST /api/communities': () => ({ status: 400, body: errorBody('validation_failed', '填写的内容有误，请检查后重试', details) }) })

    const err = await api.post('/api/communities', {}).catch((e: unknown) => e)

    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'validation_failed', message: '填写的内容有误，请检查后重试', status: 400, details })
    expect((err as ApiError).fieldErrors()).toEqual({ name: '请填写社区名称' })
  })

  test('when a 2xx-less answer is not the error shape, then a Chinese fallback error is thrown', async () => {
    fakeApi({ 'GET /api/health': () => ({ status: 502, body: '<html>Bad Gateway</html>' }) })

    const err = await api.get('/api/health').catch((e: unknown) => e)

    expect(err).toMatchObject({ code: 'internal_error', status: 502, message: '服务器开小差了，请稍后再试' })
  })

  test('when the network fails, then the error is network_error with a Chinese message', async () => {
    jest.spyOn(Taro, 'request').mockImplementation((() => Promise.reject(new Error('Failed to fetch'))) as never)

    const err = await api.get('/api/me').catch((e: unknown) => e)

    expect(err).toMatchObject({ code: 'network_error', status: 0, message: '网络连接失败，请检查网络后重试' })
  })

  test('when the session has expired (H5 demo), then it logs in again once and retries once', async () => {
    stubUi()
    fakeApi({ 'POST /api/auth/dev': () => login('tok-old') })
    await loginAsDemo('demo-volunteer-1')
    const { calls } = fakeApi({
      'GET /api/me': (c) =>
        c.auth === 'Bearer tok-new'
          ? { status: 200, body: { user: meUser() } }
          : { status: 401, body: errorBody('session_expired', '登录已过期，请重新登录') },
      'POST /api/auth/dev': () => login('tok-new'),
    })

    const res = await api.get<{ user: unknown }>('/api/me')

    expect(res.user).toBeTruthy()
    expect(calls.map((c) => `${c.method} ${c.path} ${c.auth ?? ''}`.trim())).toEqual([
      'GET /api/me Bearer tok-old',
      'POST /api/auth/dev',
      'GET /api/me Bearer tok-new',
    ])
    expect(calls[1].body).toEqual({ openid: 'demo-volunteer-1' })
  })

  test('when the retry is refused again, then the 401 is thrown without a second re-login', async () => {
    const { nav } = stubUi()
    Taro.setStorageSync('civic.session.demoOpenid', 'demo-volunteer-1')
    const { calls } = fakeApi({
      'GET /api/me': () => ({ status: 401, body: errorBody('unauthorized', '请先登录') }),
      'POST /api/auth/dev': () => login('tok-new'),
    })

    const err = await api.get('/api/me').catch((e: unknown) => e)

    expect(err).toMatchObject({ code: 'unauthorized', status: 401 })
    expect(calls.filter((c) => c.path === '/api/auth/dev')).toHaveLength(1)
    expect(calls.filter((c) => c.path === '/api/me')).toHaveLength(2)
    expect(nav.reLaunch).not.toHaveBeenCalled()
  })

  test('when several calls hit 401 together, then they share one re-login', async () => {
    stubUi()
    Taro.setStorageSync('civic.session.demoOpenid', 'demo-office')
    const { calls } = fakeApi({
      'GET /api/me': (c) => (c.auth === 'Bearer tok-new' ? { status: 200, body: { user: meUser() } } : { status: 401, body: errorBody('session_expired', '登录已过期，请重新登录') }),
      'GET /api/directory': (c) => (c.auth === 'Bearer tok-new' ? { status: 200, body: { communities: [], units: [] } } : { status: 401, body: errorBody('session_expired', '登录已过期，请重新登录') }),
      'POST /api/auth/dev': () => login('tok-new'),
    })

    await Promise.all([api.get('/api/me'), api.get('/api/directory')])

    expect(calls.filter((c) => c.path === '/api/auth/dev')).toHaveLength(1)
  })

  test('when H5 has no demo identity to renew with, then it goes to the login page and throws the 401', async () => {
    const { nav } = stubUi()
    const { calls } = fakeApi({ 'GET /api/me': () => ({ status: 401, body: errorBody('unauthorized', '请先登录') }) })

    const err = await api.get('/api/me').catch((e: unknown) => e)

    expect(err).toMatchObject({ code: 'unauthorized' })
    expect(calls).toHaveLength(1)
    expect(nav.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  test('when the weapp session expires, then wx.login and /api/auth/wechat renew it, and the call is retried', async () => {
    process.env.TARO_ENV = 'weapp'
    stubUi()
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
    Taro.setStorageSync('civic.session.token', 'tok-old')
    const { calls } = fakeApi({
      'GET /api/me': (c) => (c.auth === 'Bearer tok-new' ? { status: 200, body: { user: meUser() } } : { status: 401, body: errorBody('session_expired', '登录已过期，请重新登录') }),
      'POST /api/auth/wechat': () => login('tok-new'),
    })

    await api.get('/api/me')

    expect(calls.map((c) => c.path)).toEqual(['/api/me', '/api/auth/wechat', '/api/me'])
    expect(calls[1].body).toEqual({ code: 'wx-code-1' })
    expect(Taro.getStorageSync('civic.session.token')).toBe('tok-new')
  })
})
