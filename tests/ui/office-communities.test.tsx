import { render, screen, waitFor } from '@testing-library/react'
import CommunitiesPage from '../../miniapp/src/packages/office/pages/communities/index'
import { clickText, typeInto } from '../helpers/ui-dom'
import { community, errorBody, fakeApi, stubUi } from '../helpers/ui-fixtures'

beforeEach(() => localStorage.clear())
afterEach(() => jest.restoreAllMocks())

describe('office › communities', () => {
  test('when communities exist, then each is listed with its figures and paired units', async () => {
    stubUi()
    fakeApi({
      'GET /api/communities': () => ({
        status: 200,
        body: {
          items: [
            community({ id: 1, name: '幸福里社区', pairedUnits: [{ id: 3, name: '区教育局' }] }),
            community({ id: 2, name: '和平路社区', residentPopulation: null, registeredResidents: 0 }),
          ],
        },
      }),
    })
    render(<CommunitiesPage />)

    expect(await screen.findByText('幸福里社区')).toBeTruthy()
    expect(screen.getByText('和平路社区')).toBeTruthy()
    expect(screen.getByText('共 2 个社区')).toBeTruthy()
    expect(screen.getByText(/包联单位：区教育局/)).toBeTruthy()
    expect(screen.getByText(/常住人口 未填 · 已注册居民 0/)).toBeTruthy()
  })

  test('when there are none, then an empty state says so', async () => {
    stubUi()
    fakeApi({ 'GET /api/communities': () => ({ status: 200, body: { items: [] } }) })
    render(<CommunitiesPage />)
    expect(await screen.findByText('还没有社区')).toBeTruthy()
  })

  test('when the form is submitted without a name, then the shared schema message shows and nothing is sent', async () => {
    stubUi()
    const { calls } = fakeApi({ 'GET /api/communities': () => ({ status: 200, body: { items: [] } }) })
    render(<CommunitiesPage />)
    await screen.findByText('还没有社区')

    clickText('新建社区')
    clickText('创建')

    expect(await screen.findByText('请填写社区名称')).toBeTruthy()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
  })

  test('when the server refuses the new community, then its Chinese message is shown', async () => {
    const { toast } = stubUi()
    const { calls } = fakeApi({
      'GET /api/communities': () => ({ status: 200, body: { items: [community()] } }),
      'POST /api/communities': () => ({ status: 409, body: errorBody('community_name_taken', '已有同名社区') }),
    })
    const { container } = render(<CommunitiesPage />)
    await screen.findByText('幸福里社区')

    clickText('新建社区')
    await typeInto(container, '.community-name', '幸福里社区')
    await typeInto(container, '.community-population', '8000')
    clickText('创建')

    expect(await screen.findByText('已有同名社区')).toBeTruthy()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已有同名社区' }))
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: '幸福里社区', district: null, street: null, residentPopulation: 8000 })
  })

  test('when a community is created, then the list is reloaded and shows it', async () => {
    stubUi()
    const items = [community()]
    fakeApi({
      'GET /api/communities': () => ({ status: 200, body: { items } }),
      'POST /api/communities': (c) => {
        const created = community({ id: 9, name: (c.body as { name: string }).name })
        items.push(created)
        return { status: 201, body: created }
      },
    })
    const { container } = render(<CommunitiesPage />)
    await screen.findByText('幸福里社区')

    clickText('新建社区')
    await typeInto(container, '.community-name', '新华社区')
    clickText('创建')

    await waitFor(() => expect(screen.getByText('新华社区')).toBeTruthy())
    expect(screen.getByText('共 2 个社区')).toBeTruthy()
  })
})
