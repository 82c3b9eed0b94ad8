import { render, screen, waitFor } from '@testing-library/react'
import { chinaDate } from '@civic/shared'
import Taro from '@tarojs/taro'
import ActivitiesPage from '../../miniapp/src/pages/activities/index'
import { clickText } from '../helpers/ui-dom'
import { activity, activityTypes, directory, queriesTo } from '../helpers/ui-activities'
import { fakeApi, stubUi, type FakeCall, type FakeReply } from '../helpers/ui-fixtures'

const LIST = '/api/activities'

function routes(list: (call: FakeCall, query: URLSearchParams) => FakeReply) {
  return {
    'GET /api/directory': () => ({ status: 200, body: directory() }),
    'GET /api/activity-types': () => ({ status: 200, body: { items: activityTypes() } }),
    // the query is not part of FakeCall: read it from the request the page just made
    'GET /api/activities': (call: FakeCall) => list(call, queriesTo(LIST).at(-1)!),
  }
}

const page = (items: ReturnType<typeof activity>[], total = items.length) => ({ status: 200, body: { items, total } })

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
})
afterEach(() => jest.restoreAllMocks())

describe('活动 tab', () => {
  test('when activities load, then each card shows title, type, China time, place, places left and my sign-up', async () => {
    stubUi()
    fakeApi(
      routes(() =>
        page([
          // 00:30 UTC is 08:30 in China, on Tuesday 24 November 2026
          activity({ id: 1, startAt: '2026-11-24T00:30:00.000Z', endAt: '2026-11-24T03:00:00.000Z', mySignup: { status: 'confirmed', position: null } }),
          activity({
            id: 2,
            title: '东风社区环境整治',
            type: { id: 3, name: '环境整治', duty: false },
            remaining: 0,
            confirmedCount: 10,
            waitlistCount: 2,
            mySignup: { status: 'waitlisted', position: 2 },
          }),
        ]),
      ),
    )
    render(<ActivitiesPage />)

    expect(await screen.findByText('南关十字文明交通劝导')).toBeTruthy()
    expect(screen.getByText('11月24日 周二 08:30–11:00')).toBeTruthy()
    expect(screen.getAllByText('东风社区 · 南关十字东北角')).toHaveLength(2)
    expect(screen.getByText('文明交通')).toBeTruthy()
    expect(screen.getByText('剩余 6 个名额（共 10）')).toBeTruthy()
    expect(screen.getByText('已报名')).toBeTruthy()
    expect(screen.getByText('环境整治')).toBeTruthy()
    expect(screen.getByText('名额已满 · 候补 2 人')).toBeTruthy()
    expect(screen.getByText('候补第2位')).toBeTruthy()
    expect(screen.getByText('共 2 个活动，没有更多了')).toBeTruthy()
    expect(queriesTo(LIST)[0].get('page')).toBe('1')
  })

  test('when type, community and date are chosen, then the list is asked for again with each filter', async () => {
    stubUi()
    fakeApi(routes(() => page([activity()])))
    render(<ActivitiesPage />)
    await screen.findByText('南关十字文明交通劝导')
    await screen.findByText('类型 ▾')

    clickText('类型 ▾')
    clickText('文明宣传')
    await waitFor(() => expect(queriesTo(LIST).at(-1)!.get('typeId')).toBe('4'))

    clickText('社区 ▾')
    clickText('东风社区')
    await waitFor(() => expect(queriesTo(LIST).at(-1)!.get('communityId')).toBe('2'))
    expect(queriesTo(LIST).at(-1)!.get('typeId')).toBe('4')

    clickText('日期 ▾')
    clickText('明天')
    const tomorrow = chinaDate(Date.now() + 86_400_000)
    await waitFor(() => expect(queriesTo(LIST).at(-1)!.get('from')).toBe(tomorrow))
    expect(queriesTo(LIST).at(-1)!.get('to')).toBe(tomorrow)
    expect(queriesTo(LIST).at(-1)!.get('page')).toBe('1')
    // the chips show what is chosen
    expect(screen.getByText('文明宣传 ▾')).toBeTruthy()
    expect(screen.getByText('明天 ▾')).toBeTruthy()
  })

  test('when 附近 is switched on, then the device position is sent as near=lat,lng', async () => {
    stubUi()
    jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 34.2501234, longitude: 108.9512345 } as never)
    fakeApi(routes(() => page([activity({ distanceM: 1234 })])))
    render(<ActivitiesPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('附近')

    await waitFor(() => expect(queriesTo(LIST).at(-1)!.get('near')).toBe('34.250123,108.951235'))
    expect(await screen.findByText('东风社区 · 南关十字东北角 · 距你 1.2 公里')).toBeTruthy()
  })

  test('when nothing matches a filter, then the empty state offers to clear the filters', async () => {
    stubUi()
    fakeApi(routes((_c, q) => page(q.get('typeId') ? [] : [activity()])))
    render(<ActivitiesPage />)
    await screen.findByText('南关十字文明交通劝导')
    await screen.findByText('类型 ▾')

    clickText('类型 ▾')
    clickText('环境整治')

    expect(await screen.findByText('没有符合条件的活动')).toBeTruthy()
    clickText('清除筛选')
    expect(await screen.findByText('南关十字文明交通劝导')).toBeTruthy()
    expect(queriesTo(LIST).at(-1)!.get('typeId')).toBeNull()
  })

  test('when there are no activities at all, then the empty state says so', async () => {
    stubUi()
    fakeApi(routes(() => page([])))
    render(<ActivitiesPage />)
    expect(await screen.findByText('暂时没有活动')).toBeTruthy()
  })

  test('when there is more than one page, then 加载更多 appends page 2', async () => {
    stubUi()
    fakeApi(routes((_c, q) => (q.get('page') === '1' ? page([activity({ id: 1 })], 2) : page([activity({ id: 2, title: '第二页的活动' })], 2))))
    render(<ActivitiesPage />)
    await screen.findByText('南关十字文明交通劝导')

    clickText('加载更多')

    expect(await screen.findByText('第二页的活动')).toBeTruthy()
    expect(screen.getByText('南关十字文明交通劝导')).toBeTruthy()
    expect(queriesTo(LIST).at(-1)!.get('page')).toBe('2')
    expect(screen.getByText('共 2 个活动，没有更多了')).toBeTruthy()
  })

  test('when a card is tapped, then the activity page opens', async () => {
    const { nav } = stubUi()
    fakeApi(routes(() => page([activity({ id: 42 })])))
    render(<ActivitiesPage />)

    await screen.findByText('南关十字文明交通劝导')

    clickText('南关十字文明交通劝导')

    expect(nav.navigateTo).toHaveBeenCalledWith({ url: '/packages/activity/pages/detail/index?id=42' })
  })

  test('when loading fails, then the message and 重试 show', async () => {
    stubUi()
    fakeApi(routes(() => ({ status: 500, body: { error: { code: 'internal_error', message: '服务器开小差了，请稍后再试' } } })))
    render(<ActivitiesPage />)
    expect(await screen.findByText('服务器开小差了，请稍后再试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
