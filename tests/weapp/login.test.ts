/** The compiled login page: the weapp logs in silently with wx.login and routes a newcomer to the profile form. */
import { startWeapp, until, weappUser } from '../helpers/weapp-sim'

jest.setTimeout(120_000)

test('when a newcomer launches the weapp, then it logs in with wx.login and opens the profile form', async () => {
  const newcomer = { ...weappUser, realName: null, community: null, profileComplete: false }
  const { open, fake, templateWarnings } = startWeapp({
    'POST /api/auth/wechat': () => ({ statusCode: 200, data: { token: 'tok-1', expiresAt: '2030-01-01T00:00:00.000Z', user: newcomer } }),
  })
  const redirects: string[] = []
  fake.wx.redirectTo = (o: { url: string; success?: (r: object) => void }) => {
    redirects.push(o.url)
    setTimeout(() => o.success?.({ errMsg: 'redirectTo:ok' }))
  }

  const page = open('pages/login/index')

  await until('the redirect to the profile form', () => redirects.length > 0)
  expect(redirects).toEqual(['/pages/profile/index?first=1'])
  expect(fake.requests).toEqual(['POST /api/auth/wechat'])
  expect(fake.storage.get('civic.session.token')).toBe('tok-1')
  expect(page.text()).toContain('文明积分')
  expect(templateWarnings).toEqual([])
})
