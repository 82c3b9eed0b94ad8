import { act, render, screen, waitFor } from '@testing-library/react'
import type { CategoryView } from '@civic/shared'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import NewReportPage from '../../miniapp/src/packages/report/pages/new/index'
import { clickText, settle, typeInto } from '../helpers/ui-dom'
import { errorBody, fakeApi, meUser, stubUi, type FakeReply } from '../helpers/ui-fixtures'
import { chooseMedia, fakeUploads, posts, reportView, typeArea, uploaded } from '../helpers/ui-report'

const ok = (body: unknown, status = 200): FakeReply => ({ status, body })

function category(id: number, name: string): CategoryView {
  return { id, name, deadlineDays: 3, sortOrder: id, active: true }
}

function formApi(extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /api/categories': () => ok({ items: [category(1, '乱停乱放'), category(3, '垃圾堆放'), { ...category(9, '旧分类'), active: false }] }),
    'GET /api/directory': () => ok({ communities: [{ id: 1, name: '幸福里社区' }, { id: 2, name: '东风社区' }], units: [] }),
    'GET /api/me': () => ok({ user: meUser() }),
    ...extra,
  })
}

function locateAt(latitude = 34.2612345, longitude = 108.9423456) {
  return jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude, longitude, errMsg: 'getLocation:ok' } as never)
}

const tiles = () => [...document.querySelectorAll('.report-photos .photo-tile:not(.photo-add)')]

beforeEach(() => {
  localStorage.clear()
  Taro.setStorageSync('civic.session.token', 'tok-1')
  Current.router = { params: {}, path: '/packages/report/pages/new/index' } as never
})
afterEach(() => jest.restoreAllMocks())

