import { render, screen, waitFor } from '@testing-library/react'
import type { Activity } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import ActivityDetailPage from '../../miniapp/src/packages/activity/pages/detail/index'
import { clickText } from '../helpers/ui-dom'
import { activity } from '../helpers/ui-activities'
import { errorBody, fakeApi, stubUi, type FakeReply } from '../helpers/ui-fixtures'

const HOUR = 3_600_000
const DETAIL = 'GET /api/activities/7'
const ok = (body: unknown, status = 200): FakeReply => ({ status, body })

function confirmModal(confirm: boolean) {
  return jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })
}

/** The bar at the bottom of the page, as text. */
function bar(): string {
  return document.querySelector('.signup-bar')?.textContent ?? ''
}

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: { id: '7' }, path: '/packages/activity/pages/detail/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('活动详情 › the sign-up button', () => {
  const soon = Date.now() + 2 * HOUR
  test.each<[string, string, Partial<Activity>]>([
    ['open with places left', '报名', {}],
    ['full, with a waitlist', '报名', { remaining: 0, confirmedCount: 10 }],
    ['signed up', '已报名取消报名', { mySignup: { status: 'confirmed', position: null } }],
    ['on the waitlist', '候补第2位取消候补', { mySignup: { status: 'waitlisted', position: 2 } }],
    [
      'signed up but past the deadline',
      '已报名报名已截止，如不能参加请联系组织者',
      { mySignup: { status: 'confirmed', position: null }, signupDeadline: new Date(Date.now() - HOUR).toISOString() },
    ],
    ['past the deadline', '已截止', { signupDeadline: new Date(Date.now() - HOUR).toISOString(), startAt: new Date(soon).toISOString() }],
    ['full, without a waitlist', '已满', { remaining: 0, confirmedCount: 10, waitlistEnabled: false }],
    ['cancelled', '已取消', { status: 'cancelled', cancelReason: '天气原因' }],
    ['over', '已结束', { startAt: new Date(Date.now() - 3 * HOUR).toISOString(), endAt: new Date(Date.now() - HOUR).toISOString() }],
  ])('when the activity is %s, then the bar shows “%s”', async (_what, expected, overrides) => {
    stubUi()
    fakeApi({ [DETAIL]: () => ok(activity(overrides)) })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')
    expect(bar()).toContain(expected)
    const button = document.querySelector('.signup-bar .nut-button')
    if (!button) expect(expected).toContain('报名已截止')
    else if (['已截止', '已满', '已取消', '已结束'].includes(expected)) {
      expect(bar()).toBe(expected)
      expect(button.className).toContain('nut-button-disabled')
    } else {
      expect(button.className).not.toContain('nut-button-disabled')
    }
  })

  test('when the activity is full with a waitlist, then the bar says sign-up joins the waitlist', async () => {
    stubUi()
    fakeApi({ [DETAIL]: () => ok(activity({ remaining: 0, confirmedCount: 10, waitlistCount: 2 })) })
    render(<ActivityDetailPage />)
    expect(await screen.findByText('名额已满，报名后进入候补，有人取消时按顺序递补')).toBeTruthy()
    expect(screen.getByText('名额已满 · 候补 2 人')).toBeTruthy()
  })

  test('when the activity was cancelled, then the reason shows', async () => {
    stubUi()
    fakeApi({ [DETAIL]: () => ok(activity({ status: 'cancelled', cancelReason: '天气原因' })) })
    render(<ActivityDetailPage />)
    expect(await screen.findByText('活动已取消：天气原因')).toBeTruthy()
  })
})

