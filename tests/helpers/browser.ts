/** Chromium through playwright-core, as STACK.md prescribes: a fresh profile, no background traffic. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const H5_DIST = path.resolve(__dirname, '..', '..', 'miniapp', 'dist', 'h5')

/** The e2e tests need the H5 build and a browser; say how to get them instead of skipping. */
export function requireE2ePrerequisites(): void {
  if (!fs.existsSync(path.join(H5_DIST, 'index.html'))) {
    throw new Error(`The H5 build is missing (${H5_DIST}/index.html). Build it first: npm run build:h5`)
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }
}

export interface MobileBrowser {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/** A phone-sized Chromium window with a throwaway profile. */
export async function openMobileBrowser(): Promise<MobileBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}
