/**
 * 数据看板 (office subpackage) in jsdom: periods in China time, sorting, null rates, the 周上街
 * grid's colours, exports (H5 blob download; weapp downloadFile + openDocument), loading / empty /
 * error states, and what an organiser and a volunteer get. The chart library is replaced by a
 * stand-in that records the option it is handed.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { City, Participation, ParticipationRow, Rankings, StreetDuty, StreetDutyUnit, WeeklyRow } from '@civic/shared'
import Taro from '@tarojs/taro'
import DashboardPage from '../../miniapp/src/packages/office/pages/dashboard/index'
import { hours, percent } from '../../miniapp/src/packages/office/pages/dashboard/format'
import { periodProblem, presetPeriod } from '../../miniapp/src/packages/office/pages/dashboard/period'
import { clickText, settle } from '../helpers/ui-dom'
import { errorBody, fakeApi, meUser, stubUi, type FakeReply } from '../helpers/ui-fixtures'

// ---- the chart library: a stand-in that keeps the option it is given
const mockCharts: Array<{ option: unknown; isPage?: boolean }> = []
jest.mock('taro-react-echarts', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const React = require('react')
  return {
    __esModule: true,
    default: (props: { option: unknown; isPage?: boolean }) => {
      mockCharts.push({ option: props.option, isPage: props.isPage })
      return React.createElement('div', { className: 'chart-stub' })
    },
  }
})
jest.mock('../../miniapp/src/packages/office/pages/dashboard/echarts', () => ({ echarts: {} }))

/** 2025-11-23 17:30 UTC is already Monday 2025-11-24 01:30 in China. */
const NOW = Date.parse('2025-11-23T17:30:00Z')

const week = (monday: string, participants: number, volunteerHours: number, dutyHours = 0): WeeklyRow => ({
  week: `2025-W${String(Math.ceil((Date.parse(monday) - Date.parse('2024-12-30')) / 604_800_000) + 1).padStart(2, '0')}`,
  monday,
  participants,
  volunteers: participants,
  attendances: participants,
  volunteerHours,
  dutyHours,
})

function city(from: string, to: string, weekly: WeeklyRow[] = [week('2025-11-03', 12, 30.5, 8), week('2025-11-10', 20, 44, 10)]): City {
  return {
    from,
    to,
    registeredVolunteers: 160,
    volunteersServed: 48,
    shareServed: 0.3,
    volunteerHours: 312.5,
    dutyHours: 96,
    hoursPerCapita: 1.9,
    weekly,
  }
}

function row(id: number, name: string, over: Partial<ParticipationRow> = {}): ParticipationRow {
  return {
    id,
    name,
    unit: null,
    community: null,
    registered: 10,
    headcount: null,
    residentPopulation: null,
    participants: 5,
    rate: 0.5,
    populationRate: null,
    volunteerHours: 10,
    dutyHours: 0,
    hoursPerRegistered: 1,
    activities: null,
    personHours: null,
    ...over,
  }
}

function participation(groupBy: Participation['groupBy'], rows: ParticipationRow[], from = '2025-11-01', to = '2025-11-24'): Participation {
  const { id: _i, name: _n, unit: _u, community: _c, ...totals } = row(0, '合计', { registered: 30, participants: 14, rate: 0.4667 })
  return { groupBy, from, to, rows, totals }
}

const communities = participation('community', [
  row(1, '东风社区', { rate: 0.5, participants: 5 }),
  row(2, '光明村', { registered: 0, participants: 0, rate: null, hoursPerRegistered: null }),
  row(3, '幸福里社区', { rate: 0.8, participants: 8 }),
])

function dutyUnit(id: number, name: string, met: Array<boolean | null>): StreetDutyUnit {
  const weeks = met.map((m, i) => ({
    week: `2025-W${45 + i}`,
    monday: ['2025-11-03', '2025-11-10', '2025-11-17'][i],
    onDuty: m === null ? 0 : m ? 5 : 2,
    required: m === null ? 0 : 5,
    met: m,
  }))
  const required = met.filter((m) => m !== null).length
  const ok = met.filter((m) => m === true).length
  return { id, name, weeksRequired: required, weeksMet: ok, compliance: required ? Math.round((ok / required) * 10_000) / 10_000 : null, weeks }
}

