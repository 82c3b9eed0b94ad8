/** Steps through the H5 build in Chromium that several e2e scenarios share. */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'

/** Screenshots go to test-results/ (ignored by git); UPDATE_SCREENSHOTS=1 refreshes the README's. */
export const SHOTS = path.resolve(
  __dirname,
  '..',
  '..',
  ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs', 'screenshots'] : ['test-results', 'screenshots']),
)

/** After page transitions and toasts have finished, of what the window shows. */
export async function shot(page: Page, name: string, opts: { waitMs?: number } = {}) {
  await page.waitForTimeout(opts.waitMs ?? 600)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

/** The page Taro shows now (earlier pages of the stack stay in the DOM, hidden or shaded). */
export function current(page: Page): Locator {
  return page.locator('.taro_page_show:not(.taro_page_shade)')
}

/** 演示登录 as the demo user whose label holds `name`. */
export async function demoLogin(page: Page, name: string) {
  await current(page).locator('.demo-user', { hasText: name }).first().click()
  await page.waitForURL(/\/pages\/(activities|me)\/index/)
}

export async function openTab(page: Page, name: string) {
  await page.locator('.weui-tabbar__item', { hasText: name }).click()
}

/** A NutUI Cell by its exact title, on the current page. */
export function cell(page: Page, title: string): Locator {
  const exact = new RegExp(`^${title}$`)
  return current(page).locator('.nut-cell').filter({ has: page.locator('.nut-cell-title', { hasText: exact }) })
}

/** 我的 → 退出登录, back on the login page. */
export async function logout(page: Page) {
  await openTab(page, '我的')
  await current(page).locator('.me-logout').click()
  await page.waitForURL(/\/pages\/login\/index/)
  await current(page).locator('.demo-user').first().waitFor()
}

/**
 * Opens the OptionPicker found by `field` (a row or a chip) on the current page and picks
 * `option`, typing it into the sheet's filter when the list has one.
 */
export async function pick(page: Page, field: string, option: string) {
  await current(page).locator(`${field} .option-picker-field, ${field} .option-chip`).first().click()
  const sheet = page.locator('.nut-popup').filter({ has: page.locator('.option-picker-sheet') }).locator('visible=true')
  await sheet.locator('.option-picker-option').first().waitFor()
  const filter = sheet.locator('.option-picker-filter input')
  if (await filter.count()) await filter.fill(option)
  await sheet.locator('.option-picker-option', { has: page.locator('.nut-cell-title', { hasText: new RegExp(`^${option}$`) }) }).first().click()
  await sheet.waitFor({ state: 'hidden' })
}

export async function fill(page: Page, inputClass: string, value: string) {
  await current(page).locator(`${inputClass} input`).fill(value)
}
