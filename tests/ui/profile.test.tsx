import { render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import ProfilePage from '../../miniapp/src/pages/profile/index'
import { clickText, typeInto } from '../helpers/ui-dom'
import { errorBody, fakeApi, meUser, stubUi } from '../helpers/ui-fixtures'

const newcomer = meUser({ realName: null, gender: null, birthYear: null, community: null, phone: null, profileComplete: false })
const directory = { communities: [{ id: 7, name: '幸福里社区' }, { id: 8, name: '和平路社区' }], units: [{ id: 3, name: '区教育局' }] }

function openProfile(first = true) {
  Current.router = { params: first ? { first: '1' } : {}, path: '/pages/profile/index', onReady: '', onHide: '', onShow: '', shareTimeline: '', shareAppMessage: '' } as never
  return render(<ProfilePage />)
}

beforeEach(() => {
  localStorage.clear()
})
afterEach(() => jest.restoreAllMocks())

describe('profile form', () => {
  test('when submitted empty, then every missing field shows the shared schema message', async () => {
    stubUi()
    const { calls } = fakeApi({ 'GET /api/me': () => ({ status: 200, body: { user: newcomer } }), 'GET /api/directory': () => ({ status: 200, body: directory }) })
    openProfile()
    await screen.findByText('保存')

    clickText('保存')

    expect(await screen.findByText('请填写姓名')).toBeTruthy()
    expect(screen.getByText('请选择性别')).toBeTruthy()
    expect(screen.getByText('请填写出生年份')).toBeTruthy()
    expect(screen.getByText('请选择所在社区或所在单位')).toBeTruthy()
    expect(calls.some((c) => c.method === 'PUT')).toBe(false)
  })

  test('when the birth year is out of range and an ID number is typed without consent, then both are explained', async () => {
    stubUi()
    fakeApi({ 'GET /api/me': () => ({ status: 200, body: { user: newcomer } }), 'GET /api/directory': () => ({ status: 200, body: directory }) })
    const { container } = openProfile()
    await screen.findByText('保存')

    await typeInto(container, '.name-input', '李四')
    clickText('女')
    await typeInto(container, '.birth-year-input', '1900')
    await typeInto(container, '.id-input', '110101199003071234')
    clickText('保存')

    expect(await screen.findByText('出生年份不早于 1920 年')).toBeTruthy()
    expect(screen.getByText('填写身份证号需要先勾选同意')).toBeTruthy()
    expect(screen.queryByText('请填写姓名')).toBeNull()
  })

  test('when the form is valid, then the profile is saved and 我的 opens', async () => {
    const { nav } = stubUi()
    const { calls } = fakeApi({
      'GET /api/me': () => ({ status: 200, body: { user: newcomer } }),
      'GET /api/directory': () => ({ status: 200, body: directory }),
      'PUT /api/me/profile': () => ({ status: 200, body: { user: meUser({ realName: '李四' }) } }),
    })
    const { container } = openProfile()
    await screen.findByText('保存')

    clickText('所在社区')
    clickText('和平路社区')
    await typeInto(container, '.name-input', '李四')
    clickText('女')
    await typeInto(container, '.birth-year-input', '1988')
    clickText('保存')

    await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }))
    const put = calls.find((c) => c.method === 'PUT')
    expect(put?.body).toEqual({ communityId: 8, unitId: null, realName: '李四', gender: 'female', birthYear: 1988, skills: [], idConsent: false })
  })

  test('when the server rejects a field, then its message shows under the field', async () => {
    stubUi()
    fakeApi({
      'GET /api/me': () => ({ status: 200, body: { user: meUser() } }),
      'GET /api/directory': () => ({ status: 200, body: directory }),
      'PUT /api/me/profile': () => ({
        status: 400,
        body: errorBody('validation_failed', '填写的内容有误，请检查后重试', [{ path: 'realName', message: '姓名含有不可见字符' }]),
      }),
    })
    openProfile(false)
    await screen.findByText('保存')

    clickText('保存')

    expect(await screen.findByText('姓名含有不可见字符')).toBeTruthy()
  })
})
