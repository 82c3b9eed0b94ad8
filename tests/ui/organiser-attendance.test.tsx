/**
 * The organiser's attendance screens: an activity's check-ins, 补录 by hand (reason required,
 * China times), 标记未到场 after the end, and 待审核的补录 (approve / reject, four eyes).
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { AttendanceView, RosterEntry } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import AttendancePage from '../../miniapp/src/packages/organiser/pages/attendance/index'
import PendingPage from '../../miniapp/src/packages/organiser/pages/pending/index'
import { activity, pickOption } from '../helpers/ui-activities'
import { clickText, settle, typeInto } from '../helpers/ui-dom'
import { errorBody, fakeApi, stubUi, type FakeReply } from '../helpers/ui-fixtures'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })

function attendance(overrides: Partial<AttendanceView> = {}): AttendanceView {
  return {
    id: 11,
    activity: {
      id: 7,
      title: '南关十字文明交通劝导',
      startAt: '2026-11-21T00:30:00.000Z',
      endAt: '2026-11-21T03:00:00.000Z',
      address: '南关十字东北角',
      duty: false,
    },
    user: { id: 21, name: '陈晓燕', phone: '158****0004' },
    source: 'scan',
    status: 'approved',
    checkInAt: '2026-11-21T00:25:00.000Z',
    checkOutAt: '2026-11-21T03:05:00.000Z',
    hours: 2.5,
    points: 25,
    reason: null,
    recordedBy: null,
    approvedBy: null,
    ...overrides,
  }
}

function entry(userId: number, name: string, phone: string | null = null): RosterEntry {
  return { userId, name, phone, community: null, unit: null, signedUpAt: '2026-11-20T02:00:00.000Z', position: null, cancelledAt: null }
}

const roster = { confirmed: [entry(21, '陈晓燕', '158****0004'), entry(22, '刘洋', '158****0005')], waitlist: [], cancelled: [] }
/** 08:30–11:00 China time on 21 November 2026: over by now. */
const ended = () => activity({ startAt: '2026-11-21T00:30:00.000Z', endAt: '2026-11-21T03:00:00.000Z', canManage: true })
/** Far ahead: not over. */
const upcoming = () => activity({ startAt: '2099-11-21T00:30:00.000Z', endAt: '2099-11-21T03:00:00.000Z', canManage: true })

function modal(confirm: boolean) {
  return jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })
}

/** Types into the native <textarea> of a NutUI TextArea (rendered asynchronously by Taro). */
async function typeArea(container: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const t = container.querySelector<HTMLTextAreaElement>(`${selector} textarea`)
    if (!t) throw new Error(`no textarea inside ${selector}`)
    return t
  })
  fireEvent.input(el, { target: { value } })
}

