import { render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PairingsPage from '../../miniapp/src/packages/office/pages/pairings/index'
import { clickText } from '../helpers/ui-dom'
import { errorBody, fakeApi, stubUi, type FakeReply } from '../helpers/ui-fixtures'

const directory = {
  communities: [
    { id: 1, name: '幸福里社区' },
    { id: 2, name: '和平路社区' },
  ],
  units: [{ id: 3, name: '区教育局' }],
}
const pairing = { id: 11, unit: { id: 3, name: '区教育局' }, community: { id: 1, name: '幸福里社区' }, createdAt: '2025-03-01T02:00:00.000Z' }

function routes(extra: Record<string, () => FakeReply> = {}) {
  return {
    'GET /api/directory': () => ({ status: 200, body: directory }),
    'GET /api/pairings': () => ({ status: 200, body: { items: [pairing] } }),
    ...extra,
  }
}

beforeEach(() => localStorage.clear())
afterEach(() => jest.restoreAllMocks())

describe('office › pairings', () => {
  test('when pairings exist, then each shows unit → community and its China date', async () => {
    stubUi()
    fakeApi(routes())
    render(<PairingsPage />)
    expect(await screen.findByText('区教育局 → 幸福里社区')).toBeTruthy()
    expect(screen.getByText('建立于 2025-03-01')).toBeTruthy()
  })

  test('when 解除 is confirmed, then the pairing is deleted', async () => {
    stubUi()
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const { calls } = fakeApi(routes({ 'DELETE /api/pairings/11': () => ({ status: 200, body: { ok: true } }) }))
    render(<PairingsPage />)
    await screen.findByText('区教育局 → 幸福里社区')

    clickText('解除')

    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/pairings/11')).toBe(true))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '确定解除“区教育局”与“幸福里社区”的包联关系吗？' }))
  })

  test('when 解除 is cancelled, then nothing is deleted', async () => {
    stubUi()
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    const { calls } = fakeApi(routes())
    render(<PairingsPage />)
    await screen.findByText('区教育局 → 幸福里社区')

    clickText('解除')
    await new Promise((r) => setTimeout(r, 20))

    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)
  })

  test('when nothing is chosen, then the shared schema asks for a unit and a community', async () => {
    stubUi()
    fakeApi(routes())
    render(<PairingsPage />)
    await screen.findByText('区教育局 → 幸福里社区')

    clickText('建立包联')

    expect(await screen.findByText('请选择单位')).toBeTruthy()
    expect(screen.getByText('请选择社区')).toBeTruthy()
  })

  test('when the pair already exists, then the API message is toasted', async () => {
    const { toast } = stubUi()
    fakeApi(routes({ 'POST /api/pairings': () => ({ status: 409, body: errorBody('pairing_exists', '该单位已包联该社区') }) }))
    render(<PairingsPage />)
    await screen.findByText('区教育局 → 幸福里社区')

    clickText('包联单位')
    clickText('区教育局')
    clickText('包联社区')
    clickText('幸福里社区')
    clickText('建立包联')

    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '该单位已包联该社区', icon: 'none' })))
  })
})
