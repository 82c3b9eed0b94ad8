import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import QueuePage from '../../miniapp/src/packages/report/pages/queue/index'
import { byDeadline } from '../../miniapp/src/packages/report/pages/queue/queue'
import RectifyPage from '../../miniapp/src/packages/report/pages/rectify/index'
import { clickText } from '../helpers/ui-dom'
import { errorBody, fakeApi, meUser, stubUi, type FakeCall, type FakeReply } from '../helpers/ui-fixtures'
import { chooseMedia, fakeUploads, posts, reportView, summary, typeArea, uploaded } from '../helpers/ui-report'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })
const unit = { id: 5, name: '区城管局' }
const organiser = () => meUser({ roles: { volunteer: true, office: false, organiserOf: [{ kind: 'unit', ...unit }] } })

/** The queries of the calls to `path`, in order (fakeApi records the path only). */
function queries(path: string): URLSearchParams[] {
  const spy = Taro.request as unknown as jest.Mock
  return spy.mock.calls.map((c) => new URL(String(c[0].url), 'http://t')).filter((u) => u.pathname === path).map((u) => u.searchParams)
}

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: {}, path: '/packages/report/pages/queue/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('整改任务 (unit organiser)', () => {
  const assignedLate = summary({ id: 21, status: 'assigned', unit, deadline: '2026-11-18T15:59:59.999Z', overdue: true, category: { id: 3, name: '垃圾堆放' } })
  const acceptedSoon = summary({ id: 22, status: 'accepted', unit, deadline: '2026-11-20T15:59:59.999Z', overdue: true })
  const assignedLater = summary({ id: 23, status: 'assigned', unit, deadline: '2026-11-30T15:59:59.999Z', category: { id: 4, name: '设施损坏' } })

  function queueApi(extra: Record<string, (c: FakeCall) => FakeReply> = {}) {
    return fakeApi({
      'GET /api/me': () => ok({ user: organiser() }),
      'GET /api/reports': () => {
        // the call being answered is the last one Taro.request received
        const status = queries('/api/reports').at(-1)?.get('status')
        if (status === 'assigned') return ok({ items: [assignedLate, assignedLater], total: 2 })
        if (status === 'accepted') return ok({ items: [acceptedSoon], total: 1 })
        return ok({ items: [], total: 0 })
      },
      ...extra,
    })
  }

  test('when the queue opens, then assigned and accepted reports of the unit come in one list by deadline, overdue ones in red', async () => {
    stubUi()
    queueApi()
    render(<QueuePage />)
    expect(await screen.findByText('共 3 条，其中 2 条已逾期，按整改期限排序')).toBeTruthy()
    const titles = [...document.querySelectorAll('.report-card-title')].map((t) => t.textContent)
    expect(titles).toEqual(['垃圾堆放 · 第 21 号', '乱停乱放 · 第 22 号', '设施损坏 · 第 23 号'])
    const cards = [...document.querySelectorAll('.report-card')]
    expect(cards.map((c) => c.classList.contains('report-card--overdue'))).toEqual([true, true, false])
    expect(cards[0].querySelector('.report-card-deadline--overdue')?.textContent).toContain('整改期限 11月18日')
    expect(cards[0].textContent).toContain('已逾期')
    expect(cards[2].querySelector('.report-card-deadline--overdue')).toBeNull()
    expect(cards[2].textContent).not.toContain('已逾期')
    // one request per open status, each for the organiser's unit, sorted by deadline
    const qs = queries('/api/reports').map((q) => [q.get('unitId'), q.get('status'), q.get('sort')])
    expect(qs).toEqual([
      ['5', 'assigned', 'deadline'],
      ['5', 'accepted', 'deadline'],
    ])
    // assigned: 接收任务; accepted: 提交整改
    expect(cards[0].textContent).toContain('接收任务')
    expect(cards[1].textContent).toContain('提交整改')
  })

  test('when deadlines tie or are missing, then the number decides and reports without one come last', () => {
    const a = summary({ id: 3, deadline: '2026-11-20T15:59:59.999Z' })
    const b = summary({ id: 2, deadline: '2026-11-20T15:59:59.999Z' })
    const none = summary({ id: 1, deadline: null })
    expect([none, a, b].sort(byDeadline).map((r) => r.id)).toEqual([2, 3, 1])
  })

  test('when 接收任务 is tapped, then accept is posted and the queue reloads', async () => {
    const { toast } = stubUi()
    const { calls } = queueApi({ 'POST /api/reports/21/accept': () => ok(reportView({ id: 21, status: 'accepted' })) })
    render(<QueuePage />)
    await screen.findByText('垃圾堆放 · 第 21 号')
    fireEvent.click(document.querySelector('.queue-accept')!)
    await waitFor(() => expect(posts(calls, '/api/reports/21/accept')).toHaveLength(1))
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已接收' })))
    await waitFor(() => expect(queries('/api/reports')).toHaveLength(4))
  })

  test('when the organiser organises no unit, then the page says so', async () => {
    stubUi()
    fakeApi({ 'GET /api/me': () => ok({ user: meUser() }) })
    render(<QueuePage />)
    expect(await screen.findByText('仅限单位组织者')).toBeTruthy()
  })

  test('when 已办结 is chosen, then closed reports are asked for', async () => {
    stubUi()
    queueApi()
    render(<QueuePage />)
    await screen.findByText('垃圾堆放 · 第 21 号')
    clickText('已办结')
    expect(await screen.findByText('暂无记录')).toBeTruthy()
    expect(queries('/api/reports').at(-1)?.get('status')).toBe('closed')
  })
})

