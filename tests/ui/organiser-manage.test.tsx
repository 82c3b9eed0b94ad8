import { render, screen, waitFor } from '@testing-library/react'
import type { RosterEntry, Schedule } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import ManageActivityPage from '../../miniapp/src/packages/organiser/pages/manage/index'
import RosterPage from '../../miniapp/src/packages/organiser/pages/roster/index'
import SchedulesPage from '../../miniapp/src/packages/organiser/pages/schedules/index'
import { clickText, typeInto } from '../helpers/ui-dom'
import { activity, directory, pickOption } from '../helpers/ui-activities'
import { fakeApi, meUser, stubUi } from '../helpers/ui-fixtures'

function entry(overrides: Partial<RosterEntry>): RosterEntry {
  return {
    userId: 1,
    name: '陈晓燕',
    phone: '158****0004',
    community: { id: 2, name: '东风社区' },
    unit: null,
    signedUpAt: '2026-11-20T02:00:00.000Z',
    position: null,
    cancelledAt: null,
    ...overrides,
  }
}

function modal(confirm: boolean) {
  return jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })
}

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: { id: '7' }, path: '/packages/organiser/pages/manage/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('组织者 › 报名名单', () => {
  test('when the roster loads, then confirmed, the waitlist in order and cancelled show with masked phones', async () => {
    stubUi()
    fakeApi({
      'GET /api/activities/7/roster': () => ({
        status: 200,
        body: {
          confirmed: [entry({})],
          waitlist: [entry({ userId: 2, name: '刘洋', phone: '158****0005', position: 1 }), entry({ userId: 3, name: '周桂芳', phone: null, position: 2 })],
          cancelled: [entry({ userId: 4, name: '孙浩然', cancelledAt: '2026-11-21T03:05:00.000Z' })],
        },
      }),
    })
    render(<RosterPage />)

    expect(await screen.findByText('已报名（1）')).toBeTruthy()
    expect(screen.getByText('陈晓燕 158****0004')).toBeTruthy()
    expect(screen.getByText('候补（2）')).toBeTruthy()
    const waitlist = [...document.querySelectorAll('.roster-entry')].slice(1, 3).map((e) => e.textContent)
    expect(waitlist[0]).toContain('刘洋')
    expect(waitlist[0]).toContain('第1位')
    expect(waitlist[1]).toContain('周桂芳 未绑定手机号')
    expect(waitlist[1]).toContain('第2位')
    expect(screen.getByText('已取消（1）')).toBeTruthy()
    expect(screen.getByText('东风社区 · 取消于 11月21日 11:05')).toBeTruthy()
  })
})

describe('组织者 › 管理活动', () => {
  test('when 取消活动 is sent without a reason, then the shared schema asks for one', async () => {
    stubUi()
    const { calls } = fakeApi({ 'GET /api/activities/7': () => ({ status: 200, body: activity({ canManage: true }) }) })
    render(<ManageActivityPage />)
    await screen.findByText('报名名单')

    clickText('取消活动')

    expect(await screen.findByText('请填写取消原因')).toBeTruthy()
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })

  test('when 取消活动 is confirmed with a reason, then the reason is sent and the page shows the cancellation', async () => {
    stubUi()
    const ask = modal(true)
    const { calls } = fakeApi({
      'GET /api/activities/7': () => ({ status: 200, body: activity({ canManage: true, confirmedCount: 4, waitlistCount: 1 }) }),
      'POST /api/activities/7/cancel': () => ({ status: 200, body: activity({ canManage: true, status: 'cancelled', cancelReason: '天气原因' }) }),
    })
    const { container } = render(<ManageActivityPage />)
    await screen.findByText('报名名单')

    await typeInto(container, '.cancel-reason', '天气原因')
    clickText('取消活动')

    expect(await screen.findByText('已取消：天气原因')).toBeTruthy()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '天气原因' })
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ content: '已有 5 人报名或候补，他们会收到取消通知。确定取消吗？' }))
    expect(screen.queryByText('编辑活动')).toBeNull()
  })

  test('when the user does not organise the activity, then the page says so', async () => {
    stubUi()
    fakeApi({ 'GET /api/activities/7': () => ({ status: 200, body: activity({ canManage: false }) }) })
    render(<ManageActivityPage />)
    expect(await screen.findByText('只有本活动的组织者可以管理')).toBeTruthy()
  })
})

