import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { chinaDate, type CategoryView, type Pairing } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import ReportVerifyPage from '../../miniapp/src/packages/office/pages/report-verify/index'
import OfficeReportsPage from '../../miniapp/src/packages/office/pages/reports/index'
import { deadlineLabel } from '../../miniapp/src/packages/report/components/deadline'
import { pickOption } from '../helpers/ui-activities'
import { clickText, typeInto } from '../helpers/ui-dom'
import { errorBody, fakeApi, meUser, stubUi, type FakeCall, type FakeReply } from '../helpers/ui-fixtures'
import { event, posts, reportView, summary, typeArea } from '../helpers/ui-report'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })
const DAY = 86_400_000
const office = () => meUser({ roles: { volunteer: true, office: true, organiserOf: [] } })
const inDays = (n: number) => chinaDate(Date.now() + n * DAY)

function pairing(id: number, unit: { id: number; name: string }): Pairing {
  return { id, unit, community: { id: 2, name: '东风社区' }, createdAt: '2026-01-01T00:00:00.000Z' }
}
const category = (id: number, deadlineDays: number): CategoryView => ({ id, name: '乱停乱放', deadlineDays, sortOrder: 0, active: true })

/** The triage sheet (a bottom sheet on <body>). */
const sheet = () => document.querySelector<HTMLElement>('.triage-sheet')!
async function openSheet(button: string, reportId = 31) {
  const card = [...document.querySelectorAll<HTMLElement>('.report-card')].find((c) => c.textContent?.includes(`第 ${reportId} 号`))!
  fireEvent.click(within(card).getByText(button))
  await waitFor(() => expect(sheet()).toBeTruthy())
}