describe('提交整改', () => {
  const accepted = () =>
    reportView({ id: 22, status: 'accepted', unit, deadline: '2026-11-20T15:59:59.999Z', overdue: true, instruction: '清理占道车辆', actions: ['rectify'] })

  beforeEach(() => {
    Current.router = { params: { id: '22' }, path: '/packages/report/pages/rectify/index' } as never
  })

  test('when the note and an after-photo are given, then they are posted and the page goes back', async () => {
    const { nav } = stubUi()
    chooseMedia([{ path: 'wxfile://tmp/after.jpg' }])
    const uploads = fakeUploads()
    const { calls } = fakeApi({
      'GET /api/reports/22': () => ok(accepted()),
      'POST /api/reports/22/rectify': () => ok(reportView({ id: 22, status: 'rectified' })),
    })
    const { container } = render(<RectifyPage />)
    expect(await screen.findByText('整改期限：2026年11月20日（已逾期）')).toBeTruthy()
    expect(screen.getByText('整改要求：清理占道车辆')).toBeTruthy()

    clickText('提交整改')
    expect(await screen.findByText('请至少上传 1 张整改后照片')).toBeTruthy()
    expect(screen.getByText('请填写整改说明')).toBeTruthy()

    clickText('拍照/相册 0/6')
    await waitFor(() => expect(uploads.calls).toHaveLength(1))
    uploads.calls[0].progress(60)
    expect(screen.getByText('上传中 60%')).toBeTruthy()
    await act(async () => uploads.calls[0].finish(201, uploaded('up-after01')))
    await typeArea(container, '.rectify-note', '车辆已全部挪走，设置了禁停标志')
    clickText('提交整改')

    await waitFor(() => expect(posts(calls, '/api/reports/22/rectify')).toHaveLength(1))
    expect(posts(calls, '/api/reports/22/rectify')[0].body).toEqual({ note: '车辆已全部挪走，设置了禁停标志', uploadIds: ['up-after01'] })
    await waitFor(() => expect(nav.navigateBack).toHaveBeenCalled())
  })

  test('when the report is no longer in rectification, then the server’s report_invalid_transition message shows', async () => {
    stubUi()
    chooseMedia([{ path: 'wxfile://tmp/after.jpg' }])
    const uploads = fakeUploads()
    fakeApi({
      'GET /api/reports/22': () => ok(accepted()),
      'POST /api/reports/22/rectify': () => ok(errorBody('report_invalid_transition', '当前状态不能进行此操作，请刷新后重试'), 409),
    })
    const { container } = render(<RectifyPage />)
    await screen.findByText('整改要求：清理占道车辆')
    clickText('拍照/相册 0/6')
    await waitFor(() => expect(uploads.calls).toHaveLength(1))
    await act(async () => uploads.calls[0].finish(201, uploaded('up-after02')))
    await typeArea(container, '.rectify-note', '已清理')
    clickText('提交整改')
    expect(await screen.findByText('当前状态不能进行此操作，请刷新后重试')).toBeTruthy()
  })

  test('when the report is only assigned, then the form is not offered', async () => {
    stubUi()
    fakeApi({ 'GET /api/reports/22': () => ok(reportView({ id: 22, status: 'assigned', actions: ['accept'] })) })
    render(<RectifyPage />)
    expect(await screen.findByText('请先接收任务')).toBeTruthy()
  })
})
