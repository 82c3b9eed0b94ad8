import { render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import LoginPage from '../../miniapp/src/pages/login/index'
import { clickText, typeInto } from '../helpers/ui-dom'
import { errorBody, fakeApi, meUser, stubUi } from '../helpers/ui-fixtures'

const demoUsers = [
  { openid: 'demo-office', label: '王主任', realName: '王主任', roles: ['文明办', '志愿者'] },
  { openid: 'demo-volunteer-1', label: '陈晓燕 · 东风社区', realName: '陈晓燕', roles: ['志愿者'] },
]
const loginAs = (user = meUser()) => ({ status: 200, body: { token: 'tok-1', expiresAt: '2030-01-01T00:00:00.000Z', user } })

beforeEach(() => {
  localStorage.clear()
  process.env.TARO_ENV = 'h5'
  Current.router = { params: {}, path: '/pages/login/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('演示登录 (H5)', () => {
  test('when the page opens, then the seeded demo users are listed with their roles', async () => {
    stubUi()
    fakeApi({ 'GET /api/auth/dev/users': () => ({ status: 200, body: { users: demoUsers } }) })
    render(<LoginPage />)

    expect(await screen.findByText('王主任')).toBeTruthy()
    expect(screen.getByText('陈晓燕 · 东风社区')).toBeTruthy()
    expect(screen.getByText('文明办')).toBeTruthy()
    expect(screen.getAllByText('志愿者')).toHaveLength(2)
  })

  test('when a demo user is chosen, then it logs in as that openid and opens the tabs', async () => {
    const { nav } = stubUi()
    const { calls } = fakeApi({
      'GET /api/auth/dev/users': () => ({ status: 200, body: { users: demoUsers } }),
      'POST /api/auth/dev': () => loginAs(),
    })
    render(<LoginPage />)
    await screen.findByText('王主任')

    clickText('王主任')

    await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/activities/index' }))
    expect(calls.find((c) => c.path === '/api/auth/dev')?.body).toEqual({ openid: 'demo-office' })
    expect(Taro.getStorageSync('civic.session.token')).toBe('tok-1')
    expect(Taro.getStorageSync('civic.session.demoOpenid')).toBe('demo-office')
  })

  test('when a new openid is typed, then the newcomer is sent to the profile form', async () => {
    const { nav } = stubUi()
    fakeApi({
      'GET /api/auth/dev/users': () => ({ status: 200, body: { users: [] } }),
      'POST /api/auth/dev': () => loginAs(meUser({ realName: null, profileComplete: false })),
    })
    const { container } = render(<LoginPage />)
    await screen.findByText('暂无演示账号')

    await typeInto(container, '.openid-input', 'e2e-new-volunteer')
    clickText('登录')

    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/pages/profile/index?first=1' }))
  })

  test('when the server refuses the login, then its message is shown', async () => {
    stubUi()
    fakeApi({
      'GET /api/auth/dev/users': () => ({ status: 200, body: { users: demoUsers } }),
      'POST /api/auth/dev': () => ({ status: 403, body: errorBody('user_disabled', '账号已停用，请联系文明办') }),
    })
    render(<LoginPage />)
    await screen.findByText('王主任')

    clickText('王主任')

    expect(await screen.findByText('账号已停用，请联系文明办')).toBeTruthy()
  })
})
