/** The compiled activity page (packages/activity), rendered by WeChat's WXML compiler, against a fake wx. */
import { weappActivity as activity } from '../helpers/weapp-activities'
import { startWeapp, until } from '../helpers/weapp-sim'

jest.setTimeout(120_000)

test('when an activity opens in the compiled weapp (subpackage), then 报名 answered with a waitlist place shows 候补第3位', async () => {
  let mine: object | null = null
  const { open, fake, templateWarnings } = startWeapp({
    'GET /api/activities/2': () => ({
      statusCode: 200,
      data: activity(2, '东风社区环境整治', { remaining: 0, confirmedCount: 10, waitlistCount: mine ? 3 : 2, mySignup: mine }),
    }),
    'POST /api/activities/2/signups': () => {
      mine = { status: 'waitlisted', position: 3 }
      return { statusCode: 201, data: mine }
    },
  })
  fake.storage.set('civic.session.token', 'tok-weapp')
  // the simulator's Page shim loads every page without a query: give this one ?id=2
  const g = globalThis as unknown as { Page: (def: Record<string, unknown>) => void }
  const shim = g.Page
  g.Page = (def) => {
    const onLoad = def.onLoad as (this: unknown, q: object) => void
    shim({ ...def, onLoad(this: unknown, q: object) { onLoad.call(this, { ...q, id: '2' }) } })
  }

  const page = open('packages/activity/pages/detail/index')

  await until('the activity', () => page.text().includes('名额已满，报名后进入候补'))
  expect(page.text()).toContain('11月26日 周二 08:30–10:30')
  expect(page.text()).toContain('在地图中查看')
  page.comp.querySelector('.signup-button')!.dispatchEvent('tap')
  await until('the waitlist place', () => page.text().includes('候补第3位'))
  expect(page.text()).toContain('取消候补')
  expect(fake.requests).toEqual(['GET /api/activities/2', 'POST /api/activities/2/signups', 'GET /api/activities/2'])
  expect(templateWarnings).toEqual([])
})