const posts = (calls: Array<{ method: string; path: string; body: unknown }>, path: string) =>
  calls.filter((c) => c.method === 'POST' && c.path === path)

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: { id: '7' }, path: '/packages/organiser/pages/attendance/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('组织者 › 签到记录', () => {
  test('when the records load, then each person shows with times in China, status, 补录 and hours, under a count', async () => {
    stubUi()
    fakeApi({
      'GET /api/activities/7': () => ok(ended()),
      'GET /api/activities/7/roster': () => ok(roster),
      'GET /api/activities/7/attendance': () =>
        ok({
          items: [
            attendance(),
            attendance({ id: 12, user: { id: 22, name: '刘洋', phone: null }, source: 'manual', status: 'pending', checkOutAt: null, hours: 0 }),
          ],
          total: 2,
        }),
    })
    render(<AttendancePage />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('南关十字文明交通劝导 · 签到记录（2）')).toBeTruthy()
    const rows = [...document.querySelectorAll('.attendance-item')].map((e) => e.textContent)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('陈晓燕')
    expect(rows[0]).toContain('08:25 – 11:05 · 有效')
    expect(rows[0]).toContain('2.5 小时')
    expect(rows[1]).toContain('刘洋')
    expect(rows[1]).toContain('08:25 – — · 待审核 · 补录')
  })

  test('when nobody has checked in, then 还没有人签到 shows', async () => {
    stubUi()
    fakeApi({
      'GET /api/activities/7': () => ok(upcoming()),
      'GET /api/activities/7/roster': () => ok(roster),
      'GET /api/activities/7/attendance': () => ok({ items: [], total: 0 }),
    })
    render(<AttendancePage />)

    expect(await screen.findByText('还没有人签到')).toBeTruthy()
    expect(screen.getByText('南关十字文明交通劝导 · 签到记录（0）')).toBeTruthy()
  })

  test('when the records cannot be read, then the server’s message shows and 重试 loads them', async () => {
    stubUi()
    let refuse = true
    fakeApi({
      'GET /api/activities/7': () => ok(upcoming()),
      'GET /api/activities/7/roster': () => ok(roster),
      'GET /api/activities/7/attendance': () => (refuse ? ok(errorBody('forbidden', '没有权限执行此操作'), 403) : ok({ items: [attendance()], total: 1 })),
    })
    render(<AttendancePage />)

    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(screen.getByText('没有权限执行此操作')).toBeTruthy()
    refuse = false
    clickText('重试')
    expect(await screen.findByText('南关十字文明交通劝导 · 签到记录（1）')).toBeTruthy()
  })

  test('when 签到码 or 待审核的补录 is tapped, then their screens open for this activity', async () => {
    const { nav } = stubUi()
    fakeApi({
      'GET /api/activities/7': () => ok(upcoming()),
      'GET /api/activities/7/roster': () => ok(roster),
      'GET /api/activities/7/attendance': () => ok({ items: [], total: 0 }),
    })
    render(<AttendancePage />)
    await screen.findByText('还没有人签到')

    clickText('签到码 / 签退码')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({
      url: `/packages/organiser/pages/checkin-code/index?id=7&title=${encodeURIComponent('南关十字文明交通劝导')}`,
    })
    clickText('待审核的补录')
    expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/organiser/pages/pending/index' })
  })
})

describe('组织者 › 标记未到场', () => {
  function world(items: () => AttendanceView[], noShows: () => FakeReply) {
    return fakeApi({
      'GET /api/activities/7': () => ok(ended()),
      'GET /api/activities/7/roster': () => ok(roster),
      'GET /api/activities/7/attendance': () => ok({ items: items(), total: items().length }),
      'POST /api/activities/7/no-shows': noShows,
    })
  }

  test('when the activity has not ended, then 标记未到场 is not offered', async () => {
    stubUi()
    fakeApi({
      'GET /api/activities/7': () => ok(upcoming()),
      'GET /api/activities/7/roster': () => ok(roster),
      'GET /api/activities/7/attendance': () => ok({ items: [], total: 0 }),
    })
    render(<AttendancePage />)
    await screen.findByText('还没有人签到')

    expect(screen.queryByText('标记未到场')).toBeNull()
  })

  test('when it is confirmed after the end, then the no-shows are posted, the count is told and the list reloads', async () => {
    const { toast } = stubUi()
    const ask = modal(true)
    let marked = false
    const { calls } = world(
      () => (marked ? [attendance(), attendance({ id: 13, user: { id: 22, name: '刘洋', phone: null }, status: 'no_show', checkInAt: null, checkOutAt: null, hours: 0 })] : [attendance()]),
      () => {
        marked = true
        return ok({ marked: 1 })
      },
    )
    render(<AttendancePage />)
    await screen.findByText('南关十字文明交通劝导 · 签到记录（1）')

    clickText('标记未到场')

    expect(await screen.findByText('南关十字文明交通劝导 · 签到记录（2）')).toBeTruthy()
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ content: '已报名但没有签到的志愿者将记为未到场，确定吗？' }))
    expect(posts(calls, '/api/activities/7/no-shows')).toHaveLength(1)
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已标记 1 人未到场' }))
    expect(document.querySelectorAll('.attendance-item')[1].textContent).toContain('— – — · 未到场')
  })

  test('when the confirmation is declined, then nothing is posted', async () => {
    stubUi()
    modal(false)
    const { calls } = world(() => [attendance()], () => ok({ marked: 0 }))
    render(<AttendancePage />)
    await screen.findByText('南关十字文明交通劝导 · 签到记录（1）')

    clickText('标记未到场')
    await settle()

    expect(posts(calls, '/api/activities/7/no-shows')).toHaveLength(0)
  })

  test('when the server refuses, then its message is shown', async () => {
    const { toast } = stubUi()
    modal(true)
    world(() => [attendance()], () => ok(errorBody('activity_not_ended', '活动结束后才能标记未到场'), 409))
    render(<AttendancePage />)
    await screen.findByText('南关十字文明交通劝导 · 签到记录（1）')

    clickText('标记未到场')

    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '活动结束后才能标记未到场', icon: 'none' })))
  })
})