const streetDuty: StreetDuty = {
  from: '2025-11-01',
  to: '2025-11-24',
  weeks: [
    { week: '2025-W45', monday: '2025-11-03' },
    { week: '2025-W46', monday: '2025-11-10' },
    { week: '2025-W47', monday: '2025-11-17' },
  ],
  units: [dutyUnit(7, '区教育局', [true, true, false]), dutyUnit(8, '区卫健局', [true, null, true])],
  latestWeek: { week: '2025-W47', monday: '2025-11-17' },
  missedLatestWeek: [{ id: 7, name: '区教育局', onDuty: 2, required: 5 }],
}

const rankings: Rankings = {
  from: '2025-11-01',
  to: '2025-11-24',
  unitsByParticipation: {
    ranked: 3,
    top: [
      { rank: 1, id: 7, name: '区教育局', value: 0.9 },
      { rank: 2, id: 8, name: '区卫健局', value: 0.6 },
    ],
    bottom: [{ rank: 3, id: 9, name: '区城管局', value: 0.1 }],
    unranked: [{ id: 10, name: '区档案馆' }],
  },
  unitsByCompliance: { ranked: 0, top: [], bottom: [], unranked: [] },
  communitiesByParticipation: { ranked: 1, top: [{ rank: 1, id: 3, name: '幸福里社区', value: 0.8 }], bottom: [], unranked: [] },
  unitsByOnTimeRectification: {
    ranked: 2,
    top: [{ rank: 1, id: 8, name: '区卫健局', value: 1 }],
    bottom: [{ rank: 2, id: 9, name: '区城管局', value: 0.3333 }],
    unranked: [],
  },
}

type Routes = Record<string, (q: URLSearchParams) => FakeReply | Promise<FakeReply>>

/** The fake API, answering by path with the query string at hand; every URL asked is kept. */
function api(routes: Routes) {
  const urls: string[] = []
  const fake = fakeApi({})
  fake.spy.mockImplementation(((opts: Taro.request.Option) => {
    const url = new URL(opts.url, 'http://test.local')
    urls.push(`${url.pathname}${url.search}`)
    const handler = routes[url.pathname]
    const reply = handler ? handler(url.searchParams) : { status: 404, body: errorBody('not_found', '请求的内容不存在') }
    return Promise.resolve(reply).then((r) => ({ statusCode: r.status, data: r.body, header: {}, cookies: [], errMsg: 'request:ok' }))
  }) as unknown as typeof Taro.request)
  const asked = (path: string) => urls.filter((u) => u.startsWith(`${path}?`)).map((u) => Object.fromEntries(new URL(u, 'http://x').searchParams))
  return { urls, asked }
}

const ok = (body: unknown): FakeReply => ({ status: 200, body })

function officeRoutes(over: Routes = {}): Routes {
  return {
    '/api/me': () => ok({ user: meUser({ roles: { volunteer: true, office: true, organiserOf: [] } }) }),
    '/api/stats/city': (q) => ok(city(q.get('from')!, q.get('to')!)),
    '/api/stats/participation': (q) =>
      ok(q.get('groupBy') === 'community' ? communities : participation(q.get('groupBy') as 'unit', [row(7, '区教育局', { headcount: 0, rate: null })])),
    '/api/stats/street-duty': () => ok(streetDuty),
    '/api/stats/rankings': () => ok(rankings),
    '/api/stats/rectification': (q) => ok({ from: q.get('from'), to: q.get('to'), items: rectificationRows }),
    ...over,
  }
}

const rectificationRows = [
  { unit: { id: 7, name: '区教育局' }, assigned: 3, rectifiedOnTime: 3, overdue: 0, open: 0, onTimeRate: 1 },
  { unit: { id: 9, name: '区城管局' }, assigned: 5, rectifiedOnTime: 1, overdue: 2, open: 2, onTimeRate: 0.3333 },
  { unit: { id: 10, name: '区档案馆' }, assigned: 0, rectifiedOnTime: 0, overdue: 0, open: 0, onTimeRate: null },
]

/** Names in the participation table, top to bottom. */
function tableNames(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.dash-participation-table .dash-tr:not(.dash-thead):not(.dash-tfoot) .dash-col-name')].map((e) => e.textContent ?? '')
}

