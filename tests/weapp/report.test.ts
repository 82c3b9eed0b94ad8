/**
 * The compiled 随手拍 tab (main package) and the report subpackage's form and list, rendered by
 * WeChat's WXML compiler against a fake wx that also plays the camera (chooseMedia), the upload
 * (uploadFile with progress) and the position.
 */
import type { WxReply } from '../helpers/fake-wx'
import { startWeapp, until } from '../helpers/weapp-sim'

jest.setTimeout(120_000)

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }
interface Upload {
  url: string
  filePath: string
  name: string
  header: Record<string, string>
  progress: (percent: number) => void
  finish: (reply: WxReply) => void
}
const mockUploads: Upload[] = []

// Taro binds the wx APIs it finds when the app loads: add the device ones before that
jest.mock('../helpers/fake-wx', () => {
  const real = jest.requireActual('../helpers/fake-wx')
  return {
    ...real,
    createFakeWx: (routes: never) => {
      const fake = real.createFakeWx(routes)
      Object.assign(fake.wx, {
        chooseMedia: (o: Callbacks) =>
          setTimeout(() => o.success?.({ type: 'image', errMsg: 'chooseMedia:ok', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo-1.jpg', size: 200_000, fileType: 'image' }] })),
        getLocation: (o: Callbacks) => setTimeout(() => o.success?.({ latitude: 34.26, longitude: 108.94, errMsg: 'getLocation:ok' })),
        uploadFile: (o: Callbacks & { url: string; filePath: string; name: string; header: Record<string, string> }) => {
          const listeners: Array<(r: object) => void> = []
          mockUploads.push({
            url: o.url,
            filePath: o.filePath,
            name: o.name,
            header: o.header,
            progress: (p) => listeners.forEach((l) => l({ progress: p, totalBytesSent: p, totalBytesExpectedToSend: 100 })),
            finish: (reply) => o.success?.({ statusCode: reply.statusCode, data: JSON.stringify(reply.data), errMsg: 'uploadFile:ok' }),
          })
          return { onProgressUpdate: (cb: (r: object) => void) => listeners.push(cb), abort() {} }
        },
      })
      return fake
    },
  }
})

const closed = {
  id: 12,
  status: 'closed',
  category: { id: 3, name: '垃圾堆放' },
  community: { id: 2, name: '东风社区' },
  description: '垃圾桶满了三天',
  address: '东风路公交站旁',
  latitude: 34.26,
  longitude: 108.94,
  unit: { id: 5, name: '区城管局' },
  deadline: '2026-11-23T15:59:59.999Z',
  overdue: false,
  late: false,
  reporter: null,
  createdAt: '2026-11-20T01:30:00.000Z',
  rectifiedAt: '2026-11-22T03:00:00.000Z',
  closedAt: '2026-11-22T08:00:00.000Z',
  thumbnailUrl: '/api/files/a1.jpg?exp=1&sig=x',
}

let app: ReturnType<typeof startWeapp>
const navigations: string[] = []

beforeAll(() => {
  app = startWeapp({
    'GET /api/reports': () => ({ statusCode: 200, data: { items: [closed, { ...closed, id: 13, status: 'submitted', category: { id: 1, name: '乱停乱放' } }], total: 2 } }),
    'GET /api/categories': () => ({
      statusCode: 200,
      data: { items: [{ id: 1, name: '乱停乱放', deadlineDays: 3, sortOrder: 1, active: true }, { id: 3, name: '垃圾堆放', deadlineDays: 3, sortOrder: 3, active: true }] },
    }),
    'GET /api/directory': () => ({ statusCode: 200, data: { communities: [{ id: 2, name: '东风社区' }], units: [] } }),
    'GET /api/me': () => ({
      statusCode: 200,
      data: {
        user: {
          id: 1, realName: '王小明', gender: 'male', birthYear: 1990, skills: [], community: { id: 2, name: '东风社区' }, unit: null,
          phone: null, idNumber: null, profileComplete: true, roles: { volunteer: true, office: false, organiserOf: [] }, createdAt: '2025-01-01T00:00:00.000Z',
        },
      },
    }),
  })
  app.fake.storage.set('civic.session.token', 'tok-weapp')
  app.fake.wx.navigateTo = (o: { url: string; success?: (r: object) => void }) => {
    navigations.push(o.url)
    setTimeout(() => o.success?.({ errMsg: 'navigateTo:ok' }))
  }
})

test('when the 随手拍 tab opens in the compiled weapp, then 拍照上报 and 我的上报 show and open the report subpackage', async () => {
  const page = app.open('pages/report/index')
  await until('the tab', () => page.text().includes('我的上报'))
  expect(page.text()).toContain('拍照上报')
  expect(page.text()).toContain('办结后可获得积分')
  page.comp.querySelector('.report-new')!.dispatchEvent('tap')
  await until('the form to open', () => navigations.length === 1)
  page.comp.querySelector('.report-mine')!.dispatchEvent('tap')
  await until('the list to open', () => navigations.length === 2)
  expect(navigations).toEqual(['/packages/report/pages/new/index', '/packages/report/pages/mine/index'])
  expect(app.templateWarnings).toEqual([])
})

test('when 我的上报 opens (subpackage), then each report shows its status tag', async () => {
  const page = app.open('packages/report/pages/mine/index')
  await until('the list', () => page.text().includes('共 2 条上报'))
  expect(page.text()).toContain('垃圾堆放 · 第 12 号')
  expect(page.text()).toContain('已办结')
  expect(page.text()).toContain('待受理')
  expect(page.text()).toContain('整改期限 11月23日 · 区城管局')
  expect(app.templateWarnings).toEqual([])
})

test('when a photo is taken on the form (subpackage), then wx.uploadFile sends it with the token and its progress shows until it is stored', async () => {
  const page = app.open('packages/report/pages/new/index')
  await until('the category chips', () => page.text().includes('垃圾堆放'))
  await until('the position', () => page.text().includes('已定位（34.26000, 108.94000）'))
  page.comp.querySelector('.photo-add')!.dispatchEvent('tap')
  await until('the upload', () => mockUploads.length === 1)
  expect(mockUploads[0]).toMatchObject({ url: 'http://127.0.0.1:3000/api/uploads', filePath: 'wxfile://tmp/photo-1.jpg', name: 'file', header: { Authorization: 'Bearer tok-weapp' } })
  await until('0 %', () => page.text().includes('上传中 0%'))
  mockUploads[0].progress(40)
  await until('40 %', () => page.text().includes('上传中 40%'))
  mockUploads[0].finish({ statusCode: 201, data: { uploadId: 'up-weapp01', mime: 'image/jpeg', size: 1, width: 1, height: 1 } })
  await until('the stored photo', () => !page.text().includes('上传中') && page.text().includes('拍照/相册 1/6'))
  expect(app.templateWarnings).toEqual([])
})