describe('组织者 › 补录签到', () => {
  function world(reply: () => FakeReply = () => ok(attendance({ source: 'manual', status: 'pending' }), 201)) {
    return fakeApi({
      'GET /api/activities/7': () => ok(ended()),
      'GET /api/activities/7/roster': () => ok(roster),
      'GET /api/activities/7/attendance': () => ok({ items: [], total: 0 }),
      'POST /api/activities/7/attendance': reply,
    })
  }
  const manualPosts = (calls: Parameters<typeof posts>[0]) => posts(calls, '/api/activities/7/attendance')

  test('when it is sent empty, then 请选择志愿者 and 请填写补录原因 show in Chinese and nothing is posted', async () => {
    stubUi()
    const { calls } = world()
    render(<AttendancePage />)
    await screen.findByText('补录签到')

    clickText('提交补录（需另一位组织者审核）')

    expect(await screen.findByText('请选择志愿者')).toBeTruthy()
    expect(screen.getByText('请填写补录原因')).toBeTruthy()
    expect(manualPosts(calls)).toHaveLength(0)
  })

  test('when the times are malformed or the check-out is before the check-in, then the time fields say so', async () => {
    stubUi()
    const { calls } = world()
    const { container } = render(<AttendancePage />)
    await screen.findByText('补录签到')
    await pickOption(container, '.manual-form', '陈晓燕 158****0004')
    await typeArea(container, '.manual-reason', '手机没电')

    await typeInto(container, '.manual-in', '11月21日 8点')
    clickText('提交补录（需另一位组织者审核）')
    expect(await screen.findByText('签到时间格式应为 YYYY-MM-DD HH:mm')).toBeTruthy()

    await typeInto(container, '.manual-in', '2026-11-21 10:00')
    await typeInto(container, '.manual-out', '2026-11-21 09:00')
    clickText('提交补录（需另一位组织者审核）')
    expect(await screen.findByText('签退时间不能早于签到时间')).toBeTruthy()
    expect(screen.queryByText('签到时间格式应为 YYYY-MM-DD HH:mm')).toBeNull()
    expect(manualPosts(calls)).toHaveLength(0)
  })

  test('when a person, China times and a reason are given, then the instants and the trimmed reason are posted and the list reloads', async () => {
    const { toast } = stubUi()
    const { calls } = world()
    const { container } = render(<AttendancePage />)
    await screen.findByText('补录签到')
    // the times start at the activity's own, in China time (the form renders once the activity is in)
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('.manual-in input')?.value).toBe('2026-11-21 08:30'))
    expect(container.querySelector<HTMLInputElement>('.manual-out input')?.value).toBe('2026-11-21 11:00')

    await pickOption(container, '.manual-form', '刘洋 158****0005')
    await typeInto(container, '.manual-in', '2026-11-21 8:40')
    await typeArea(container, '.manual-reason', '  手机没电，现场由组织者确认到岗  ')
    clickText('提交补录（需另一位组织者审核）')

    await waitFor(() => expect(manualPosts(calls)).toHaveLength(1))
    expect(manualPosts(calls)[0].body).toEqual({
      userId: 22,
      checkInAt: '2026-11-21T00:40:00.000Z',
      checkOutAt: '2026-11-21T03:00:00.000Z',
      reason: '手机没电，现场由组织者确认到岗',
    })
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，待审核' })))
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/activities/7/attendance' && c.method === 'GET')).toHaveLength(2))
    expect(container.querySelector<HTMLTextAreaElement>('.manual-reason textarea')?.value).toBe('')
  })

  test('when the check-out is left empty, then null is posted (the record stays open)', async () => {
    stubUi()
    const { calls } = world()
    const { container } = render(<AttendancePage />)
    await screen.findByText('补录签到')
    await pickOption(container, '.manual-form', '陈晓燕 158****0004')
    await typeInto(container, '.manual-out', '')
    await typeArea(container, '.manual-reason', '忘记签到')
    clickText('提交补录（需另一位组织者审核）')

    await waitFor(() => expect(manualPosts(calls)).toHaveLength(1))
    expect(manualPosts(calls)[0].body).toMatchObject({ userId: 21, checkOutAt: null, reason: '忘记签到' })
  })

  test('when the server finds a field wrong, then its message shows under that field', async () => {
    const { toast } = stubUi()
    world(() =>
      ok(errorBody('validation_failed', '填写的内容有误，请检查后重试', [{ path: 'body.checkOutAt', message: '签退时间超出活动可计时范围' }]), 400),
    )
    const { container } = render(<AttendancePage />)
    await screen.findByText('补录签到')
    await pickOption(container, '.manual-form', '陈晓燕 158****0004')
    await typeArea(container, '.manual-reason', '手机没电')
    clickText('提交补录（需另一位组织者审核）')

    const message = await screen.findByText('签退时间超出活动可计时范围')
    expect(message.closest('.form-row')?.textContent).toContain('签退时间')
    expect(toast).not.toHaveBeenCalled()
  })

  test('when the server refuses the whole record, then its message is toasted', async () => {
    const { toast } = stubUi()
    world(() => ok(errorBody('activity_cancelled', '活动已取消'), 409))
    const { container } = render(<AttendancePage />)
    await screen.findByText('补录签到')
    await pickOption(container, '.manual-form', '陈晓燕 158****0004')
    await typeArea(container, '.manual-reason', '手机没电')
    clickText('提交补录（需另一位组织者审核）')

    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '活动已取消', icon: 'none' })))
  })
})