function header(container: HTMLElement, key: string): HTMLElement {
  return container.querySelector<HTMLElement>(`.dash-participation-table .dash-thead .dash-col-${key}`)!
}

beforeEach(() => {
  localStorage.clear()
  mockCharts.length = 0
  Taro.setStorageSync('civic.session.token', 'tok-office')
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
})
afterEach(() => jest.restoreAllMocks())

describe('dashboard › periods (China time)', () => {
  test('when the presets are computed just after midnight in China (still Sunday in UTC), then they are China dates', () => {
    expect(presetPeriod('week', NOW)).toEqual({ from: '2025-11-24', to: '2025-11-24' })
    expect(presetPeriod('month', NOW)).toEqual({ from: '2025-11-01', to: '2025-11-24' })
    expect(presetPeriod('year', NOW)).toEqual({ from: '2025-01-01', to: '2025-11-24' })
  })

  test('when the office opens the dashboard and switches 本周 then 本年, then every figure is asked for that China period', async () => {
    stubUi()
    const { asked } = api(officeRoutes())
    render(<DashboardPage />)
    await screen.findByText('2025-11-01 至 2025-11-24')
    await screen.findByText('东风社区')
    const month = { from: '2025-11-01', to: '2025-11-24' }
    expect(asked('/api/stats/city')).toEqual([month])
    expect(asked('/api/stats/participation')).toEqual([{ groupBy: 'community', ...month }])
    expect(asked('/api/stats/street-duty')).toEqual([month])
    expect(asked('/api/stats/rankings')).toEqual([month])

    clickText('本周')
    await screen.findByText('2025-11-24')
    await settle()
    const week = { from: '2025-11-24', to: '2025-11-24' }
    expect(asked('/api/stats/city').at(-1)).toEqual(week)
    expect(asked('/api/stats/participation').at(-1)).toEqual({ groupBy: 'community', ...week })
    expect(asked('/api/stats/street-duty').at(-1)).toEqual(week)
    expect(asked('/api/stats/rankings').at(-1)).toEqual(week)

    clickText('本年')
    await screen.findByText('2025-01-01 至 2025-11-24')
    await settle()
    expect(asked('/api/stats/city').at(-1)).toEqual({ from: '2025-01-01', to: '2025-11-24' })
    expect(asked('/api/stats/rankings').at(-1)).toEqual({ from: '2025-01-01', to: '2025-11-24' })
  })

  test('when 自定义 is chosen and two days are picked on the calendar, then the figures are asked for those dates', async () => {
    stubUi()
    const { asked } = api(officeRoutes())
    render(<DashboardPage />)
    await screen.findByText('东风社区')
    clickText('自定义')
    await settle()
    const november = [...document.querySelectorAll('.nut-calendar-month')].find(
      (m) => m.querySelector('.nut-calendar-month-title')?.textContent === '2025年11月',
    )!
    const day = (d: string) =>
      [...november.querySelectorAll('.nut-calendar-day:not(.nut-calendar-day-disabled)')].find(
        (e) => e.querySelector('.nut-calendar-day-day')?.textContent === d,
      )!
    fireEvent.click(day('3'))
    fireEvent.click(day('16'))
    fireEvent.click(document.querySelector('.calendar-confirm-btn')!)

    await screen.findByText('2025-11-03 至 2025-11-16')
    await settle()
    expect(asked('/api/stats/participation').at(-1)).toEqual({ groupBy: 'community', from: '2025-11-03', to: '2025-11-16' })
    expect(asked('/api/stats/street-duty').at(-1)).toEqual({ from: '2025-11-03', to: '2025-11-16' })
  })

  test('when a custom period is reversed or longer than two years, then the server’s own message explains it', () => {
    expect(periodProblem({ from: '2025-11-16', to: '2025-11-03' })).toBe('开始日期不能晚于结束日期')
    expect(periodProblem({ from: '2023-01-01', to: '2025-11-24' })).toBe('统计时段不能超过两年')
    expect(periodProblem({ from: '2024-01-01', to: '2025-11-24' })).toBeNull()
  })

  test('when an earlier period answers after a later one, then the later period’s figures stay', async () => {
    stubUi()
    let releaseMonth: (() => void) | null = null
    api(
      officeRoutes({
        '/api/stats/city': (q) => {
          const answer = ok({ ...city(q.get('from')!, q.get('to')!), registeredVolunteers: q.get('from') === '2025-11-01' ? 111 : 222 })
          if (q.get('from') !== '2025-11-01') return answer
          return new Promise((resolve) => (releaseMonth = () => resolve(answer)))
        },
      }),
    )
    const { container } = render(<DashboardPage />)
    await screen.findByText('东风社区')
    clickText('本年')
    await waitFor(() => expect(container.querySelector('.dash-figure--registered')?.textContent).toContain('222'))
    await act(async () => releaseMonth!())
    await settle()
    expect(container.querySelector('.dash-figure--registered')?.textContent).toContain('222')
  })
})

