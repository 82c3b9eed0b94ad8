/**
 * The volunteer's own records: 服务记录 (check-ins, paged), 积分明细 (balance and ledger, paged)
 * and 志愿服务证明 (a numbered certificate, opened for printing in H5).
 */
import { render, screen, waitFor } from '@testing-library/react'
import type { AttendanceView, PointsView, ServiceRecord } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import CertificatePage from '../../miniapp/src/packages/checkin/pages/certificate/index'
import MyPointsPage from '../../miniapp/src/packages/checkin/pages/points/index'
import MyAttendancePage from '../../miniapp/src/packages/checkin/pages/records/index'
import { queriesTo } from '../helpers/ui-activities'
import { clickText } from '../helpers/ui-dom'
import { errorBody, fakeApi, stubUi, type FakeReply } from '../helpers/ui-fixtures'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })

function attendance(id: number, overrides: Partial<AttendanceView> = {}): AttendanceView {
  return {
    id,
    activity: {
      id: 7,
      title: '南关十字文明交通劝导',
      startAt: '2026-11-21T00:30:00.000Z',
      endAt: '2026-11-21T03:00:00.000Z',
      address: '南关十字东北角',
      duty: false,
    },
    user: { id: 1, name: '张三', phone: null },
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

const rows = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent ?? '')

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: {}, path: '/packages/checkin/pages/records/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('我的 › 服务记录', () => {
  test('when the records load, then each shows the activity, China times, status, hours and points, and the count', async () => {
    stubUi()
    fakeApi({
      'GET /api/me/attendance': () =>
        ok({
          items: [
            attendance(2),
            attendance(1, { activity: { ...attendance(1).activity, title: '幸福里环境整治' }, status: 'pending', source: 'manual', checkOutAt: null, hours: 0, points: 0 }),
          ],
          total: 2,
        }),
    })
    render(<MyAttendancePage />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('共 2 条记录')).toBeTruthy()
    const items = rows('.record-item')
    expect(items[0]).toContain('南关十字文明交通劝导')
    expect(items[0]).toContain('2026-11-21 08:25 – 11:05 · 有效')
    expect(items[0]).toContain('2.5 小时 · 25 分')
    expect(items[1]).toContain('幸福里环境整治')
    expect(items[1]).toContain('2026-11-21 08:25 未签退 · 待审核')
    expect(items[1]).toContain('0 小时 · 0 分')
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  test('when there are more records than a page, then 加载更多 asks for page 2 and appends it', async () => {
    stubUi()
    fakeApi({
      'GET /api/me/attendance': () => {
        const page = queriesTo('/api/me/attendance').at(-1)?.get('page')
        return ok({ items: page === '2' ? [attendance(1, { hours: 1, points: 10 })] : [attendance(3), attendance(2)], total: 3 })
      },
    })
    render(<MyAttendancePage />)
    await waitFor(() => expect(rows('.record-item')).toHaveLength(2))

    clickText('加载更多')

    expect(await screen.findByText('共 3 条记录')).toBeTruthy()
    expect(queriesTo('/api/me/attendance').map((q) => q.get('page'))).toEqual(['1', '2'])
    expect(rows('.record-item')[2]).toContain('1 小时 · 10 分')
  })

  test('when there are none, then the empty state explains how records come', async () => {
    stubUi()
    fakeApi({ 'GET /api/me/attendance': () => ok({ items: [], total: 0 }) })
    render(<MyAttendancePage />)

    expect(await screen.findByText('还没有服务记录')).toBeTruthy()
    expect(screen.getByText('参加活动并扫码签到、签退后会显示在这里')).toBeTruthy()
  })

  test('when they cannot be read, then the server’s message shows and 重试 loads them', async () => {
    stubUi()
    let fail = true
    fakeApi({
      'GET /api/me/attendance': () => (fail ? ok(errorBody('internal_error', '服务器开小差了，请稍后再试'), 500) : ok({ items: [attendance(1)], total: 1 })),
    })
    render(<MyAttendancePage />)

    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(screen.getByText('服务器开小差了，请稍后再试')).toBeTruthy()
    fail = false
    clickText('重试')
    expect(await screen.findByText('共 1 条记录')).toBeTruthy()
  })
})

describe('我的 › 积分明细', () => {
  const entry = (id: number, amount: number, reason: string, createdAt = '2026-11-21T03:05:00.000Z') => ({
    id,
    amount,
    reason,
    sourceType: 'attendance' as const,
    createdAt,
  })

  test('when the ledger loads, then the balance and each entry show with its sign and China time', async () => {
    stubUi()
    fakeApi({
      'GET /api/me/points': () =>
        ok({
          balance: 420,
          entries: [entry(2, -5, '更正：南关十字文明交通劝导', '2026-11-22T01:00:00.000Z'), entry(1, 25, '志愿服务：南关十字文明交通劝导')],
          total: 2,
        } satisfies PointsView),
    })
    render(<MyPointsPage />)

    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('420 分')).toBeTruthy()
    const items = rows('.points-entry')
    expect(items).toHaveLength(2)
    expect(items[0]).toContain('更正：南关十字文明交通劝导')
    expect(items[0]).toContain('2026-11-22 09:00')
    expect(items[0]).toContain('-5')
    expect(items[1]).toContain('志愿服务：南关十字文明交通劝导')
    expect(items[1]).toContain('+25')
  })

  test('when there are more entries than a page, then 加载更多 asks for page 2 and appends it', async () => {
    stubUi()
    fakeApi({
      'GET /api/me/points': () => {
        const page = queriesTo('/api/me/points').at(-1)?.get('page')
        return ok({ balance: 30, entries: page === '2' ? [entry(1, 10, '第一次')] : [entry(3, 10, '第三次'), entry(2, 10, '第二次')], total: 3 })
      },
    })
    render(<MyPointsPage />)
    await waitFor(() => expect(rows('.points-entry')).toHaveLength(2))

    clickText('加载更多')

    await waitFor(() => expect(rows('.points-entry')).toHaveLength(3))
    expect(rows('.points-entry')[2]).toContain('第一次')
    expect(queriesTo('/api/me/points').map((q) => q.get('page'))).toEqual(['1', '2'])
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  test('when there are no entries, then a zero balance and the empty state show', async () => {
    stubUi()
    fakeApi({ 'GET /api/me/points': () => ok({ balance: 0, entries: [], total: 0 }) })
    render(<MyPointsPage />)

    expect(await screen.findByText('还没有积分记录')).toBeTruthy()
    expect(screen.getByText('0 分')).toBeTruthy()
  })

  test('when the ledger cannot be read, then the server’s message shows with 重试', async () => {
    stubUi()
    fakeApi({ 'GET /api/me/points': () => ok(errorBody('database_unavailable', '系统繁忙，请稍后再试'), 503) })
    render(<MyPointsPage />)

    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(screen.getByText('系统繁忙，请稍后再试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})

describe('我的 › 志愿服务证明', () => {
  function record(): ServiceRecord {
    const service = (activityId: number, hours: number) => ({
      activityId,
      name: '南关十字文明交通劝导',
      type: '文明交通',
      date: '2026-11-21',
      place: '南关十字东北角',
      content: '劝导行人遵守交通信号',
      hours,
      organiser: '区教育局',
      personInCharge: '李组织',
      recorder: '李组织',
    })
    return {
      volunteer: {
        id: 1,
        name: '张三',
        gender: 'male',
        birthYear: 1990,
        idType: '居民身份证',
        idNumber: '6101**********1234',
        phone: '138****5678',
        skills: [],
        community: { id: 1, name: '幸福里社区' },
        unit: null,
      },
      period: { from: '2026-01-01', to: '2026-11-21' },
      services: [service(7, 2.5), service(8, 3)],
      totalHours: 5.5,
    }
  }

  test('when 开具 is tapped, then a certificate is issued and its number, time, hours and count show, and H5 opens it for printing', async () => {
    stubUi()
    const doc = { open: jest.fn(), write: jest.fn(), close: jest.fn() }
    const open = jest.spyOn(window, 'open').mockReturnValue({ document: doc } as unknown as Window)
    const { calls } = fakeApi({
      'POST /api/me/certificates': () =>
        ok({ number: 'ZYFW-2026-000042', issuedAt: '2026-11-21T04:00:00.000Z', record: record(), html: '<html>证明</html>' }, 201),
    })
    render(<CertificatePage />)
    expect(screen.getByText('志愿服务证明按已审核通过的服务记录开具，每份证明都有唯一编号，可供查验。')).toBeTruthy()

    clickText('开具志愿服务证明')

    expect(await screen.findByText('ZYFW-2026-000042')).toBeTruthy()
    expect(screen.getByText('2026-11-21 12:00')).toBeTruthy()
    expect(screen.getByText('5.5 小时')).toBeTruthy()
    expect(screen.getByText('2 次')).toBeTruthy()
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/me/certificates').map((c) => c.body)).toEqual([{}])
    expect(open).toHaveBeenCalledWith('', '_blank')
    expect(doc.write).toHaveBeenCalledWith('<html>证明</html>')

    clickText('在新窗口打开证明')
    expect(doc.write).toHaveBeenCalledTimes(2)
  })

  test('when the certificate cannot be issued, then the server’s message is shown and nothing opens', async () => {
    const { toast } = stubUi()
    const open = jest.spyOn(window, 'open').mockReturnValue(null)
    fakeApi({ 'POST /api/me/certificates': () => ok(errorBody('profile_incomplete', '请先完善个人信息'), 409) })
    render(<CertificatePage />)

    clickText('开具志愿服务证明')

    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先完善个人信息', icon: 'none' })))
    expect(open).not.toHaveBeenCalled()
    expect(screen.queryByText('证明编号')).toBeNull()
  })
})