describe('组织者 › 待审核的补录', () => {
  const manual = () =>
    attendance({
      source: 'manual',
      status: 'pending',
      reason: '手机没电，现场确认到岗',
      recordedBy: { id: 5, name: '李组织' },
      checkOutAt: '2026-11-21T03:00:00.000Z',
    })
  const walkIn = () => attendance({ id: 12, user: { id: 23, name: '周桂芳', phone: null }, source: 'walk_in', status: 'pending', checkOutAt: null, hours: 0 })

  test('when records wait, then each shows the activity, person, times in China, hours, reason and who recorded it', async () => {
    stubUi()
    fakeApi({ 'GET /api/attendance/pending': () => ok({ items: [manual(), walkIn()], total: 2 }) })
    render(<PendingPage />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    const groups = await waitFor(() => {
      const g = [...document.querySelectorAll<HTMLElement>('.pending-item')]
      if (g.length !== 2) throw new Error('not yet')
      return g
    })
    expect(groups[0].textContent).toContain('南关十字文明交通劝导')
    expect(within(groups[0]).getByText('陈晓燕')).toBeTruthy()
    expect(within(groups[0]).getByText('11月21日 08:25 – 11月21日 11:00')).toBeTruthy()
    expect(within(groups[0]).getByText('2.5 小时')).toBeTruthy()
    expect(within(groups[0]).getByText('手机没电，现场确认到岗')).toBeTruthy()
    expect(within(groups[0]).getByText('补录人 李组织')).toBeTruthy()
    expect(within(groups[1]).getByText('11月21日 08:25 – 未签退')).toBeTruthy()
    expect(within(groups[1]).getByText('未报名，现场扫码签到')).toBeTruthy()
  })

  test('when nothing waits, then 没有待审核的补录 shows', async () => {
    stubUi()
    fakeApi({ 'GET /api/attendance/pending': () => ok({ items: [], total: 0 }) })
    render(<PendingPage />)

    expect(await screen.findByText('没有待审核的补录')).toBeTruthy()
  })

  test('when the list cannot be read, then the server’s message shows with 重试', async () => {
    stubUi()
    let fail = true
    fakeApi({ 'GET /api/attendance/pending': () => (fail ? ok(errorBody('internal_error', '服务器开小差了，请稍后再试'), 500) : ok({ items: [], total: 0 })) })
    render(<PendingPage />)

    expect(await screen.findByText('服务器开小差了，请稍后再试')).toBeTruthy()
    fail = false
    clickText('重试')
    expect(await screen.findByText('没有待审核的补录')).toBeTruthy()
  })

  test('when 通过 is tapped, then that record is approved, 已通过 is told and the list reloads without it', async () => {
    const { toast } = stubUi()
    let approved = false
    const { calls } = fakeApi({
      'GET /api/attendance/pending': () => ok({ items: approved ? [] : [manual()], total: approved ? 0 : 1 }),
      'POST /api/attendance/11/approve': () => {
        approved = true
        return ok(attendance({ source: 'manual', status: 'approved' }))
      },
    })
    render(<PendingPage />)
    await screen.findByText('手机没电，现场确认到岗')

    clickText('通过')

    expect(await screen.findByText('没有待审核的补录')).toBeTruthy()
    expect(posts(calls, '/api/attendance/11/approve')).toHaveLength(1)
    expect(posts(calls, '/api/attendance/11/reject')).toHaveLength(0)
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已通过' }))
  })

  test('when 驳回 is tapped, then that record is rejected with an empty body and 已驳回 is told', async () => {
    const { toast } = stubUi()
    const { calls } = fakeApi({
      'GET /api/attendance/pending': () => ok({ items: [manual()], total: 1 }),
      'POST /api/attendance/11/reject': () => ok(attendance({ source: 'manual', status: 'rejected' })),
    })
    render(<PendingPage />)
    await screen.findByText('手机没电，现场确认到岗')

    clickText('驳回')

    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已驳回' })))
    expect(posts(calls, '/api/attendance/11/reject').map((c) => c.body)).toEqual([{}])
    expect(posts(calls, '/api/attendance/11/approve')).toHaveLength(0)
  })

  test('when the recorder tries to approve their own record, then the four-eyes message from the server is shown and the record stays', async () => {
    const { toast } = stubUi()
    const { calls } = fakeApi({
      'GET /api/attendance/pending': () => ok({ items: [manual()], total: 1 }),
      'POST /api/attendance/11/approve': () => ok(errorBody('approval_by_recorder', '补录的记录需由其他组织者或文明办审核'), 403),
    })
    render(<PendingPage />)
    await screen.findByText('手机没电，现场确认到岗')

    clickText('通过')

    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '补录的记录需由其他组织者或文明办审核', icon: 'none' })),
    )
    expect(screen.getByText('手机没电，现场确认到岗')).toBeTruthy()
    expect(calls.filter((c) => c.path === '/api/attendance/pending')).toHaveLength(1)
  })
})