describe('dashboard › figures', () => {
  test('when rates and hours are written, then they show what the API sent (4-decimal fractions as 2-decimal percentages) and null as —', () => {
    expect(percent(0.5385)).toBe('53.85%')
    expect(percent(0.0005)).toBe('0.05%')
    expect(percent(1)).toBe('100.00%')
    expect(percent(null)).toBe('—')
    expect(hours(12.3)).toBe('12.3')
    expect(hours(3)).toBe('3')
    expect(hours(null)).toBe('—')
  })

  test('when the city’s figures arrive, then totals show and the chart is handed the weeks', async () => {
    stubUi()
    api(officeRoutes())
    const { container } = render(<DashboardPage />)
    await screen.findByText('全市概况')
    const figure = (key: string) => container.querySelector(`.dash-figure--${key} .dash-figure-value`)?.textContent?.trim()
    await waitFor(() => expect(figure('registered')).toBe('160人'))
    expect(figure('share')).toBe('30.00%')
    expect(figure('hours')).toBe('312.5小时')
    expect(figure('perCapita')).toBe('1.9小时')

    const option = mockCharts.at(-1)!.option as {
      xAxis: { data: string[] }
      series: Array<{ name: string; type: string; data: number[] }>
    }
    expect(mockCharts.at(-1)!.isPage).toBe(false)
    expect(option.xAxis.data).toEqual(['11/3', '11/10'])
    expect(option.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['参与人数', 'line', [12, 20]],
      ['志愿服务时长', 'bar', [30.5, 44]],
      ['上街时长', 'bar', [8, 10]],
    ])
  })

  test('when a table header is tapped, then rows sort by it (largest first, again: smallest first), nulls last and shown as —', async () => {
    stubUi()
    api(officeRoutes())
    const { container } = render(<DashboardPage />)
    await screen.findByText('东风社区')
    expect(tableNames(container)).toEqual(['东风社区', '光明村', '幸福里社区'])
    const gm = [...container.querySelectorAll('.dash-participation-table .dash-tr')].find((r) => r.textContent?.includes('光明村'))!
    expect(gm.querySelector('.dash-col-rate')?.textContent).toBe('—')
    expect(gm.querySelector('.dash-col-hoursPerRegistered')?.textContent).toBe('—')
    expect(gm.querySelector('.dash-col-populationRate')?.textContent).toBe('—')

    fireEvent.click(header(container, 'rate'))
    expect(tableNames(container)).toEqual(['幸福里社区', '东风社区', '光明村'])
    expect(header(container, 'rate').textContent).toBe('参与率 ▼')
    fireEvent.click(header(container, 'rate'))
    expect(tableNames(container)).toEqual(['东风社区', '幸福里社区', '光明村'])
    expect(header(container, 'rate').textContent).toBe('参与率 ▲')
    fireEvent.click(header(container, 'participants'))
    expect(tableNames(container)).toEqual(['幸福里社区', '东风社区', '光明村'])

    const foot = container.querySelector('.dash-participation-table .dash-tfoot')!
    expect(foot.querySelector('.dash-col-rate')?.textContent).toBe('46.67%')
  })

  test('when 按单位 is chosen, then the unit figures are asked for and a zero headcount rate shows as —', async () => {
    stubUi()
    const { asked } = api(officeRoutes())
    const { container } = render(<DashboardPage />)
    await screen.findByText('东风社区')
    clickText('按单位')
    await waitFor(() => expect(container.querySelector('.dash-participation-unit')).toBeTruthy())
    expect(asked('/api/stats/participation').at(-1)).toEqual({ groupBy: 'unit', from: '2025-11-01', to: '2025-11-24' })
    const unitRow = [...container.querySelectorAll('.dash-participation-unit .dash-tr')].find((r) => r.textContent?.includes('区教育局'))!
    expect(unitRow.querySelector('.dash-col-headcount')?.textContent).toBe('0')
    expect(unitRow.querySelector('.dash-col-rate')?.textContent).toBe('—')
  })

  test('when the 周上街 grid shows, then missed weeks are red, met green, weeks without duty grey; the latest week’s misses are listed', async () => {
    stubUi()
    api(officeRoutes())
    const { container } = render(<DashboardPage />)
    await screen.findByText('第47周（11/17 起）未达标 1 个单位')
    // the fixed column (unit, compliance) and the scrolled weeks, row by row
    const names = [...container.querySelectorAll('.dash-duty-name')]
    const rows = [...container.querySelectorAll('.dash-duty-unit')]
    expect(rows.map((r) => r.getAttribute('data-unit'))).toEqual(names.map((n) => n.querySelector('.dash-grid-name')?.textContent))
    const states = rows.map((r, i) => [
      names[i].querySelector('.dash-grid-name')?.textContent,
      [...r.querySelectorAll('.duty-cell')].map((c) => `${c.className.match(/duty-cell--(\w+)/)![1]}:${c.textContent}`),
      names[i].querySelector('.dash-grid-rate')?.textContent,
    ])
    expect(states).toEqual([
      ['区教育局', ['met:5/5', 'met:5/5', 'missed:2/5'], '66.67%'],
      ['区卫健局', ['met:5/5', 'none:—', 'met:5/5'], '100.00%'],
    ])
    const missed = container.querySelector('.dash-missed')!
    expect(within(missed as HTMLElement).getByText('区教育局')).toBeTruthy()
    expect(within(missed as HTMLElement).getByText('到岗 2 / 应到 5')).toBeTruthy()
  })

  test('when the rankings arrive, then 红榜 and 黑榜 show ranks and rates, and the unranked are named', async () => {
    stubUi()
    api(officeRoutes())
    const { container } = render(<DashboardPage />)
    await screen.findByText('单位参与率（参与排名 3 个）')
    const board = container.querySelector('.dash-board')!
    expect([...board.querySelectorAll('.dash-rank-entry--red')].map((e) => e.textContent)).toEqual(['1区教育局90.00%', '2区卫健局60.00%'])
    expect([...board.querySelectorAll('.dash-rank-entry--black')].map((e) => e.textContent)).toEqual(['3区城管局10.00%'])
    expect(board.textContent).toContain('区档案馆')
    // the 随手拍 整改 board: on-time rectification per unit
    const boards = [...container.querySelectorAll('.dash-board')]
    const rectification = boards.find((b) => b.textContent?.includes('单位按期整改率（随手拍）'))!
    expect([...rectification.querySelectorAll('.dash-rank-entry--red')].map((e) => e.textContent)).toEqual(['1区卫健局100.00%'])
    expect([...rectification.querySelectorAll('.dash-rank-entry--black')].map((e) => e.textContent)).toEqual(['2区城管局33.33%'])
  })
})