function officeApi(extra: Record<string, (c: FakeCall) => FakeReply> = {}) {
  return fakeApi({
    'GET /api/me': () => ok({ user: office() }),
    'GET /api/reports': () => ok({ items: [summary({ id: 31, reporter: { id: 9, name: '陈晓燕' } }), summary({ id: 30, reporter: { id: 8, name: '刘洋' } })], total: 2 }),
    'GET /api/directory': () =>
      ok({ communities: [], units: [{ id: 4, name: '区教育局' }, { id: 5, name: '区城管局' }, { id: 6, name: '区文旅局' }] }),
    'GET /api/pairings': () => ok({ items: [pairing(1, { id: 6, name: '区文旅局' })] }),
    'GET /api/categories': () => ok({ items: [category(1, 3)] }),
    ...extra,
  })
}

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: { status: 'submitted' }, path: '/packages/office/pages/reports/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('随手拍受理 (office)', () => {
  test('when 交办 is chosen, then the community’s paired units come first, the category’s default deadline is set, and the assignment is posted', async () => {
    const { toast } = stubUi()
    const { calls } = officeApi({ 'POST /api/reports/31/triage': () => ok(reportView({ id: 31, status: 'assigned' })) })
    render(<OfficeReportsPage />)
    expect(await screen.findByText('乱停乱放 · 第 31 号')).toBeTruthy()
    expect(screen.getByText(/陈晓燕/)).toBeTruthy()
    await openSheet('交办')

    const units = await waitFor(() => {
      const list = [...sheet().querySelectorAll('.choice-option .nut-cell-title')].map((t) => t.textContent)
      if (!list.length) throw new Error('no units yet')
      return list
    })
    expect(units).toEqual(['区文旅局（包联）', '区教育局', '区城管局'])
    expect(String((Taro.request as unknown as jest.Mock).mock.calls.map((c) => c[0].url).find((u: string) => u.startsWith('/api/pairings')))).toContain('communityId=2')
    expect(within(sheet()).getByText('整改期限（该分类默认 3 天）')).toBeTruthy()
    expect(sheet().querySelector('.assign-deadlines .option-chip--on')?.textContent).toBe('3 天')

    // nothing chosen yet
    fireEvent.click(within(sheet()).getByText('确认交办'))
    expect(await within(sheet()).findByText('请选择责任单位')).toBeTruthy()
    expect(within(sheet()).getByText('请填写整改要求')).toBeTruthy()

    fireEvent.click(within(sheet()).getByText('区文旅局（包联）'))
    fireEvent.click(within(sheet()).getByText('7 天'))
    await typeArea(sheet(), '.assign-instruction', '三日内清理并加强巡查')
    fireEvent.click(within(sheet()).getByText('确认交办'))

    await waitFor(() => expect(posts(calls, '/api/reports/31/triage')).toHaveLength(1))
    expect(posts(calls, '/api/reports/31/triage')[0].body).toEqual({ action: 'assign', unitId: 6, deadline: inDays(7), instruction: '三日内清理并加强巡查' })
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已交办' })))
    await waitFor(() => expect(document.querySelector('.triage-sheet')).toBeNull())
  })

  test('when the default deadline is kept, then today plus the category’s days is sent', async () => {
    stubUi()
    const { calls } = officeApi({ 'POST /api/reports/31/triage': () => ok(reportView({ id: 31, status: 'assigned' })) })
    render(<OfficeReportsPage />)
    await screen.findByText('乱停乱放 · 第 31 号')
    await openSheet('交办')
    fireEvent.click(await within(sheet()).findByText('区城管局'))
    await typeArea(sheet(), '.assign-instruction', '清理')
    fireEvent.click(within(sheet()).getByText('确认交办'))
    await waitFor(() => expect(posts(calls, '/api/reports/31/triage')).toHaveLength(1))
    expect(posts(calls, '/api/reports/31/triage')[0].body).toMatchObject({ unitId: 5, deadline: inDays(3) })
  })

  test('when 不予受理 is confirmed, then a reason is required and posted', async () => {
    stubUi()
    const { calls } = officeApi({ 'POST /api/reports/31/triage': () => ok(reportView({ id: 31, status: 'rejected' })) })
    render(<OfficeReportsPage />)
    await screen.findByText('乱停乱放 · 第 31 号')
    await openSheet('不予受理')
    fireEvent.click(within(sheet()).getByText('确认不予受理'))
    expect(await within(sheet()).findByText('请填写不予受理的原因')).toBeTruthy()
    await typeArea(sheet(), '.reject-reason', '不属于城市文明管理范围')
    fireEvent.click(within(sheet()).getByText('确认不予受理'))
    await waitFor(() => expect(posts(calls, '/api/reports/31/triage')).toHaveLength(1))
    expect(posts(calls, '/api/reports/31/triage')[0].body).toEqual({ action: 'reject', reason: '不属于城市文明管理范围' })
  })

  test('when 标记重复 is chosen, then the other reports of the community are offered and the chosen one is posted', async () => {
    stubUi()
    const { calls } = officeApi({ 'POST /api/reports/31/triage': () => ok(reportView({ id: 31, status: 'duplicate' })) })
    render(<OfficeReportsPage />)
    await screen.findByText('乱停乱放 · 第 31 号')
    await openSheet('标记重复')
    const option = await within(sheet()).findByText('第 30 号 · 乱停乱放 · 东风路与建设路口东北角')
    expect(within(sheet()).queryByText(/第 31 号 · 乱停乱放 · 东风路/)).toBeNull()
    fireEvent.click(option)
    fireEvent.click(within(sheet()).getByText('确认标记重复'))
    await waitFor(() => expect(posts(calls, '/api/reports/31/triage')).toHaveLength(1))
    expect(posts(calls, '/api/reports/31/triage')[0].body).toEqual({ action: 'duplicate', duplicateOfId: 30 })
  })

  test('when someone else triaged the report first, then report_invalid_transition’s message shows in the sheet and the list reloads', async () => {
    stubUi()
    const { calls } = officeApi({
      'POST /api/reports/31/triage': () => ok(errorBody('report_invalid_transition', '当前状态不能进行此操作，请刷新后重试'), 409),
    })
    render(<OfficeReportsPage />)
    await screen.findByText('乱停乱放 · 第 31 号')
    await openSheet('不予受理')
    await typeArea(sheet(), '.reject-reason', '重复')
    fireEvent.click(within(sheet()).getByText('确认不予受理'))
    expect(await within(sheet()).findByText('当前状态不能进行此操作，请刷新后重试')).toBeTruthy()
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/reports' && c.method === 'GET')).toHaveLength(2))
  })

  test('when the caller is not of the office, then the page says so', async () => {
    stubUi()
    fakeApi({ 'GET /api/me': () => ok({ user: meUser() }) })
    render(<OfficeReportsPage />)
    expect(await screen.findByText('仅限文明办工作人员')).toBeTruthy()
  })

  test('when 待核验 is chosen, then rectified reports are listed with 核验, which opens the verify page', async () => {
    const { nav } = stubUi()
    fakeApi({
      'GET /api/me': () => ok({ user: office() }),
      'GET /api/reports': () => ok({ items: [summary({ id: 40, status: 'rectified', unit: { id: 5, name: '区城管局' } })], total: 1 }),
    })
    render(<OfficeReportsPage />)
    await screen.findByText('待核验')
    clickText('待核验')
    fireEvent.click(await screen.findByText('核验'))
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/office/pages/report-verify/index?id=40' })
  })
})

