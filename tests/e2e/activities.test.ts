/**
 * Activities and sign-up in a real browser, against a fresh seeded demo city: an organiser
 * publishes an activity with one place; one volunteer takes it, a second joins the waitlist and
 * moves up when the first cancels. Two browsers, because a session lives in the browser's storage.
 */
import type { Page } from 'playwright-core'
import { openMobileBrowser, requireE2ePrerequisites, type MobileBrowser } from '../helpers/browser'
import { current, demoLogin, fill, logout, openTab, pick, shot } from '../helpers/e2e-ui'
import { startTestServer, type TestServer } from '../helpers/test-server'

jest.setTimeout(300_000)

const TITLE = `夜间文明宣传${Date.now().toString(36).slice(-4)}`
const COMMUNITY = '东风社区'

let server: TestServer
let first: MobileBrowser // the organiser, then demo-volunteer-1
let second: MobileBrowser // demo-volunteer-2

beforeAll(async () => {
  requireE2ePrerequisites()
  server = await startTestServer({ seed: true })
  first = await openMobileBrowser()
  second = await openMobileBrowser()
})

afterAll(async () => {
  await first?.close()
  await second?.close()
  await server?.close()
})

/** The activity page on screen (the 活动 tab below it stays in the DOM). */
function detail(page: Page) {
  return page.locator('.detail-page').locator('visible=true')
}

/** The sign-up bar of the activity page, once it reads `text`. */
async function barShows(page: Page, text: string) {
  await detail(page).locator('.signup-bar', { hasText: text }).waitFor()
}

/** 活动 tab → 社区 and 明天 filters → the activity's page. */
async function openTheActivity(page: Page) {
  await openTab(page, '活动')
  await pick(page, '.filter-community', COMMUNITY)
  await pick(page, '.filter-dates', '明天')
  await current(page).locator('.activity-card', { hasText: TITLE }).click()
  await page.waitForURL(/\/packages\/activity\/pages\/detail\/index\?id=\d+/)
  await detail(page).locator('.detail-title', { hasText: TITLE }).waitFor()
}

test('when demo-organiser publishes an activity with one place, then its management page shows it', async () => {
  const page = first.page
  await page.goto(server.url)
  await demoLogin(page, '李明华')
  await current(page).locator('.activity-card').first().waitFor()
  await shot(page, 'activities')

  await openTab(page, '我的')
  await current(page).locator('.nut-cell', { hasText: '管理本单位/社区的活动' }).click()
  await page.waitForURL(/\/packages\/organiser\/pages\/index\/index/)
  await current(page).locator('.publish-activity').click()
  await page.waitForURL(/\/packages\/organiser\/pages\/edit\/index/)

  await current(page).locator('.organiser-picker', { hasText: '区教育局（单位）' }).waitFor()
  await fill(page, '.title-input', TITLE)
  await pick(page, '.type-picker', '文明宣传')
  await current(page).locator('.description-input textarea').fill('在东风广场发放文明城市宣传册，讲解垃圾分类。')
  // tomorrow (the form's default date), after every seeded activity of the day has ended
  await pick(page, '.start-picker', '20:30')
  await pick(page, '.end-picker', '21:30')
  await pick(page, '.deadline-time-picker', '20:00')
  await pick(page, '.community-picker', COMMUNITY)
  await fill(page, '.address-input', '东风广场北门')
  await fill(page, '.latitude-input', '34.265')
  await fill(page, '.longitude-input', '108.953')
  await fill(page, '.capacity-input', '1')
  await current(page).locator('.audience-group .nut-radio', { hasText: '所有人' }).click()
  await current(page).locator('.activity-form').evaluate((el) => el.scrollIntoView())
  await shot(page, 'activity-publish')
  await current(page).locator('.activity-submit').click()

  await page.waitForURL(/\/packages\/organiser\/pages\/manage\/index\?id=\d+/)
  await current(page).locator('.manage-title', { hasText: TITLE }).waitFor()
  await current(page).getByText('0 / 1 人').waitFor()
})

test('when demo-volunteer-1 signs up, then the activity page says 已报名', async () => {
  const page = first.page
  // open the app afresh (Taro's H5 router loses its page stack when the browser goes back past
  // a redirectTo, and 退出登录's reLaunch then shows nothing)
  await page.goto(`${server.url}/pages/me/index`)
  await logout(page)
  await demoLogin(page, '陈晓燕')

  await openTheActivity(page)
  await detail(page).getByText('剩余 1 个名额（共 1）').waitFor()
  await detail(page).locator('.signup-button').click()
  await barShows(page, '已报名')
  await detail(page).getByText('名额已满 · 可报名候补').waitFor()
  await shot(page, 'activity-detail', { waitMs: 1800 })
})

test('when demo-volunteer-2 signs up for the full activity, then they are 候补第1位', async () => {
  const page = second.page
  await page.goto(server.url)
  await demoLogin(page, '刘洋')

  await openTheActivity(page)
  await detail(page).getByText('名额已满，报名后进入候补，有人取消时按顺序递补').waitFor()
  await detail(page).locator('.signup-button').click()
  await barShows(page, '候补第1位')
})

test('when demo-volunteer-1 cancels, then demo-volunteer-2 moves up: 已报名 on reload and a 候补成功 notice on 我的', async () => {
  const page = first.page
  await detail(page).locator('.signup-cancel').click()
  await page.locator('.taro__modal').getByText('确定取消报名吗？你的名额将让给候补的人。').waitFor()
  await page.locator('.taro__modal .taro-model__confirm').click()
  await detail(page).locator('.signup-button', { hasText: /^报名$/ }).waitFor()
  // the place went to demo-volunteer-2 at once
  await detail(page).getByText('名额已满 · 可报名候补').waitFor()

  const other = second.page
  await other.reload()
  await barShows(other, '已报名')
  await barShows(other, '取消报名')

  await other.goto(`${server.url}/pages/me/index`)
  const notice = current(other).locator('.notice-item', { hasText: `候补成功：${TITLE}` })
  await notice.waitFor()
  await current(other).locator('.my-signup', { hasText: TITLE }).waitFor()
  await notice.click()
  await other.waitForURL(/\/packages\/activity\/pages\/detail\/index\?id=\d+/)
  await barShows(other, '已报名')
})
