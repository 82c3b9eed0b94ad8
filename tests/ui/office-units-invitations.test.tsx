import { render, screen, waitFor } from '@testing-library/react'
import InvitationsPage from '../../miniapp/src/packages/office/pages/invitations/index'
import UnitsPage from '../../miniapp/src/packages/office/pages/units/index'
import { clickText, typeInto } from '../helpers/ui-dom'
import { fakeApi, stubUi } from '../helpers/ui-fixtures'

const unit = { id: 3, name: '区教育局', kind: '党政机关', headcount: 120, registeredStaff: 18, pairedCommunities: [{ id: 1, name: '幸福里社区' }] }

beforeEach(() => localStorage.clear())
afterEach(() => jest.restoreAllMocks())

describe('office › units', () => {
  test('when units exist, then each shows its kind, headcount and paired communities', async () => {
    stubUi()
    fakeApi({ 'GET /api/units': () => ({ status: 200, body: { items: [unit] } }) })
    render(<UnitsPage />)
    expect(await screen.findByText('区教育局')).toBeTruthy()
    expect(screen.getByText(/党政机关 · 在编 120 人 · 已注册职工 18/)).toBeTruthy()
    expect(screen.getByText(/包联社区：幸福里社区/)).toBeTruthy()
  })

  test('when a unit is saved without kind and headcount, then the shared schema messages show', async () => {
    stubUi()
    const { calls } = fakeApi({ 'GET /api/units': () => ({ status: 200, body: { items: [] } }) })
    const { container } = render(<UnitsPage />)
    await screen.findByText('还没有单位')

    clickText('新建单位')
    await typeInto(container, '.unit-name', '区文旅局')
    clickText('创建')

    expect(await screen.findByText('请选择单位类型')).toBeTruthy()
    expect(screen.getByText('在编人数必须是数字')).toBeTruthy()
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })

  test('when a unit is edited, then the changes are sent with PATCH', async () => {
    stubUi()
    const { calls } = fakeApi({
      'GET /api/units': () => ({ status: 200, body: { items: [unit] } }),
      'PATCH /api/units/3': () => ({ status: 200, body: { ...unit, headcount: 130 } }),
    })
    const { container } = render(<UnitsPage />)
    await screen.findByText('区教育局')

    clickText('区教育局')
    await typeInto(container, '.unit-headcount', '130')
    clickText('保存')

    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: '区教育局', kind: '党政机关', headcount: 130 }))
  })
})

describe('office › organiser invitations', () => {
  test('when a community is chosen, then a code is issued for it and shown', async () => {
    stubUi()
    const { calls } = fakeApi({
      'GET /api/directory': () => ({ status: 200, body: { communities: [{ id: 1, name: '幸福里社区' }], units: [{ id: 3, name: '区教育局' }] } }),
      'POST /api/organiser-invitations': () => ({
        status: 201,
        body: { code: 'K7Q2MX', target: { kind: 'community', id: 1, name: '幸福里社区' }, expiresAt: '2025-03-04T04:00:00.000Z' },
      }),
    })
    render(<InvitationsPage />)
    await screen.findByText('生成邀请码')

    clickText('社区')
    clickText('请选择')
    clickText('幸福里社区')
    clickText('生成邀请码')

    expect(await screen.findByText('K7Q2MX')).toBeTruthy()
    expect(screen.getByText(/有效期至 2025-03-04 12:00/)).toBeTruthy()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ communityId: 1, expiresInHours: 72 })
  })

  test('when nothing is chosen, then the shared schema asks for a unit or a community', async () => {
    stubUi()
    fakeApi({ 'GET /api/directory': () => ({ status: 200, body: { communities: [], units: [] } }) })
    render(<InvitationsPage />)
    await screen.findByText('生成邀请码')

    clickText('生成邀请码')

    expect(await screen.findByText('请选择一个单位或一个社区')).toBeTruthy()
  })
})