describe('拍照上报', () => {
  test('when two photos are chosen, then each uploads at once with its own progress, and the report posts their ids with the form', async () => {
    const { nav } = stubUi()
    locateAt()
    const choose = chooseMedia([{ path: 'wxfile://tmp/a.jpg' }, { path: 'wxfile://tmp/b.jpg' }])
    const uploads = fakeUploads()
    const { calls } = formApi({ 'POST /api/reports': () => ok(reportView({ id: 42 }), 201) })
    const { container } = render(<NewReportPage />)
    await screen.findByText('乱停乱放')
    expect(screen.queryByText('旧分类')).toBeNull()

    clickText('拍照/相册 0/6')
    await waitFor(() => expect(uploads.calls).toHaveLength(2))
    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ count: 6, mediaType: ['image'], sourceType: ['album', 'camera'] }))
    expect(uploads.calls.map((u) => [u.url, u.filePath, u.name, u.auth])).toEqual([
      ['/api/uploads', 'wxfile://tmp/a.jpg', 'file', 'Bearer tok-1'],
      ['/api/uploads', 'wxfile://tmp/b.jpg', 'file', 'Bearer tok-1'],
    ])
    expect(screen.getAllByText('上传中 0%')).toHaveLength(2)
    uploads.calls[0].progress(45)
    uploads.calls[1].progress(80)
    expect(screen.getByText('上传中 45%')).toBeTruthy()
    expect(screen.getByText('上传中 80%')).toBeTruthy()
    expect(document.querySelector<HTMLElement>('.photo-tile-bar-inner')?.style.width).toBe('45%')

    // submitting while a photo is still on its way is refused
    clickText('提交上报')
    expect(await screen.findByText('照片还在上传，请稍候')).toBeTruthy()

    await act(async () => {
      uploads.calls[0].finish(201, uploaded('up-aaaaaaaa'))
      uploads.calls[1].finish(201, uploaded('up-bbbbbbbb'))
    })
    await waitFor(() => expect(screen.queryByText(/上传中/)).toBeNull())
    expect(screen.getByText('拍照/相册 2/6')).toBeTruthy()

    clickText('垃圾堆放')
    await typeInto(container, '.address-input', '东风路公交站旁')
    await typeArea(container, '.description-input', '垃圾桶满了三天没人清理')
    await waitFor(() => expect(screen.getByText('已定位（34.26123, 108.94235）')).toBeTruthy())
    clickText('提交上报')

    await waitFor(() => expect(posts(calls, '/api/reports')).toHaveLength(1))
    expect(posts(calls, '/api/reports')[0].body).toEqual({
      categoryId: 3,
      communityId: 1, // the reporter's own community, preselected
      description: '垃圾桶满了三天没人清理',
      address: '东风路公交站旁',
      latitude: 34.261235,
      longitude: 108.942346,
      uploadIds: ['up-aaaaaaaa', 'up-bbbbbbbb'],
    })
    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/packages/report/pages/detail/index?id=42&mine=1' }))
  })

  test('when nothing is filled in, then the photo, category, place and description messages show and nothing is posted', async () => {
    stubUi()
    jest.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail auth deny' })
    const { calls } = formApi()
    render(<NewReportPage />)
    await screen.findByText('乱停乱放')
    await settle()
    clickText('提交上报')

    expect(await screen.findByText('请至少上传 1 张现场照片')).toBeTruthy()
    expect(screen.getByText('请选择问题分类')).toBeTruthy()
    expect(screen.getByText('请选择位置')).toBeTruthy()
    expect(screen.getByText('请填写位置')).toBeTruthy()
    expect(screen.getByText('请填写问题描述')).toBeTruthy()
    expect(screen.getByText('尚未定位')).toBeTruthy()
    expect(posts(calls, '/api/reports')).toHaveLength(0)
  })

  test('when seven photos are chosen, then six are added and the seventh is refused with a message; a full set hides the add tile', async () => {
    stubUi()
    locateAt()
    const files = Array.from({ length: 7 }, (_, i) => ({ path: `blob:photo-${i + 1}` }))
    chooseMedia(files)
    const uploads = fakeUploads()
    formApi()
    render(<NewReportPage />)
    await screen.findByText('乱停乱放')

    clickText('拍照/相册 0/6')
    await waitFor(() => expect(uploads.calls).toHaveLength(6))
    expect(uploads.calls.map((u) => u.filePath)).toEqual(files.slice(0, 6).map((f) => f.path))
    expect(screen.getByText('现场照片最多 6 张，多选的 1 张未添加')).toBeTruthy()
    expect(tiles()).toHaveLength(6)
    expect(document.querySelector('.photo-add')).toBeNull()
  })

  test('when the camera or album is closed without a photo, then nothing is added or uploaded', async () => {
    stubUi()
    locateAt()
    jest.spyOn(Taro, 'chooseMedia').mockImplementation(((o: Taro.chooseMedia.Option) => {
      o.fail?.({ errMsg: 'chooseMedia:fail cancel' })
      return Promise.reject({ errMsg: 'chooseMedia:fail cancel' })
    }) as never)
    const uploads = fakeUploads()
    formApi()
    render(<NewReportPage />)
    await screen.findByText('乱停乱放')
    clickText('拍照/相册 0/6')
    await settle()
    expect(uploads.calls).toHaveLength(0)
    expect(tiles()).toHaveLength(0)
    expect(screen.getByText('拍照/相册 0/6')).toBeTruthy()
  })

  test('when a photo is over 5 MB, then it is not uploaded and the reporter is told', async () => {
    stubUi()
    locateAt()
    chooseMedia([{ path: 'blob:big', size: 6 * 1024 * 1024 }, { path: 'blob:ok' }])
    const uploads = fakeUploads()
    formApi()
    render(<NewReportPage />)
    await screen.findByText('乱停乱放')
    clickText('拍照/相册 0/6')
    await waitFor(() => expect(uploads.calls).toHaveLength(1))
    expect(uploads.calls[0].filePath).toBe('blob:ok')
    expect(screen.getByText('1 张照片超过 5 MB，未添加')).toBeTruthy()
  })

  test('when the server refuses a photo, then its message shows on the photo, and a tap uploads it again', async () => {
    stubUi()
    locateAt()
    chooseMedia([{ path: 'blob:renamed.jpg' }])
    const uploads = fakeUploads()
    formApi()
    render(<NewReportPage />)
    await screen.findByText('乱停乱放')
    clickText('拍照/相册 0/6')
    await waitFor(() => expect(uploads.calls).toHaveLength(1))
    await act(async () => uploads.calls[0].finish(415, errorBody('upload_type_not_allowed', '只能上传 JPG、PNG 或 WebP 格式的照片')))
    expect(await screen.findByText('只能上传 JPG、PNG 或 WebP 格式的照片')).toBeTruthy()

    clickText('提交上报')
    expect(await screen.findByText('有照片上传失败，请点击重试或删除')).toBeTruthy()

    clickText('点击重试')
    await waitFor(() => expect(uploads.calls).toHaveLength(2))
    await act(async () => uploads.calls[1].finish(201, uploaded('up-cccccccc')))
    await waitFor(() => expect(screen.queryByText('只能上传 JPG、PNG 或 WebP 格式的照片')).toBeNull())
    expect(document.querySelector('.photo-tile-uploading')).toBeNull()
  })

  test('when the server refuses the report, then its message shows above the button', async () => {
    stubUi()
    locateAt()
    chooseMedia([{ path: 'blob:a' }])
    const uploads = fakeUploads()
    formApi({ 'POST /api/reports': () => ok(errorBody('report_daily_limit', '今天的上报次数已达上限，请明天再试'), 429) })
    const { container } = render(<NewReportPage />)
    await screen.findByText('乱停乱放')
    clickText('拍照/相册 0/6')
    await waitFor(() => expect(uploads.calls).toHaveLength(1))
    await act(async () => uploads.calls[0].finish(201, uploaded('up-dddddddd')))
    clickText('乱停乱放')
    await typeInto(container, '.address-input', '钟楼东北角')
    await typeArea(container, '.description-input', '共享单车堵住盲道')
    await waitFor(() => expect(screen.getByText(/已定位/)).toBeTruthy())
    clickText('提交上报')
    expect(await screen.findByText('今天的上报次数已达上限，请明天再试')).toBeTruthy()
  })

  test('when the form cannot load, then the error shows with 重试', async () => {
    stubUi()
    locateAt()
    formApi({ 'GET /api/categories': () => ok(errorBody('internal_error', '服务器开小差了，请稍后再试'), 500) })
    render(<NewReportPage />)
    expect(await screen.findByText('服务器开小差了，请稍后再试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
