import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { chinaDate } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import EditActivityPage from '../../miniapp/src/packages/organiser/pages/edit/index'
import { clickText, typeInto } from '../helpers/ui-dom'
import { activity, activityTypes, directory, pickOption as pick } from '../helpers/ui-activities'
import { errorBody, fakeApi, meUser, stubUi, type FakeReply } from '../helpers/ui-fixtures'

const organiser = meUser({
  unit: { id: 3, name: '区教育局' },
  roles: { volunteer: true, office: false, organiserOf: [{ kind: 'unit', id: 3, name: '区教育局' }] },
})

function routes(extra: Record<string, (c: { body: unknown }) => FakeReply> = {}) {
  return {
    'GET /api/me': () => ({ status: 200, body: { user: organiser } }),
    'GET /api/activity-types': () => ({ status: 200, body: { items: activityTypes() } }),
    'GET /api/directory': () => ({ status: 200, body: directory() }),
    ...extra,
  }
}

function located(ok: boolean) {
  return jest
    .spyOn(Taro, 'getLocation')
    .mockImplementation((() => (ok ? Promise.resolve({ latitude: 34.25, longitude: 108.95 }) : Promise.reject({ errMsg: 'getLocation:fail auth deny' }))) as never)
}

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: {}, path: '/packages/organiser/pages/edit/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('组织者 › 发布活动', () => {
  test('when the form is sent incomplete, then the shared schema messages show under the fields and nothing is sent', async () => {
    stubUi()
    located(false)
    const { calls } = fakeApi(routes())
    const { container } = render(<EditActivityPage />)
    await screen.findByText('发布活动')

    await pick(container, '.end-picker', '08:00')
    clickText('发布活动')

    expect(await screen.findByText('请填写活动名称')).toBeTruthy()
    expect(screen.getByText('请选择活动类型')).toBeTruthy()
    expect(screen.getByText('请选择活动所在社区')).toBeTruthy()
    expect(screen.getByText('请填写活动地点')).toBeTruthy()
    expect(screen.getByText('纬度必须是数字')).toBeTruthy()
    expect(screen.getByText('经度必须是数字')).toBeTruthy()
    expect(screen.getByText('结束时间必须晚于开始时间')).toBeTruthy()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
  })

  test('when the form is complete, then the ActivityBody is sent with China times and the new activity opens', async () => {
    const { nav } = stubUi()
    located(true) // the form starts at the device's position
    const { calls } = fakeApi(routes({ 'POST /api/activities': () => ({ status: 201, body: activity({ id: 88 }) }) }))
    const { container } = render(<EditActivityPage />)
    await screen.findByText('发布活动')
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('.latitude-input input')?.value).toBe('34.25'))

    await typeInto(container, '.title-input', '  夜间文明宣传 ')
    await pick(container, '.type-picker', '文明宣传')
    await pick(container, '.community-picker', '东风社区')
    await typeInto(container, '.address-input', '东风广场')
    await pick(container, '.start-picker', '20:30')
    await pick(container, '.end-picker', '21:30')
    await pick(container, '.deadline-time-picker', '20:00')
    await typeInto(container, '.capacity-input', '1')
    clickText('发布活动')

    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/packages/organiser/pages/manage/index?id=88' }))
    const tomorrow = chinaDate(Date.now() + 86_400_000)
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      organiserUnitId: 3,
      title: '夜间文明宣传',
      typeId: 4,
      description: null,
      communityId: 2,
      address: '东风广场',
      latitude: 34.25,
      longitude: 108.95,
      radiusM: 500,
      startAt: `${tomorrow}T20:30:00+08:00`,
      endAt: `${tomorrow}T21:30:00+08:00`,
      signupDeadline: `${tomorrow}T20:00:00+08:00`,
      capacity: 1,
      allowWalkIn: false,
      waitlistEnabled: true,
      audience: 'everyone',
    })
  })

  test('when the server refuses a field, then its message shows under that field', async () => {
    const { toast } = stubUi()
    located(true)
    fakeApi(
      routes({
        'POST /api/activities': () => ({
          status: 400,
          body: errorBody('validation_failed', '填写的内容有误，请检查后重试', [{ path: 'address', message: '该地点不在活动社区内' }]),
        }),
      }),
    )
    const { container } = render(<EditActivityPage />)
    await screen.findByText('发布活动')
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('.latitude-input input')?.value).toBe('34.25'))

    await typeInto(container, '.title-input', '夜间文明宣传')
    await pick(container, '.type-picker', '文明宣传')
    await pick(container, '.community-picker', '东风社区')
    await typeInto(container, '.address-input', '东风广场')
    clickText('发布活动')

    expect(await screen.findByText('该地点不在活动社区内')).toBeTruthy()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '填写的内容有误，请检查后重试' }))
  })

  test('when the organiser runs a unit, then 本单位职工 is offered; the organiser picker lists only their roles', async () => {
    stubUi()
    located(false)
    fakeApi(routes())
    const { container } = render(<EditActivityPage />)
    await screen.findByText('发布活动')

    expect(screen.getByText('本单位职工')).toBeTruthy()
    expect(screen.getByText('区教育局（单位）')).toBeTruthy()
    fireEvent.click(container.querySelector('.organiser-picker .option-picker-field')!)
    const sheet = await waitFor(() => document.querySelector<HTMLElement>('.option-picker-sheet')!)
    expect(within(sheet).getAllByText(/（(单位|社区)）$/)).toHaveLength(1)
  })
})

describe('组织者 › 编辑活动', () => {
  test('when only the capacity of an activity across midnight changes, then only the capacity is sent', async () => {
    stubUi()
    Current.router = { params: { id: '7' }, path: '/packages/organiser/pages/edit/index' } as never
    // 22:00 to 01:00 the next day, China time
    const overnight = activity({ canManage: true, startAt: '2030-12-24T14:00:00.000Z', endAt: '2030-12-24T17:00:00.000Z', signupDeadline: '2030-12-24T12:00:00.000Z' })
    const { calls } = fakeApi(
      routes({
        'GET /api/activities/7': () => ({ status: 200, body: overnight }),
        'PATCH /api/activities/7': () => ({ status: 200, body: activity({ capacity: 12 }) }),
      }),
    )
    const { container } = render(<EditActivityPage />)
    await screen.findByText('保存修改')
    expect(container.querySelector('.organiser-picker')).toBeNull()
    expect(screen.getAllByText('2030年12月24日 周二')).toHaveLength(2) // the date and the deadline's date
    expect(container.querySelector('.next-day-check')?.className).toContain('nut-checkbox-active')

    await typeInto(container, '.capacity-input', '12')
    clickText('保存修改')

    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ capacity: 12 }))
  })

  test('when nothing changed, then the form says so and sends nothing', async () => {
    stubUi()
    Current.router = { params: { id: '7' }, path: '/packages/organiser/pages/edit/index' } as never
    const { calls } = fakeApi(routes({ 'GET /api/activities/7': () => ({ status: 200, body: activity({ canManage: true }) }) }))
    render(<EditActivityPage />)
    await screen.findByText('保存修改')

    clickText('保存修改')

    expect(await screen.findByText('没有需要修改的内容')).toBeTruthy()
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0)
  })
})
