/**
 * 随手拍 and 整改 in a real browser, against a fresh seeded demo city: a resident reports a
 * problem with a photo (through the browser's file chooser), the office assigns it to the unit
 * paired with the community, the unit's organiser accepts it and rectifies it with an
 * after-photo, the office verifies and closes it, and the resident sees 已办结 and the points.
 * Two browsers: the resident's, and one the office and the organiser take turns in.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { openMobileBrowser, requireE2ePrerequisites, type MobileBrowser } from '../helpers/browser'
import { current, demoLogin, fill, logout, openTab, pick, shot } from '../helpers/e2e-ui'
import { startTestServer, type TestServer } from '../helpers/test-server'

jest.setTimeout(300_000)

const PLACE = { latitude: 34.265, longitude: 108.953 }
const DESCRIPTION = '人行道上停满电动车，行人只能走机动车道'

let server: TestServer
let resident: MobileBrowser
let staff: MobileBrowser // the office, then the unit's organiser, then the office again
let uploadDir: string
let photos: { before: string; after: string }

/** A small street picture drawn with SVG and encoded as JPEG. */
async function picture(file: string, colour: string, label: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="#dfe6ee"/>
    <rect y="330" width="640" height="150" fill="#9aa3ad"/>
    ${[60, 190, 320, 450].map((x) => `<rect x="${x}" y="250" width="90" height="110" rx="14" fill="${colour}"/>`).join('')}
    <text x="24" y="60" font-size="36" fill="#333">${label}</text>
  </svg>`
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file)
  return file
}

async function call<T>(method: string, p: string, token: string | null): Promise<T> {
  const res = await fetch(`${server.url}${p}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} })
  const data = (await res.json()) as T
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(data)}`)
  return data
}

async function devLogin(openid: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
  return ((await res.json()) as { token: string }).token
}

/** Picks a photo through the browser's file dialog (Taro's H5 chooseMedia opens an <input type=file>). */
async function choosePhoto(page: Page, scope: string, file: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), current(page).locator(`${scope} .photo-add`).click()])
  await chooser.setFiles(file)
  await current(page).locator(`${scope} .photo-tile:not(.photo-add)`).first().waitFor()
  await current(page).locator(`${scope} .photo-tile-uploading`).waitFor({ state: 'detached', timeout: 30_000 })
  await current(page).locator(`${scope} .photo-tile-failed`).waitFor({ state: 'detached', timeout: 1_000 })
}

/** The queue card of report `id` on the current page. */
const card = (page: Page, id: number) => current(page).locator('.report-card', { hasText: `第 ${id} 号` })

async function switchTo(page: Page, name: string) {
  await page.goto(`${server.url}/pages/me/index`)
  await logout(page)
  await demoLogin(page, name)
}

beforeAll(async () => {
  requireE2ePrerequisites()
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-e2e-uploads-'))
  photos = {
    before: await picture(path.join(uploadDir, 'before.jpg'), '#3b6fd4', '随手拍'),
    after: await picture(path.join(uploadDir, 'after.jpg'), '#dfe6ee', '整改后'),
  }
  server = await startTestServer({ seed: true, env: { UPLOAD_DIR: path.join(uploadDir, 'store') } })
  resident = await openMobileBrowser()
  staff = await openMobileBrowser()
})

afterAll(async () => {
  await resident?.close()
  await staff?.close()
  await server?.close()
  if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true })
})

test('a resident reports with a photo, the office assigns, the unit rectifies, the office closes it, and the resident sees 已办结 and the points', async () => {
  // ---- the community 区教育局 is paired with (the demo city's pairings are drawn at seeding)
  const officeToken = await devLogin('demo-office')
  const units = await call<{ items: { id: number; name: string }[] }>('GET', '/api/units', officeToken)
  const education = units.items.find((u) => u.name === '区教育局')!
  const pairings = await call<{ items: { community: { name: string } }[] }>('GET', `/api/pairings?unitId=${education.id}`, officeToken)
  const community = pairings.items[0].community.name

  // ---- the resident: 随手拍 → 拍照上报, a photo, the category, the community, here, a description
  const rp = resident.page
  await resident.context.grantPermissions(['geolocation'], { origin: server.url })
  await resident.context.setGeolocation(PLACE)
  await rp.goto(server.url)
  await demoLogin(rp, '陈晓燕')
  await openTab(rp, '随手拍')
  await current(rp).locator('.report-new').waitFor()
  await shot(rp, 'report-tab')
  await current(rp).locator('.report-new').click()
  await rp.waitForURL(/\/packages\/report\/pages\/new\/index/)
  await current(rp).locator('.category-chip', { hasText: '乱停乱放' }).click()
  await choosePhoto(rp, '.report-photos', photos.before)
  await current(rp).getByText('拍照/相册 1/6').waitFor()
  await pick(rp, '.community-picker', community)
  await current(rp).getByText(/已定位/).waitFor()
  await fill(rp, '.address-input', '东风路与建设路口东北角')
  await current(rp).locator('.description-input textarea').fill(DESCRIPTION)
  await shot(rp, 'report-new')
  await current(rp).locator('.report-submit').click()
  await rp.waitForURL(/\/packages\/report\/pages\/detail\/index\?id=\d+/)
  const id = Number(/id=(\d+)/.exec(rp.url())![1])
  await current(rp).locator('.report-facts').getByText('待受理').waitFor()
  await current(rp).locator('.timeline-title', { hasText: '提交上报' }).waitFor()
  await current(rp).locator('.report-before .photo-tile-image').first().waitFor()

  // ---- the office: 文明办管理 → 随手拍受理 → 交办 to the paired unit (listed first)
  const sp = staff.page
  await sp.goto(server.url)
  await demoLogin(sp, '王主任')
  await openTab(sp, '我的')
  await current(sp).locator('.nut-cell', { hasText: '文明办管理' }).click()
  await current(sp).locator('.office-reports-entry').click()
  await sp.waitForURL(/\/packages\/office\/pages\/reports\/index/)
  await card(sp, id).waitFor()
  await card(sp, id).locator('.triage-assign').click()
  const sheet = sp.locator('.triage-sheet').locator('visible=true')
  await sheet.locator('.choice-option').first().waitFor()
  await sheet.locator('.choice-option').first().getByText('区教育局（包联）').waitFor()
  await sheet.locator('.choice-option', { hasText: '区教育局（包联）' }).click()
  await sheet.locator('.assign-instruction textarea').fill('三日内清理占道车辆，设置禁停提示')
  await shot(sp, 'report-assign')
  await sheet.locator('.triage-submit').click()
  await sheet.waitFor({ state: 'hidden' })
  await card(sp, id).waitFor({ state: 'detached' })

  // ---- the unit's organiser: 我的 → 整改任务 → 接收任务 → 提交整改 with an after-photo
  await switchTo(sp, '李明华')
  await openTab(sp, '我的')
  await current(sp).locator('.nut-cell', { hasText: '整改任务' }).click()
  await sp.waitForURL(/\/packages\/report\/pages\/queue\/index/)
  await card(sp, id).locator('.queue-accept').click()
  await card(sp, id).locator('.queue-rectify').waitFor()
  await shot(sp, 'report-queue', { waitMs: 2000 })
  await card(sp, id).locator('.queue-rectify').click()
  await sp.waitForURL(/\/packages\/report\/pages\/rectify\/index\?id=\d+/)
  await choosePhoto(sp, '.rectify-photos', photos.after)
  await current(sp).locator('.rectify-note textarea').fill('占道车辆已全部清走，路口设置了禁停提示牌')
  await current(sp).locator('.rectify-submit').click()
  await sp.waitForURL(/\/packages\/report\/pages\/queue\/index/)

  // ---- the office: 整改核验 → before/after side by side → 核验通过，办结
  await switchTo(sp, '王主任')
  await openTab(sp, '我的')
  await current(sp).locator('.nut-cell', { hasText: '文明办管理' }).click()
  await current(sp).locator('.office-verify-entry').click()
  await card(sp, id).locator('.open-verify').click()
  await sp.waitForURL(/\/packages\/office\/pages\/report-verify\/index\?id=\d+/)
  await current(sp).getByText('整改后（1）').waitFor()
  await current(sp).getByText('整改说明：占道车辆已全部清走，路口设置了禁停提示牌').waitFor()
  await shot(sp, 'report-verify', { waitMs: 1200 })
  await current(sp).locator('.verify-close').click()
  await sp.locator('.taro__modal .taro-model__confirm').click()
  await current(sp).getByText('该上报已核验办结。').waitFor()

  // ---- the resident: 我的上报 shows 已办结; the report's page and 积分明细 show the points
  await rp.goto(`${server.url}/pages/report/index`)
  await current(rp).locator('.report-mine').click()
  await rp.waitForURL(/\/packages\/report\/pages\/mine\/index/)
  await card(rp, id).getByText('已办结').waitFor()
  await card(rp, id).locator('.report-card-body').click()
  await rp.waitForURL(/\/packages\/report\/pages\/detail\/index\?id=\d+/)
  await current(rp).locator('.report-thanks').waitFor()
  await current(rp).locator('.timeline-item--latest .timeline-title', { hasText: '核验办结' }).waitFor()
  await current(rp).locator('.report-after .photo-tile-image').first().waitFor()
  await shot(rp, 'report-closed', { waitMs: 1200 })
  await current(rp).locator('.report-points').click()
  await rp.waitForURL(/\/packages\/checkin\/pages\/points\/index/)
  const entry = current(rp).locator('.points-entry', { hasText: `（第 ${id} 号）` })
  await entry.waitFor()
  expect((await entry.locator('.nut-cell-extra').innerText()).trim()).toBe('+5')
  await shot(rp, 'report-points')
})