describe('dashboard › loading, empty and error states', () => {
  test('when the figures are still on their way, then each section says 加载中', async () => {
    stubUi()
    api(officeRoutes({ '/api/stats/participation': () => new Promise(() => undefined) }))
    const { container } = render(<DashboardPage />)
    await screen.findByText('参与情况')
    expect(container.querySelector('.dash-participation .dash-loading')?.textContent).toBe('加载中…')
  })

  test('when nothing is there, then the sections say so', async () => {
    stubUi()
    api(
      officeRoutes({
        '/api/stats/participation': () => ok(participation('community', [])),
        '/api/stats/street-duty': () => ok({ ...streetDuty, units: [], missedLatestWeek: [] }),
        '/api/stats/rankings': () => ok(rankings),
        '/api/stats/city': (q) => ok(city(q.get('from')!, q.get('to')!, [week('2025-11-03', 0, 0)].map((w) => ({ ...w, attendances: 0 })))),
      }),
    )
    render(<DashboardPage />)
    expect(await screen.findByText('没有可显示的社区')).toBeTruthy()
    expect(screen.getByText('没有可显示的单位')).toBeTruthy()
    expect(screen.getByText('本时段还没有服务记录')).toBeTruthy()
  })

  test('when no unit had a 周上街 requirement in the latest week, then it is not called 全部达标', async () => {
    stubUi()
    const noRequirement = { ...streetDuty, units: [dutyUnit(8, '区卫健局', [null, null, null])], missedLatestWeek: [] }
    api(officeRoutes({ '/api/stats/street-duty': () => ok(noRequirement) }))
    render(<DashboardPage />)
    expect(await screen.findByText('第47周（11/17 起）：没有单位有上街人数要求')).toBeTruthy()
    expect(screen.queryByText(/全部达标/)).toBeNull()
  })

  test('when a section fails, then its message shows and 重试 loads it again', async () => {
    stubUi()
    let fail = true
    api(
      officeRoutes({
        '/api/stats/street-duty': () => (fail ? { status: 500, body: errorBody('internal_error', '服务器开小差了') } : ok(streetDuty)),
      }),
    )
    const { container } = render(<DashboardPage />)
    expect(await screen.findByText('加载失败：服务器开小差了')).toBeTruthy()
    fail = false
    fireEvent.click(container.querySelector('.dash-duty .dash-retry')!)
    expect(await screen.findByText('第47周（11/17 起）未达标 1 个单位')).toBeTruthy()
  })
})

