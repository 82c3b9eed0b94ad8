import { render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MePage from '../../miniapp/src/pages/me/index'
import { clickText } from '../helpers/ui-dom'
import { activity, notice, queriesTo } from '../helpers/ui-activities'
import { fakeApi, meUser, stubUi, type FakeReply } from '../helpers/ui-fixtures'

function routes(extra: Record<string, () => FakeReply> = {}) {
  return {
    'GET /api/me': () => ({ status: 200, body: { user: meUser() } }),
    'GET /api/me/notices': () => ({ status: 200, body: { items: [notice(), notice({ id: 2, title: '活动已取消：周末义诊', read: true, activityId: 9 })], unread: 1 } }),
    'POST /api/me/notices/read': () => ({ status: 200, body: { ok: true } }),
    'GET /api/activities': () => ({
      status: 200,
      body: { items: [activity({ startAt: '2026-11-24T00:30:00.000Z', endAt: '2026-11-24T03:00:00.000Z', mySignup: { status: 'waitlisted', position: 1 } })], total: 1 },
    }),
    ...extra,
  }
}

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
})
afterEach(() => jest.restoreAllMocks())

describe('我的 › notices and sign-ups', () => {
  test('when there are unread notices, then they show, marked unread, and are marked read on the server', async () => {
    stubUi()
    const { calls } = fakeApi(routes())
    render(<MePage />)

    expect(await screen.findByText('候补成功：南关十字文明交通劝导')).toBeTruthy()
    expect(screen.getByText('消息通知（1 条未读）')).toBeTruthy()
    expect(screen.getByText('活动已取消：周末义诊')).toBeTruthy()
    expect(document.querySelectorAll('.notice-item--unread')).toHaveLength(1)
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/me/notices/read')).toBe(true))
  })

  test('when every notice is read, then nothing is marked read again', async () => {
    stubUi()
    const { calls } = fakeApi(routes({ 'GET /api/me/notices': () => ({ status: 200, body: { items: [notice({ read: true })], unread: 0 } }) }))
    render(<MePage />)

    await screen.findByText('候补成功：南关十字文明交通劝导')
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.getByText('消息通知')).toBeTruthy()
    expect(calls.some((c) => c.path === '/api/me/notices/read')).toBe(false)
  })

  test('when a notice is tapped, then its activity opens', async () => {
    const { nav } = stubUi()
    fakeApi(routes())
    render(<MePage />)
    await screen.findByText('活动已取消：周末义诊')

    clickText('活动已取消：周末义诊')

    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/packages/activity/pages/detail/index?id=9' })
  })

  test('when the user signed up, then 我的报名 lists the upcoming ones with their status', async () => {
    const { nav } = stubUi()
    fakeApi(routes())
    render(<MePage />)

    expect(await screen.findByText('11月24日 周二 08:30–11:00')).toBeTruthy()
    expect(screen.getByText('候补第1位')).toBeTruthy()
    const q = queriesTo('/api/activities')[0]
    expect([q.get('mine'), q.get('status')]).toEqual(['signed_up', 'upcoming'])

    clickText('全部报名记录')
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/packages/activity/pages/mine/index' })
  })
})
