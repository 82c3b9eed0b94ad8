/**
 * The Foundation scenario in a real browser: a new volunteer logs in (演示登录), fills the profile
 * form and lands on 我的; the office logs in, creates a community and pairs a unit with it.
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { openMobileBrowser, requireE2ePrerequisites, type MobileBrowser } from '../helpers/browser'
import { startTestServer, type TestServer } from '../helpers/test-server'

jest.setTimeout(240_000)

/** Screenshots go to test-results/ (ignored by git); UPDATE_SCREENSHOTS=1 refreshes the README's. */
const SHOTS = path.resolve(
  __dirname,
  '..',
  '..',
  ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs', 'screenshots'] : ['test-results', 'screenshots']),
)
const COMMUNITY = `测试社区${Date.now().toString(36).slice(-4)}`

let server: TestServer
let browser: MobileBrowser
let page: Page

beforeAll(async () => {
  requireE2ePrerequisites()
  server = await startTestServer({ seed: true })
  browser = await openMobileBrowser()
  page = browser.page
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The bottom sheet of an OptionPicker that is open now. */
function openSheet(): Locator {
  return page.locator('.nut-popup').filter({ has: page.locator('.option-picker-sheet') }).locator('visible=true')
}

/** Opens the OptionPicker titled `field` and picks `option` (or the first real option). */
async function pick(field: string, option?: string): Promise<string> {
  await page.locator('.option-picker-field', { hasText: field }).click()
  const sheet = openSheet()
  await sheet.locator('.option-picker-option').first().waitFor()
  if (option) {
    const filter = sheet.locator('.option-picker-filter input')
    if (await filter.count()) await filter.fill(option)
  }
  const choice = option
    ? sheet.locator('.option-picker-option', { hasText: option }).first()
    : sheet.locator('.option-picker-option', { hasNotText: '不选择' }).first()
  const label = (await choice.locator('.nut-cell-title').innerText()).trim()
  await choice.click()
  await sheet.waitFor({ state: 'hidden' })
  return label
}

/** After page transitions and toasts have finished, from the top of the page. */
async function shot(name: string, waitMs = 600) {
  await page.waitForTimeout(waitMs)
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

async function fill(inputClass: string, value: string) {
  await page.locator(`${inputClass} input`).fill(value)
}

async function loginWithOpenid(openid: string) {
  await page.locator('.openid-input input').fill(openid)
  await page.locator('.openid-login').click()
}

/** A NutUI Cell by its exact title (click the cell: the title itself does not take the tap). */
function cell(title: string): Locator {
  const exact = new RegExp(`^${title}$`)
  return page.locator('.taro_page_show .nut-cell').filter({ has: page.locator('.nut-cell-title', { hasText: exact }) })
}

async function openTab(name: string) {
  await page.locator('.weui-tabbar__item', { hasText: name }).click()
}

test('when a new volunteer logs in, then the profile form leads to 我的 with their name', async () => {
  await page.goto(server.url)
  await page.getByText('演示登录').first().waitFor()
  await page.locator('.demo-user').first().waitFor()
  await shot('login')

  await loginWithOpenid('e2e-new-volunteer')
  await page.waitForURL(/\/pages\/profile\/index/)
  await page.getByText('欢迎加入').waitFor()

  const community = await pick('所在社区')
  await fill('.name-input', '陈晓燕')
  await page.locator('.gender-group .nut-radio', { hasText: '女' }).click()
  await fill('.birth-year-input', '1992')
  await shot('profile')
  await page.locator('.profile-submit').click()

  await page.waitForURL(/\/pages\/me\/index/)
  await page.locator('.me-name', { hasText: '陈晓燕' }).waitFor()
  await page.getByText(community).first().waitFor()
  await shot('me')
})

test('when the office logs in, then it creates a community and pairs a unit with it', async () => {
  await page.locator('.me-logout').click()
  await page.waitForURL(/\/pages\/login\/index/)
  await loginWithOpenid('demo-office')
  await page.waitForURL(/\/pages\/(activities|me)\/index/)
  await openTab('我的')
  await cell('文明办管理').click()
  await page.waitForURL(/\/packages\/office\/pages\/index\/index/)

  await cell('社区').click()
  await page.waitForURL(/\/packages\/office\/pages\/communities\/index/)
  await page.locator('.community-item').first().waitFor()
  await page.locator('.community-new').click()
  await fill('.community-name', COMMUNITY)
  await fill('.community-district', '清河区')
  await fill('.community-population', '8600')
  await page.locator('.community-submit').click()
  await page.locator('.community-item', { hasText: COMMUNITY }).waitFor()
  await shot('office-communities', 1800)

  await page.goBack()
  await page.waitForURL(/\/packages\/office\/pages\/index\/index/)
  await cell('包联').click()
  await page.waitForURL(/\/packages\/office\/pages\/pairings\/index/)
  const unit = await pick('包联单位')
  await pick('包联社区', COMMUNITY)
  await page.locator('.pairing-submit').click()
  await page.locator('.pairing-item', { hasText: `${unit} → ${COMMUNITY}` }).waitFor()
  await shot('office-pairings', 1800)
})