describe('dashboard › exports', () => {
  test('when 导出 Excel is tapped in H5, then the file is fetched with the token and saved under its Chinese name', async () => {
    stubUi()
    api(officeRoutes())
    const fetchMock = jest.fn(async () => new Response(new Blob(['xlsx']), { status: 200 }))
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
    const createUrl = jest.fn(() => 'blob:test/1')
    ;(URL as unknown as { createObjectURL: unknown }).createObjectURL = createUrl
    ;(URL as unknown as { revokeObjectURL: unknown }).revokeObjectURL = jest.fn()
    const clicked: Array<{ href: string; download: string }> = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download })
    })
    const { container } = render(<DashboardPage />)
    await screen.findByText('东风社区')

    fireEvent.click(container.querySelector('.dash-export-participation')!)
    await waitFor(() => expect(clicked).toHaveLength(1))
    expect(fetchMock).toHaveBeenCalledWith('/api/exports/participation.xlsx?groupBy=community&from=2025-11-01&to=2025-11-24', {
      headers: { Authorization: 'Bearer tok-office' },
    })
    expect(clicked[0]).toEqual({ href: 'blob:test/1', download: '参与率-社区-2025-11-01至2025-11-24.xlsx' })

    fireEvent.click(container.querySelector('.dash-export-street-duty')!)
    await waitFor(() => expect(clicked).toHaveLength(2))
    expect(fetchMock).toHaveBeenLastCalledWith('/api/exports/street-duty.xlsx?from=2025-11-01&to=2025-11-24', expect.anything())
    expect(clicked[1].download).toBe('周上街达标-2025-11-01至2025-11-24.xlsx')
  })

  test('when the 随手拍整改 figures arrive, then units with assignments show, most overdue first, overdue in red; its export names the period', async () => {
    stubUi()
    const { asked } = api(officeRoutes())
    ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async () => new Response(new Blob(['xlsx']), { status: 200 }))
    ;(URL as unknown as { createObjectURL: unknown }).createObjectURL = jest.fn(() => 'blob:test/2')
    ;(URL as unknown as { revokeObjectURL: unknown }).revokeObjectURL = jest.fn()
    const clicked: string[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    const { container } = render(<DashboardPage />)
    await screen.findByText('超期未按时整改 2 件')

    const section = container.querySelector('.dash-rectification')!
    const rows = [...section.querySelectorAll('.dash-rect-row')]
    expect(rows.map((r) => [...r.querySelectorAll('.dash-td')].map((c) => c.textContent))).toEqual([
      ['区城管局', '5', '1', '2', '2', '33.33%'],
      ['区教育局', '3', '3', '0', '0', '100.00%'],
    ])
    expect(rows.map((r) => r.classList.contains('dash-rect-row--overdue'))).toEqual([true, false])
    expect(asked('/api/stats/rectification')).toEqual([{ from: '2025-11-01', to: '2025-11-24' }])

    fireEvent.click(section.querySelector('.dash-export-rectification')!)
    await waitFor(() => expect(clicked).toEqual(['整改统计-2025-11-01至2025-11-24.xlsx']))
  })

  test('when an export is refused, then the server’s message is shown', async () => {
    const { toast } = stubUi()
    api(officeRoutes())
    ;(globalThis as { fetch?: unknown }).fetch = jest.fn(
      async () => new Response(JSON.stringify(errorBody('forbidden', '没有权限')), { status: 403 }),
    )
    const { container } = render(<DashboardPage />)
    await screen.findByText('东风社区')
    fireEvent.click(container.querySelector('.dash-export-volunteers')!)
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有权限' })))
  })

  test('when 导出 Excel is tapped in the weapp, then downloadFile carries the token and openDocument opens the xlsx with its menu', async () => {
    stubUi()
    api(officeRoutes())
    const download = jest
      .spyOn(Taro, 'downloadFile')
      .mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/a.xlsx', errMsg: 'downloadFile:ok' } as never)
    const open = jest.spyOn(Taro, 'openDocument').mockResolvedValue({ errMsg: 'openDocument:ok' } as never)
    const { container } = render(<DashboardPage />)
    await screen.findByText('东风社区')
    process.env.TARO_ENV = 'weapp'
    try {
      fireEvent.click(container.querySelector('.dash-export-street-duty')!)
      await waitFor(() => expect(open).toHaveBeenCalled())
    } finally {
      process.env.TARO_ENV = 'h5'
    }
    expect(download).toHaveBeenCalledWith({
      url: '/api/exports/street-duty.xlsx?from=2025-11-01&to=2025-11-24',
      header: { Authorization: 'Bearer tok-office' },
    })
    expect(open).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/a.xlsx', fileType: 'xlsx', showMenu: true })
  })
})

