/** The compiled 我的 page, rendered by WeChat's WXML compiler, against a fake wx playing the API. */
import { startWeapp, until, weappUser } from '../helpers/weapp-sim'

jest.setTimeout(120_000)

const unauthorized = { statusCode: 401, data: { error: { code: 'unauthorized', message: '请先登录' } } }
const signedIn = (req: { header: Record<string, string> }) => req.header.Authorization === 'Bearer tok-weapp'
const notice = {
  id: 1,
  kind: 'waitlist_promoted',
  title: '候补成功：南关十字文明交通劝导',
  body: '有人取消了报名，你已从候补转为正式报名。',
  activityId: 7,
  createdAt: '2030-11-21T02:00:00.000Z',
  read: true,
}

test('when 我的 opens in the compiled weapp, then it logs in with wx.login once and shows the user and notices from the API', async () => {
  const { open, fake, templateWarnings } = startWeapp({
    'POST /api/auth/wechat': (req) =>
      (req.data as { code?: string }).code === 'fake-wx-code'
        ? { statusCode: 200, data: { token: 'tok-weapp', expiresAt: '2030-01-01T00:00:00.000Z', user: weappUser } }
        : { statusCode: 400, data: { error: { code: 'wechat_code_invalid', message: '微信登录凭证无效或已过期，请重新登录' } } },
    'GET /api/me': (req) => (signedIn(req) ? { statusCode: 200, data: { user: weappUser } } : unauthorized),
    'GET /api/me/notices': (req) =>
      signedIn(req) ? { statusCode: 200, data: { items: [notice], unread: 0 } } : unauthorized,
    'GET /api/activities': (req) => (signedIn(req) ? { statusCode: 200, data: { items: [], total: 0 } } : unauthorized),
  })

  const page = open('pages/me/index')

  await until('the page to show the user', () => page.text().includes('王小明'))
  expect(page.text()).toContain('138****5678')
  expect(page.text()).toContain('幸福里社区')
  expect(page.text()).toContain('文明办管理')
  await until('the notices', () => page.text().includes('候补成功：南关十字文明交通劝导'))
  expect(page.text()).toContain('暂无即将参加的活动')
  // three requests answered 401 share one silent login, then each is retried once
  const asked = (r: string) => fake.requests.filter((x) => x === r).length
  expect(asked('POST /api/auth/wechat')).toBe(1)
  expect([asked('GET /api/me'), asked('GET /api/me/notices'), asked('GET /api/activities')]).toEqual([2, 2, 2])
  expect(fake.requests[0]).toBe('GET /api/me')
  expect(templateWarnings).toEqual([])
})
