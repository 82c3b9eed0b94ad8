/** The compiled 我的 page, rendered by WeChat's WXML compiler, against a fake wx playing the API. */
import { startWeapp, until, weappUser } from '../helpers/weapp-sim'

jest.setTimeout(120_000)

test('when 我的 opens in the compiled weapp, then it logs in with wx.login and shows the user from the API', async () => {
  const { open, fake, templateWarnings } = startWeapp({
    'POST /api/auth/wechat': (req) =>
      (req.data as { code?: string }).code === 'fake-wx-code'
        ? { statusCode: 200, data: { token: 'tok-weapp', expiresAt: '2030-01-01T00:00:00.000Z', user: weappUser } }
        : { statusCode: 400, data: { error: { code: 'wechat_code_invalid', message: '微信登录凭证无效或已过期，请重新登录' } } },
    'GET /api/me': (req) =>
      req.header.Authorization === 'Bearer tok-weapp'
        ? { statusCode: 200, data: { user: weappUser } }
        : { statusCode: 401, data: { error: { code: 'unauthorized', message: '请先登录' } } },
  })

  const page = open('pages/me/index')

  await until('the page to show the user', () => page.text().includes('王小明'))
  expect(page.text()).toContain('138****5678')
  expect(page.text()).toContain('幸福里社区')
  expect(page.text()).toContain('文明办管理')
  expect(fake.requests).toEqual(['GET /api/me', 'POST /api/auth/wechat', 'GET /api/me'])
  expect(templateWarnings).toEqual([])
})