describe('整改核验 (office)', () => {
  const rectified = () =>
    reportView({
      id: 40,
      status: 'rectified',
      unit: { id: 5, name: '区城管局' },
      deadline: '2026-11-20T15:59:59.999Z',
      late: true,
      instruction: '清理占道车辆',
      photos: {
        before: [{ uploadId: 'b1', url: '/api/files/b1.jpg?sig=1', width: 1, height: 1, eventId: 1 }],
        after: [
          { uploadId: 'a1', url: '/api/files/a1.jpg?sig=1', width: 1, height: 1, eventId: 4 },
          { uploadId: 'a2', url: '/api/files/a2.jpg?sig=1', width: 1, height: 1, eventId: 4 },
        ],
      },
      history: [event({ id: 1 }), event({ id: 4, kind: 'rectified', fromStatus: 'accepted', toStatus: 'rectified', actor: { role: 'unit', name: '李明华' }, note: '车辆已挪走' })],
      actions: ['verify'],
    })

  beforeEach(() => {
    Current.router = { params: { id: '40' }, path: '/packages/office/pages/report-verify/index' } as never
  })

  const modal = (confirm: boolean) => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })

  test('when a rectified report opens, then before and after photos stand side by side with the unit’s note, and 办结 posts close', async () => {
    stubUi()
    modal(true)
    const { calls } = fakeApi({
      'GET /api/reports/40': () => ok(rectified()),
      'POST /api/reports/40/verify': () => ok({ ...rectified(), status: 'closed', actions: [] }),
    })
    const { container } = render(<ReportVerifyPage />)
    expect(await screen.findByText('整改前（1）')).toBeTruthy()
    expect(screen.getByText('整改后（2）')).toBeTruthy()
    const columns = [...document.querySelectorAll('.compare-column')].map((c) => [...c.querySelectorAll('.compare-photo')].map((i) => i.getAttribute('src')))
    expect(columns).toEqual([['/api/files/b1.jpg?sig=1'], ['/api/files/a1.jpg?sig=1', '/api/files/a2.jpg?sig=1']])
    expect(screen.getByText('整改说明：车辆已挪走')).toBeTruthy()
    expect(screen.getByText('整改期限：2026年11月20日（逾期整改）')).toBeTruthy()
    expect(screen.getByText('责任单位 · 李明华')).toBeTruthy()

    await typeInto(container, '.verify-note', '已整改到位')
    clickText('核验通过，办结')
    await waitFor(() => expect(posts(calls, '/api/reports/40/verify')).toHaveLength(1))
    expect(posts(calls, '/api/reports/40/verify')[0].body).toEqual({ action: 'close', note: '已整改到位' })
    expect(await screen.findByText('该上报已核验办结。')).toBeTruthy()
  })

  test('when it is sent back, then a reason is required, and the reason and the new deadline are posted', async () => {
    stubUi()
    modal(true)
    const { calls } = fakeApi({
      'GET /api/reports/40': () => ok(rectified()),
      'POST /api/reports/40/verify': () => ok({ ...rectified(), status: 'accepted', actions: [] }),
    })
    const { container } = render(<ReportVerifyPage />)
    await screen.findByText('整改前（1）')
    clickText('退回重改')
    expect(await screen.findByText('请填写退回原因')).toBeTruthy()
    expect(posts(calls, '/api/reports/40/verify')).toHaveLength(0)

    await typeArea(container, '.send-back-reason', '仍有两辆车未挪走')
    const target = inDays(5)
    await pickOption(container, '.send-back-deadline', deadlineLabel(target))
    expect(deadlineLabel(target)).toMatch(/^\d+月\d+日 周.（5 天后）$/)
    clickText('退回重改')
    await waitFor(() => expect(posts(calls, '/api/reports/40/verify')).toHaveLength(1))
    expect(posts(calls, '/api/reports/40/verify')[0].body).toEqual({ action: 'send_back', reason: '仍有两辆车未挪走', newDeadline: target })
  })

  test('when another officer verified first, then report_invalid_transition’s message shows', async () => {
    stubUi()
    modal(true)
    fakeApi({
      'GET /api/reports/40': () => ok(rectified()),
      'POST /api/reports/40/verify': () => ok(errorBody('report_invalid_transition', '当前状态不能进行此操作，请刷新后重试'), 409),
    })
    render(<ReportVerifyPage />)
    await screen.findByText('整改前（1）')
    clickText('核验通过，办结')
    expect(await screen.findByText('当前状态不能进行此操作，请刷新后重试')).toBeTruthy()
  })

  test('when the confirmation is cancelled, then nothing is posted', async () => {
    stubUi()
    modal(false)
    const { calls } = fakeApi({ 'GET /api/reports/40': () => ok(rectified()) })
    render(<ReportVerifyPage />)
    await screen.findByText('整改前（1）')
    clickText('核验通过，办结')
    await new Promise((r) => setTimeout(r, 20))
    expect(posts(calls, '/api/reports/40/verify')).toHaveLength(0)
  })
})
