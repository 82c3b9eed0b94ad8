/**
 * 数据看板 in Chromium against a fresh seeded demo city: the office (demo-office, 王主任) opens
 * the dashboard from 我的 → 文明办管理, switches the period to 本年, sorts the community table by
 * 参与率, downloads the participation workbook, and the test opens the .xlsx with exceljs and
 * compares it with the API's JSON for the same period. Screenshots: phone and desktop widths.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Participation } from '@civic/shared'
import type { Locator, Page } from 'playwright-core'
import { openMobileBrowser, requireE2ePrerequisites, type MobileBrowser } from '../helpers/browser'
import { cell, current, demoLogin, openTab, shot } from '../helpers/e2e-ui'
import { startTestServer, type TestServer } from '../helpers/test-server'

jest.setTimeout(300_000)

let server: TestServer
let browser: MobileBrowser
let downloads: string

beforeAll(async () => {
  requireE2ePrerequisites()
  server = await startTestServer({ seed: true })
  browser = await openMobileBrowser()
  downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-dashboard-'))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true })
})

async function api<T>(p: string, token: string): Promise<T> {
  const res = await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${token}` } })
  const data = (await res.json()) as T
  if (!res.ok) throw new Error(`GET ${p} → ${res.status} ${JSON.stringify(data)}`)
  return data
}

async function devLogin(openid: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  if (!res.ok) throw new Error(`dev login → ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())

function dashboard(page: Page): Locator {
  return current(page).locator('.dash-page')
}

/** The community table's rows (name, rate text), top to bottom. */
async function communityRows(page: Page): Promise<Array<{ name: string; rate: string }>> {
  const rows = dashboard(page).locator('.dash-participation-community .dash-tr:not(.dash-thead):not(.dash-tfoot)')
  return rows.evaluateAll((els) =>
    els.map((el) => ({
      name: (el.querySelector('.dash-col-name')?.textContent ?? '').trim(),
      rate: (el.querySelector('.dash-col-rate')?.textContent ?? '').trim(),
    })),
  )
}

const rateOf = (text: string) => (text === '—' ? null : Number(text.replace('%', '')))

test('the office opens the dashboard, switches to 本年, sorts by 参与率 and downloads a workbook that matches the API', async () => {
  const page = browser.page
  await page.goto(server.url)
  await demoLogin(page, '王主任')

  // ---- 我的 → 文明办管理 → 数据看板
  await openTab(page, '我的')
  await cell(page, '文明办管理').click()
  await page.waitForURL(/\/packages\/office\/pages\/index\/index/)
  await cell(page, '数据看板').click()
  await page.waitForURL(/\/packages\/office\/pages\/dashboard\/index/)
  const today = chinaToday()
  const month = { from: `${today.slice(0, 8)}01`, to: today }
  await dashboard(page).locator('.dash-period-range', { hasText: `${month.from} 至 ${month.to}` }).waitFor()
  await dashboard(page).locator('.dash-figure--registered .dash-figure-value').waitFor()
  await dashboard(page).locator('.dash-participation-community').waitFor()
  await dashboard(page).locator('.trend-chart canvas').first().waitFor()
  await shot(page, 'dashboard-month', { waitMs: 1000 })

  // ---- 本年
  const year = { from: `${today.slice(0, 4)}-01-01`, to: today }
  const officeToken = await devLogin('demo-office')
  const expected = await api<Participation>(`/api/stats/participation?groupBy=community&from=${year.from}&to=${year.to}`, officeToken)
  expect(expected.rows.length).toBeGreaterThan(0)
  expect(expected.totals.participants).toBeGreaterThan(0)
  await dashboard(page).locator('.dash-period-year').click()
  await dashboard(page).locator('.dash-period-range', { hasText: `${year.from} 至 ${year.to}` }).waitFor()
  const total = dashboard(page).locator('.dash-participation-community .dash-tfoot .dash-col-participants')
  await total.filter({ hasText: new RegExp(`^${expected.totals.participants}$`) }).waitFor()
  await dashboard(page).locator('.dash-participation .dash-body:not(.dash-body--reloading)').waitFor()

  // ---- sort by 参与率: largest first, the ones without a rate (—) last
  await dashboard(page).locator('.dash-participation-community .dash-thead .dash-col-rate').click()
  await dashboard(page).locator('.dash-participation-community .dash-th--sorted', { hasText: '参与率 ▼' }).waitFor()
  const shown = await communityRows(page)
  const byRate = [...expected.rows].sort((a, b) => {
    if (a.rate === null || b.rate === null) return a.rate === b.rate ? a.name.localeCompare(b.name, 'zh-CN') : a.rate === null ? 1 : -1
    return b.rate - a.rate || a.name.localeCompare(b.name, 'zh-CN')
  })
  expect(shown.map((r) => r.name)).toEqual(byRate.slice(0, shown.length).map((r) => r.name))
  const rates = shown.map((r) => rateOf(r.rate))
  for (let i = 1; i < rates.length; i++) {
    if (rates[i] !== null) expect(rates[i - 1]).not.toBeNull()
    if (rates[i] !== null && rates[i - 1] !== null) expect(rates[i - 1]!).toBeGreaterThanOrEqual(rates[i]!)
  }
  const top = byRate[0]
  expect(shown[0].rate).toBe(top.rate === null ? '—' : `${(Math.round(top.rate * 10_000) / 100).toFixed(2)}%`)
  await dashboard(page).locator('.dash-participation').scrollIntoViewIfNeeded()
  await page.evaluate(() => window.scrollBy(0, -80))
  await shot(page, 'dashboard-year-sorted')
  await dashboard(page).locator('.dash-duty').scrollIntoViewIfNeeded()
  await shot(page, 'dashboard-street-duty')

  // ---- the workbook
  const [download] = await Promise.all([page.waitForEvent('download'), dashboard(page).locator('.dash-export-participation').click()])
  expect(download.suggestedFilename()).toBe(`参与率-社区-${year.from}至${year.to}.xlsx`)
  const file = path.join(downloads, 'participation.xlsx')
  await download.saveAs(file)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const sheet = wb.worksheets[0]
  expect(sheet.name).toBe('参与情况（社区）')
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)
  const col = (h: string) => header.indexOf(h) + 1
  expect(col('参与人数')).toBeGreaterThan(0)
  const lines = new Map<string, ExcelJS.Row>()
  sheet.eachRow((r, n) => {
    if (n > 1) lines.set(String(r.getCell(1).value), r)
  })
  // every community's participants and rate, and the totals, as the API says for 本年
  for (const r of expected.rows) {
    const line = lines.get(r.name)
    expect(line).toBeDefined()
    expect(line!.getCell(col('参与人数')).value).toBe(r.participants)
    expect(line!.getCell(col('参与率（注册居民）')).value ?? null).toBe(r.rate)
  }
  expect(lines.get('合计')!.getCell(col('参与人数')).value).toBe(expected.totals.participants)
  expect(lines.get('合计')!.getCell(col('志愿服务时长（小时）')).value).toBe(expected.totals.volunteerHours)
  // and the page showed the same top figure
  expect(shown[0].name).toBe(top.name)

  // ---- the same dashboard on a desktop browser
  await page.setViewportSize({ width: 1366, height: 1000 })
  // (Taro H5 scrolls the page's own container, not the window)
  await dashboard(page).locator('.dash-header').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot(page, 'dashboard-desktop', { waitMs: 1000 })
  const layout = await dashboard(page).locator('.dash-layout').evaluate((el) => getComputedStyle(el).display)
  expect(layout).toBe('grid')
})
