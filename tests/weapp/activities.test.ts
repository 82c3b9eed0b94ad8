/** The compiled 活动 tab, rendered by WeChat's WXML compiler, against a fake wx playing the API. */
import { startWeapp, until } from '../helpers/weapp-sim'
import { weappActivity as activity } from '../helpers/weapp-activities'

jest.setTimeout(120_000)

test('when the 活动 tab opens in the compiled weapp, then the cards show China times, places left and my sign-up, and a tap opens the activity', async () => {
  const { open, fake, templateWarnings } = startWeapp({
    'GET /api/activities': (req) =>
      req.header.Authorization === 'Bearer tok-weapp'
        ? {
            statusCode: 200,
            data: {
              items: [
                activity(1, '南关十字文明交通劝导', { mySignup: { status: 'confirmed', position: null } }),
                activity(2, '东风社区环境整治', { remaining: 0, confirmedCount: 10, waitlistCount: 3, mySignup: { status: 'waitlisted', position: 3 } }),
              ],
              total: 2,
            },
          }
        : { statusCode: 401, data: { error: { code: 'unauthorized', message: '请先登录' } } },
    'GET /api/directory': () => ({ statusCode: 200, data: { communities: [{ id: 2, name: '东风社区' }], units: [] } }),
    'GET /api/activity-types': () => ({ statusCode: 200, data: { items: [] } }),
  })
  fake.storage.set('civic.session.token', 'tok-weapp')
  const navigations: string[] = []
  fake.wx.navigateTo = (o: { url: string; success?: (r: object) => void }) => {
    navigations.push(o.url)
    setTimeout(() => o.success?.({ errMsg: 'navigateTo:ok' }))
  }

  const page = open('pages/activities/index')

  await until('the cards', () => page.text().includes('东风社区环境整治'))
  const text = page.text()
  expect(text).toContain('南关十字文明交通劝导')
  expect(text).toContain('11月26日 周二 08:30–10:30')
  expect(text).toContain('剩余 6 个名额（共 10）')
  expect(text).toContain('已报名')
  expect(text).toContain('名额已满 · 候补 3 人')
  expect(text).toContain('候补第3位')
  expect(text).toContain('附近')
  expect(text).toContain('共 2 个活动，没有更多了')
  expect(fake.requests).toEqual(expect.arrayContaining(['GET /api/activities', 'GET /api/directory', 'GET /api/activity-types']))
  expect(templateWarnings).toEqual([])

  page.comp.querySelectorAll('.activity-card')[1].dispatchEvent('tap')
  await until('the activity page to open', () => navigations.length > 0)
  expect(navigations).toEqual(['/packages/activity/pages/detail/index?id=2'])
})
