/**
 * 扫码签到 in a real browser, on PostgreSQL: the organiser shows the rotating 签到码; the volunteer
 * scans it (WeChat JS-SDK scanQRCode injected) at the activity's place and sees 签到成功; the check-in
 * is moved 2 h back in the database; the volunteer scans the 签退码 and sees 签退成功 with 2 小时
 * and the points; 我的 shows the hours and the points.
 */
import path from 'node:path'
import { Client } from 'pg'
import type { Page } from 'playwright-core'
import { openMobileBrowser, requireE2ePrerequisites, type MobileBrowser } from '../helpers/browser'
import { adminQuery, urlFor } from '../helpers/postgres-admin'
import { startTestServer, type TestServer } from '../helpers/test-server'

jest.setTimeout(300_000)

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const DB = `civic_e2e_checkin_${process.pid}_${Date.now().toString(36)}`
const SHOTS = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots')
const HOUR = 3_600_000
const PLACE = { latitude: 34.26, longitude: 108.94 }

let server: TestServer
let organiser: MobileBrowser
let volunteer: MobileBrowser
let dbCreated = false

async function call<T>(method: string, p: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = (await res.json()) as T
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(data)}`)
  return data
}

async function devLogin(openid: string): Promise<string> {
  return (await call<{ token: string }>('POST', '/api/auth/dev', null, { openid })).token
}

/** The page Taro shows now. */
const current = (page: Page) => page.locator('.taro_page_show:not(.taro_page_shade)')
/** The check-in result page (tab pages stay in the DOM underneath). */
const result = (page: Page) => page.locator('.taro_page_show .checkin-result-page')

async function loginInBrowser(page: Page, openid: string) {
  await page.goto(`${server.url}/pages/login/index`)
  await page.locator('.openid-input input').fill(openid)
  await page.locator('.openid-login').click()
  await page.waitForURL(/\/pages\/(activities|me)\/index/)
}

/** The token the organiser's screen shows now. */
async function shownToken(page: Page): Promise<string> {
  const el = current(page).locator('.checkin-code-token')
  await el.waitFor()
  return (await el.getAttribute('data-token')) ?? ''
}

beforeAll(async () => {
  requireE2ePrerequisites()
  await adminQuery(`CREATE DATABASE "${DB}"`)
  dbCreated = true
  server = await startTestServer({ seed: true, env: { DATABASE_URL: urlFor(DB) } })
  organiser = await openMobileBrowser()
  volunteer = await openMobileBrowser()
})

afterAll(async () => {
  await organiser?.close()
  await volunteer?.close()
  await server?.close()
  if (dbCreated) await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`)
})

