import { render, screen, waitFor } from '@testing-library/react'
import { REPORT_STATUS_LABELS, type ReportStatus } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import ReportTab from '../../miniapp/src/pages/report/index'
import ReportDetailPage from '../../miniapp/src/packages/report/pages/detail/index'
import MyReportsPage from '../../miniapp/src/packages/report/pages/mine/index'
import { clickText } from '../helpers/ui-dom'
import { errorBody, fakeApi, stubUi, type FakeReply } from '../helpers/ui-fixtures'
import { event, posts, reportView, summary } from '../helpers/ui-report'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })
const DETAIL = '/packages/report/pages/detail/index'

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
})
afterEach(() => jest.restoreAllMocks())

describe('随手拍 tab', () => {
  test('when the tab shows, then 拍照上报 opens the form and 我的上报 the list, without a request of its own', async () => {
    const { nav } = stubUi()
    const { calls } = fakeApi({})
    render(<ReportTab />)
    clickText('拍照上报')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/report/pages/new/index' })
    clickText('我的上报')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/report/pages/mine/index' })
    expect(calls).toHaveLength(0)
  })
})

describe('我的上报', () => {
  test('when my reports load, then each shows its category, place and status tag, and a tap opens it', async () => {
    const { nav } = stubUi()
    const { calls } = fakeApi({
      'GET /api/reports': () =>
        ok({
          items: [
            summary({ id: 12, status: 'closed', category: { id: 3, name: '垃圾堆放' } }),
            summary({ id: 11, status: 'accepted', unit: { id: 5, name: '区城管局' }, deadline: '2026-11-23T15:59:59.999Z' }),
            summary({ id: 10, status: 'rejected' }),
          ],
          total: 3,
        }),
    })
    render(<MyReportsPage />)
    expect(await screen.findByText('垃圾堆放 · 第 12 号')).toBeTruthy()
    expect(screen.getByText('已办结')).toBeTruthy()
    expect(screen.getByText('整改中')).toBeTruthy()
    expect(screen.getByText('不予受理')).toBeTruthy()
    expect(screen.getByText('整改期限 11月23日 · 区城管局')).toBeTruthy()
    expect(screen.getByText('共 3 条上报')).toBeTruthy()
    expect(calls.map((c) => c.path)).toEqual(['/api/reports'])
    expect(String((Taro.request as unknown as jest.Mock).mock.calls[0][0].url)).toContain('mine=1')

    clickText('乱停乱放 · 第 11 号')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: `${DETAIL}?id=11&mine=1` })
  })

  test('when I have not reported anything, then the empty state offers 拍照上报', async () => {
    stubUi()
    fakeApi({ 'GET /api/reports': () => ok({ items: [], total: 0 }) })
    render(<MyReportsPage />)
    expect(await screen.findByText('还没有上报')).toBeTruthy()
    expect(screen.getByText('拍照上报')).toBeTruthy()
  })

  test('when the list fails, then the server message shows with 重试', async () => {
    stubUi()
    fakeApi({ 'GET /api/reports': () => ok(errorBody('database_unavailable', '服务暂时不可用，请稍后再试'), 503) })
    render(<MyReportsPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  test('when reports of every status show, then their tags read the shared labels', async () => {
    stubUi()
    const statuses = Object.keys(REPORT_STATUS_LABELS) as ReportStatus[]
    fakeApi({ 'GET /api/reports': () => ok({ items: statuses.map((status, i) => summary({ id: i + 1, status })), total: statuses.length }) })
    render(<MyReportsPage />)
    await screen.findByText('共 7 条上报')
    const tags = [...document.querySelectorAll('.status-tag')].map((t) => t.textContent)
    expect(tags).toEqual(statuses.map((s) => REPORT_STATUS_LABELS[s]))
  })
})

describe('上报详情', () => {
  const closed = () =>
    reportView({
      id: 11,
      status: 'closed',
      unit: { id: 5, name: '区城管局' },
      deadline: '2026-11-23T15:59:59.999Z',
      instruction: '清理占道车辆',
      closedAt: '2026-11-22T08:00:00.000Z',
      rectifiedAt: '2026-11-22T03:00:00.000Z',
      photos: {
        before: [{ uploadId: 'up-b', url: '/api/files/b.jpg?exp=1&sig=x', width: 800, height: 600, eventId: 1 }],
        after: [{ uploadId: 'up-a', url: 'https://oss.example.cn/a.jpg?sig=y', width: 800, height: 600, eventId: 4 }],
      },
      history: [
        event({ id: 1 }),
        event({ id: 2, kind: 'assigned', fromStatus: 'submitted', toStatus: 'assigned', actor: { role: 'office', name: null }, unit: { id: 5, name: '区城管局' }, deadline: '2026-11-23T15:59:59.999Z', note: '清理占道车辆', createdAt: '2026-11-20T02:00:00.000Z' }),
        event({ id: 3, kind: 'accepted', fromStatus: 'assigned', toStatus: 'accepted', actor: { role: 'unit', name: null }, createdAt: '2026-11-20T03:00:00.000Z' }),
        event({ id: 4, kind: 'rectified', fromStatus: 'accepted', toStatus: 'rectified', actor: { role: 'unit', name: null }, note: '车辆已全部挪走', createdAt: '2026-11-22T03:00:00.000Z' }),
        event({ id: 5, kind: 'closed', fromStatus: 'rectified', toStatus: 'closed', actor: { role: 'office', name: null }, createdAt: '2026-11-22T08:00:00.000Z' }),
      ],
    })

  test('when a closed report of mine opens, then the timeline lists every step newest first with notes, and both photo sets and the points link show', async () => {
    const { nav } = stubUi()
    Current.router = { params: { id: '11', mine: '1' }, path: DETAIL } as never
    fakeApi({ 'GET /api/reports/11': () => ok(closed()) })
    render(<ReportDetailPage />)
    expect(await screen.findByText('处理进度')).toBeTruthy()
    const steps = [...document.querySelectorAll('.timeline-title')].map((t) => t.textContent)
    expect(steps).toEqual(['核验办结', '提交整改', '接收任务', '交办整改', '提交上报'])
    expect(document.querySelector('.timeline-item--latest .timeline-title')?.textContent).toBe('核验办结')
    expect(screen.getByText('车辆已全部挪走')).toBeTruthy()
    expect(screen.getByText('交办给 区城管局')).toBeTruthy()
    expect(screen.getAllByText('整改期限 2026年11月23日').length).toBeGreaterThan(0)
    expect(screen.getByText('11-22 16:00')).toBeTruthy() // China time
    expect(screen.getByText('现场照片（1）')).toBeTruthy()
    expect(screen.getByText('整改后照片（1）')).toBeTruthy()
    const srcs = [...document.querySelectorAll('.photo-tile-image')].map((i) => i.getAttribute('src'))
    expect(srcs).toEqual(['/api/files/b.jpg?exp=1&sig=x', 'https://oss.example.cn/a.jpg?sig=y'])
    expect(screen.getByText('已办结')).toBeTruthy()
    clickText('查看积分明细')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/checkin/pages/points/index' })
  })

  test('when a rejected report opens, then the office’s reason shows', async () => {
    stubUi()
    Current.router = { params: { id: '11' }, path: DETAIL } as never
    fakeApi({
      'GET /api/reports/11': () =>
        ok(reportView({ status: 'rejected', reason: '不属于城市文明管理范围', history: [event(), event({ id: 2, kind: 'rejected', toStatus: 'rejected', actor: { role: 'office', name: null }, note: '不属于城市文明管理范围' })] })),
    })
    render(<ReportDetailPage />)
    expect(await screen.findByText('不予受理：不属于城市文明管理范围')).toBeTruthy()
  })

  test('when the unit accepts on the report page but it changed meanwhile, then report_invalid_transition’s message shows', async () => {
    stubUi()
    Current.router = { params: { id: '11' }, path: DETAIL } as never
    const assigned = reportView({ status: 'assigned', unit: { id: 5, name: '区城管局' }, deadline: '2026-11-23T15:59:59.999Z', actions: ['accept'] })
    const { calls } = fakeApi({
      'GET /api/reports/11': () => ok(assigned),
      'POST /api/reports/11/accept': () => ok(errorBody('report_invalid_transition', '当前状态不能进行此操作，请刷新后重试'), 409),
    })
    render(<ReportDetailPage />)
    await screen.findByText('接收任务')
    clickText('接收任务')
    expect(await screen.findByText('当前状态不能进行此操作，请刷新后重试')).toBeTruthy()
    expect(posts(calls, '/api/reports/11/accept')).toHaveLength(1)
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/reports/11')).toHaveLength(2))
  })
})