describe('活动详情 › signing up and cancelling', () => {
  test('when 报名 is answered with a waitlist place, then the page shows 候补第3位 and reloads the activity', async () => {
    const { toast } = stubUi()
    let signup: Activity['mySignup'] = null
    const { calls } = fakeApi({
      [DETAIL]: () => ok(activity({ remaining: 0, confirmedCount: 10, waitlistCount: signup ? 3 : 2, mySignup: signup })),
      'POST /api/activities/7/signups': () => {
        signup = { status: 'waitlisted', position: 3 }
        return ok({ status: 'waitlisted', position: 3 }, 201)
      },
    })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('报名')

    await waitFor(() => expect(bar()).toContain('候补第3位'))
    expect(bar()).toContain('取消候补')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '名额已满，已为你候补第3位' }))
    await waitFor(() => expect(calls.filter((c) => `${c.method} ${c.path}` === DETAIL)).toHaveLength(2))
    expect(await screen.findByText('名额已满 · 候补 3 人')).toBeTruthy()
  })

  test('when 报名 is confirmed, then 已报名 shows', async () => {
    stubUi()
    let signup: Activity['mySignup'] = null
    fakeApi({
      [DETAIL]: () => ok(activity({ mySignup: signup })),
      'POST /api/activities/7/signups': () => {
        signup = { status: 'confirmed', position: null }
        return ok({ status: 'confirmed', position: null }, 201)
      },
    })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('报名')

    await waitFor(() => expect(bar()).toBe('已报名取消报名'))
  })

  test('when the server refuses the sign-up, then its message shows on the page and in a toast', async () => {
    const { toast } = stubUi()
    const message = '与你已报名的「东风社区环境整治」时间冲突'
    fakeApi({
      [DETAIL]: () => ok(activity()),
      'POST /api/activities/7/signups': () => ({ status: 409, body: errorBody('signup_overlaps', message) }),
    })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('报名')

    expect(await screen.findByText(message)).toBeTruthy()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: message, icon: 'none' }))
    expect(bar()).toContain('报名')
  })

  test('when the profile is incomplete, then the page offers the profile form', async () => {
    const { nav } = stubUi()
    fakeApi({
      [DETAIL]: () => ok(activity()),
      'POST /api/activities/7/signups': () => ({ status: 409, body: errorBody('profile_incomplete', '请先完善个人信息') }),
    })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('报名')
    await screen.findByText('去完善个人信息 ›')
    clickText('去完善个人信息 ›')

    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/pages/profile/index' })
  })

  test('when 取消报名 is confirmed, then the sign-up is deleted and the activity reloaded', async () => {
    stubUi()
    const modal = confirmModal(true)
    let signup: Activity['mySignup'] = { status: 'confirmed', position: null }
    const { calls } = fakeApi({
      [DETAIL]: () => ok(activity({ mySignup: signup })),
      'DELETE /api/activities/7/signups/me': () => {
        signup = null
        return ok({ ok: true })
      },
    })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('取消报名')

    await waitFor(() => expect(bar()).toBe('报名'))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消报名' }))
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true)
  })

  test('when 取消候补 is not confirmed, then nothing is sent', async () => {
    stubUi()
    confirmModal(false)
    const { calls } = fakeApi({ [DETAIL]: () => ok(activity({ mySignup: { status: 'waitlisted', position: 1 } })) })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('取消候补')
    await new Promise((r) => setTimeout(r, 20))

    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)
    expect(bar()).toContain('候补第1位')
  })
})

describe('活动详情 › the facts', () => {
  test('when the page opens, then time (China), place with a map link, organiser, places and audience show', async () => {
    stubUi()
    fakeApi({
      [DETAIL]: () =>
        ok(
          activity({
            startAt: '2026-11-24T00:30:00.000Z',
            endAt: '2026-11-24T03:00:00.000Z',
            signupDeadline: '2026-11-23T12:00:00.000Z',
            canManage: true,
          }),
        ),
    })
    render(<ActivityDetailPage />)
    await screen.findByText('南关十字文明交通劝导')

    expect(screen.getByText('11月24日 周二 08:30–11:00')).toBeTruthy()
    expect(screen.getByText('2026-11-23 20:00')).toBeTruthy()
    expect(screen.getByText('区教育局')).toBeTruthy()
    expect(screen.getByText('共 10 人，已报名 4 人')).toBeTruthy()
    expect(screen.getByText('所有人')).toBeTruthy()
    expect(screen.getByText('在路口劝导行人和非机动车遵守交通信号。')).toBeTruthy()
    const map = screen.getByText('在地图中查看 ›').closest('a')!
    expect(map.getAttribute('href')).toContain('uri.amap.com/marker?position=108.95,34.25')
    expect(screen.getByText('你是本活动的组织者：管理活动、查看报名名单 ›')).toBeTruthy()
  })
})