test('a volunteer checks in and out by scanning the organiser’s rotating codes, and 我的 shows the hours and points', async () => {
  // ---- a running activity of 区教育局, demo-volunteer-1 signed up (through the API)
  const orgToken = await devLogin('demo-organiser')
  const me = await call<{ user: { roles: { organiserOf: { kind: string; id: number; name: string }[] } } }>('GET', '/api/me', orgToken)
  const unit = me.user.roles.organiserOf.find((r) => r.kind === 'unit')!
  const types = await call<{ items: { id: number; active: boolean; duty: boolean }[] }>('GET', '/api/activity-types', orgToken)
  const type = types.items.find((t) => t.active && !t.duty)!
  const directory = await call<{ communities: { id: number; name: string }[] }>('GET', '/api/directory', orgToken)
  const now = Date.now()
  const title = `扫码签到测试${now.toString(36).slice(-4)}`
  const activity = await call<{ id: number }>('POST', '/api/activities', orgToken, {
    title,
    typeId: type.id,
    description: '端到端测试',
    communityId: directory.communities[0].id,
    address: '钟楼东北角',
    ...PLACE,
    radiusM: 500,
    // started 3 h ago: a check-in moved 2 h back still lies inside the activity
    startAt: new Date(now - 3 * HOUR).toISOString(),
    endAt: new Date(now + 2 * HOUR).toISOString(),
    signupDeadline: new Date(now + 2 * HOUR).toISOString(),
    capacity: 20,
    organiserUnitId: unit.id,
  })
  const volToken = await devLogin('demo-volunteer-1')
  await call('POST', `/api/activities/${activity.id}/signups`, volToken)
  const before = await call<{ totalHours: number; points: number }>('GET', '/api/me/summary', volToken)

  // ---- the organiser's screen
  const op = organiser.page
  await loginInBrowser(op, 'demo-organiser')
  await op.goto(`${server.url}/packages/organiser/pages/checkin-code/index?id=${activity.id}&title=${encodeURIComponent(title)}`)
  await current(op).locator('.checkin-code-image').waitFor()
  await current(op).getByText('已报名 1').waitFor()
  await op.screenshot({ path: path.join(SHOTS, 'checkin-code.png') })

  // ---- the volunteer: camera (JS-SDK) answers with whatever window.__scan holds; at the place
  const vp = volunteer.page
  await volunteer.context.grantPermissions(['geolocation'], { origin: server.url })
  await volunteer.context.setGeolocation(PLACE)
  await volunteer.context.addInitScript(() => {
    const w = window as unknown as { wx: unknown; __scan?: string }
    w.wx = {
      scanQRCode(o: { success: (r: unknown) => void }) {
        setTimeout(() => o.success({ errMsg: 'scanQRCode:ok', resultStr: w.__scan ?? '' }))
      },
    }
  })
  await loginInBrowser(vp, 'demo-volunteer-1')
  await vp.goto(`${server.url}/pages/activities/index`)
  await vp.locator('.taro_page_show .activities-page .scan-checkin').waitFor()
  await vp.evaluate((t) => ((window as unknown as { __scan: string }).__scan = t), await shownToken(op))
  await vp.locator('.taro_page_show .activities-page .scan-checkin').click()
  await result(vp).getByText('签到成功').waitFor({ timeout: 30_000 })
  await result(vp).getByText(title).waitFor()
  await vp.waitForTimeout(600)
  await vp.screenshot({ path: path.join(SHOTS, 'checkin-in.png') })
  await current(op).getByText('已签到 1').waitFor({ timeout: 30_000 })

  // ---- two hours later
  const db = new Client({ connectionString: urlFor(DB) })
  await db.connect()
  try {
    const r = await db.query(
      `UPDATE attendance SET check_in_at = check_in_at - interval '2 hours' WHERE activity_id = $1 AND check_out_at IS NULL`,
      [activity.id],
    )
    expect(r.rowCount).toBe(1)
  } finally {
    await db.end()
  }

  // ---- 签退码
  await current(op).locator('.checkin-mode--out').click()
  await current(op).getByText('请志愿者用「文明积分」扫码签退', { exact: false }).waitFor()
  await vp.goto(`${server.url}/pages/activities/index`)
  await vp.locator('.taro_page_show .activities-page .scan-checkin').waitFor()
  await vp.evaluate((t) => ((window as unknown as { __scan: string }).__scan = t), await shownToken(op))
  await vp.locator('.taro_page_show .activities-page .scan-checkin').click()
  await result(vp).getByText('签退成功').waitFor({ timeout: 30_000 })
  await result(vp).locator('.checkin-hours').getByText('2 小时').waitFor()
  const pointsText = (await result(vp).locator('.checkin-points .nut-cell-extra').innerText()).trim()
  const earned = Number(/(\d+) 分/.exec(pointsText)?.[1])
  expect(earned).toBeGreaterThan(0)
  await vp.waitForTimeout(600)
  await vp.screenshot({ path: path.join(SHOTS, 'checkin-out.png') })

  // ---- 我的
  await vp.goto(`${server.url}/pages/me/index`)
  await vp.locator('.taro_page_show .me-summary').waitFor()
  const fmt = (h: number) => `${Math.round(h * 10) / 10}`
  await vp.locator('.taro_page_show .me-stat--total .me-stat-value').getByText(fmt(before.totalHours + 2), { exact: true }).waitFor()
  await vp.locator('.taro_page_show .me-stat--points .me-stat-value').getByText(String(before.points + earned), { exact: true }).waitFor()
  await vp.waitForTimeout(600)
  await vp.screenshot({ path: path.join(SHOTS, 'checkin-me.png') })
})