describe('dashboard › who sees what', () => {
  test('when an organiser of a unit opens it, then there are no city figures or rankings, and the trend is the unit’s', async () => {
    stubUi()
    const { asked, urls } = api({
      '/api/me': () => ok({ user: meUser({ roles: { volunteer: true, office: false, organiserOf: [{ kind: 'unit', id: 7, name: '区教育局' }] } }) }),
      '/api/stats/weekly': (q) => ok({ from: q.get('from'), to: q.get('to'), rows: [week('2025-11-03', 3, 6, 2)] }),
      '/api/stats/participation': () => ok(participation('unit', [row(7, '区教育局', { headcount: 82, rate: 0.1 })])),
      '/api/stats/street-duty': () => ok({ ...streetDuty, units: [streetDuty.units[0]] }),
    })
    const { container } = render(<DashboardPage />)
    await screen.findByText('我负责的单位和社区')
    await waitFor(() => expect(container.querySelector('.dash-participation-unit')).toBeTruthy())
    await settle()
    expect(asked('/api/stats/weekly')).toEqual([{ from: '2025-11-01', to: '2025-11-24', unitId: '7' }])
    expect(asked('/api/stats/participation')).toEqual([{ groupBy: 'unit', from: '2025-11-01', to: '2025-11-24' }])
    expect(urls.some((u) => u.startsWith('/api/stats/city') || u.startsWith('/api/stats/rankings'))).toBe(false)
    expect(screen.queryByText('全市概况')).toBeNull()
    expect(screen.queryByText('红黑榜')).toBeNull()
    expect((mockCharts.at(-1)!.option as { series: Array<{ data: number[] }> }).series[0].data).toEqual([3])
  })

  test('when a volunteer opens it, then no figure is asked for', async () => {
    stubUi()
    const { urls } = api({ '/api/me': () => ok({ user: meUser() }) })
    render(<DashboardPage />)
    expect(await screen.findByText('仅限文明办工作人员和组织者')).toBeTruthy()
    expect(urls).toEqual(['/api/me'])
  })
})