describe('组织者 › 周上街安排', () => {
  const unitOrganiser = meUser({ roles: { volunteer: true, office: false, organiserOf: [{ kind: 'unit', id: 3, name: '区教育局' }] } })
  const schedule: Schedule = {
    id: 5,
    unit: { id: 3, name: '区教育局' },
    type: { id: 2, name: '周上街' },
    community: { id: 2, name: '东风社区' },
    title: '区教育局周上街',
    description: '',
    weekday: 3,
    startTime: '07:30',
    endTime: '09:30',
    address: '东风路口',
    latitude: 34.25,
    longitude: 108.95,
    radiusM: 500,
    requiredHeadcount: 8,
    capacity: 10,
    weeksAhead: 4,
    upcoming: [
      { id: 41, startAt: '2026-11-25T23:30:00.000Z', status: 'published' },
      { id: 42, startAt: '2026-12-02T23:30:00.000Z', status: 'published' },
    ],
  }
  const routes = () => ({
    'GET /api/me': () => ({ status: 200, body: { user: unitOrganiser } }),
    'GET /api/directory': () => ({ status: 200, body: directory() }),
    'GET /api/schedules': () => ({ status: 200, body: { items: [schedule] } }),
  })

  test('when the unit has schedules, then each shows its weekday, time and coming dates', async () => {
    stubUi()
    fakeApi(routes())
    render(<SchedulesPage />)
    expect(await screen.findByText('区教育局周上街')).toBeTruthy()
    expect(screen.getByText('每周三 07:30–09:30 · 提前 4 周生成')).toBeTruthy()
    expect(screen.getByText('接下来：11月26日、12月3日')).toBeTruthy()
  })

  test('when 删除 is confirmed, then the schedule is deleted', async () => {
    stubUi()
    modal(true)
    const { calls } = fakeApi({ ...routes(), 'DELETE /api/schedules/5': () => ({ status: 200, body: { cancelled: 2 } }) })
    render(<SchedulesPage />)
    await screen.findByText('区教育局周上街')

    clickText('删除')

    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/schedules/5')).toBe(true))
  })

  test('when a new schedule misses its fields, then the shared schema messages show', async () => {
    stubUi()
    jest.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail' })
    const { calls } = fakeApi(routes())
    render(<SchedulesPage />)
    await screen.findByText('区教育局周上街')

    clickText('新建周上街安排')
    clickText('创建并生成活动')

    expect(await screen.findByText('请选择星期')).toBeTruthy()
    expect(screen.getByText('请选择社区')).toBeTruthy()
    expect(screen.getByText('请填写地点')).toBeTruthy()
    expect(screen.getByText('应到人数必须是数字')).toBeTruthy()
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })

  test('when a new schedule is complete, then the ScheduleBody is sent and the list reloads', async () => {
    stubUi()
    jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 34.25, longitude: 108.95 } as never)
    const { calls } = fakeApi({ ...routes(), 'POST /api/schedules': () => ({ status: 201, body: { schedule, created: 4 } }) })
    const { container } = render(<SchedulesPage />)
    await screen.findByText('区教育局周上街')

    clickText('新建周上街安排')
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('.latitude-input input')?.value).toBe('34.25'))
    await pickOption(container, '.weekday-picker', '周三')
    await pickOption(container, '.community-picker', '东风社区')
    await typeInto(container, '.schedule-address', '东风路口')
    await typeInto(container, '.schedule-required', '8')
    clickText('创建并生成活动')

    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      unitId: 3,
      title: '区教育局周上街',
      weekday: 3,
      startTime: '07:30',
      endTime: '09:30',
      communityId: 2,
      address: '东风路口',
      latitude: 34.25,
      longitude: 108.95,
      radiusM: 500,
      requiredHeadcount: 8,
      capacity: undefined,
      weeksAhead: 4,
    }))
    expect(await screen.findByText('新建周上街安排')).toBeTruthy()
    expect(calls.filter((c) => c.path === '/api/schedules' && c.method === 'GET').length).toBeGreaterThanOrEqual(2)
  })
})
