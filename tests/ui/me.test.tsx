import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MePage from '../../miniapp/src/pages/me/index'
import { clickText } from '../helpers/ui-dom'
import { fakeApi, meUser, stubUi } from '../helpers/ui-fixtures'

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
})
afterEach(() => jest.restoreAllMocks())

describe('我的', () => {
  test('when a volunteer opens 我的, then name, masked phone, community and the volunteer entries show', async () => {
    stubUi()
    fakeApi({ 'GET /api/me': () => ({ status: 200, body: { user: meUser() } }) })
    render(<MePage />)

    expect(await screen.findByText('张三')).toBeTruthy()
    expect(screen.getByText('138****5678')).toBeTruthy()
    expect(screen.getByText('幸福里社区')).toBeTruthy()
    expect(screen.getByText('志愿者')).toBeTruthy()
    expect(screen.getByText('兑换组织者邀请码')).toBeTruthy()
    expect(screen.getByText('编辑资料')).toBeTruthy()
    expect(screen.getByText('退出登录')).toBeTruthy()
    expect(screen.queryByText('组织者')).toBeNull()
    expect(screen.queryByText('文明办管理')).toBeNull()
  })

  test('when the user organises and works in the office, then both roles and both entries show', async () => {
    const { nav } = stubUi()
    const roles = { volunteer: true as const, office: true, organiserOf: [{ kind: 'unit' as const, id: 3, name: '区教育局' }] }
    fakeApi({ 'GET /api/me': () => ({ status: 200, body: { user: meUser({ roles, unit: { id: 3, name: '区教育局' } }) } }) })
    render(<MePage />)

    expect(await screen.findByText('组织者 · 区教育局')).toBeTruthy()
    expect(screen.getByText('文明办')).toBeTruthy()
    clickText('文明办管理')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/office/pages/index/index' })
    clickText('组织者')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/organiser/pages/index/index' })
  })

  test('when the user logs out, then the session is forgotten and the login page opens', async () => {
    const { nav } = stubUi()
    Taro.setStorageSync('civic.session.demoOpenid', 'demo-office')
    fakeApi({ 'GET /api/me': () => ({ status: 200, body: { user: meUser() } }) })
    render(<MePage />)
    await screen.findByText('张三')

    clickText('退出登录')

    expect(Taro.getStorageSync('civic.session.token')).toBe('')
    expect(Taro.getStorageSync('civic.session.demoOpenid')).toBe('')
    expect(nav.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index?loggedOut=1' })
  })

  test('when loading fails, then the API message and a retry button show', async () => {
    stubUi()
    jest.spyOn(Taro, 'request').mockImplementation((() => Promise.reject(new Error('Failed to fetch'))) as never)
    render(<MePage />)
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
