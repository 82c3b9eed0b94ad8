import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import OrganiserHome from '../../miniapp/src/packages/organiser/pages/index/index'
import { clickText } from '../helpers/ui-dom'
import { fakeApi, meUser, stubUi } from '../helpers/ui-fixtures'

const page = { items: [], total: 0, page: 1, pageSize: 20 }

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
})
afterEach(() => jest.restoreAllMocks())

describe('组织者首页', () => {
  test('when a unit organiser opens it, then 数据看板 opens the dashboard (which shows only their rows) and 周上街安排 is offered', async () => {
    const { nav } = stubUi()
    fakeApi({
      'GET /api/me': () => ({ status: 200, body: { user: meUser({ roles: { volunteer: true, office: false, organiserOf: [{ kind: 'unit', id: 3, name: '区教育局' }] } }) } }),
      'GET /api/activities': () => ({ status: 200, body: page }),
    })
    render(<OrganiserHome />)
    expect(await screen.findByText('数据看板（本单位参与情况）')).toBeTruthy()
    expect(screen.getByText('周上街安排')).toBeTruthy()
    clickText('数据看板（本单位参与情况）')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/office/pages/dashboard/index' })
  })

  test('when a community organiser opens it, then the dashboard entry names the community and there is no 周上街安排', async () => {
    stubUi()
    fakeApi({
      'GET /api/me': () => ({ status: 200, body: { user: meUser({ roles: { volunteer: true, office: false, organiserOf: [{ kind: 'community', id: 2, name: '东风社区' }] } }) } }),
      'GET /api/activities': () => ({ status: 200, body: page }),
    })
    render(<OrganiserHome />)
    expect(await screen.findByText('数据看板（本社区参与情况）')).toBeTruthy()
    expect(screen.queryByText('周上街安排')).toBeNull()
  })

  test('when someone without a role opens it, then there is no dashboard entry, only the invitation form', async () => {
    stubUi()
    fakeApi({ 'GET /api/me': () => ({ status: 200, body: { user: meUser() } }) })
    render(<OrganiserHome />)
    expect(await screen.findByText(/你还不是组织者/)).toBeTruthy()
    expect(screen.queryByText(/数据看板/)).toBeNull()
  })
})
