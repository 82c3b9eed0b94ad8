/**
 * @jest-environment node
 *
 * WeChat's own toolchain, offline: miniprogram-ci compiles the built weapp (catching bad WXML,
 * missing pages, syntax errors) and measures the packages. A throwaway RSA key and a placeholder
 * appid are enough when no upload happens.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { requireWeappBuild } from '../helpers/weapp-build'

jest.setTimeout(180_000)

/**
 * miniprogram-ci leaves a forked compiler process and a chokidar watcher running (its CLI ends
 * with process.exit). Keep hold of both so the test can stop them instead.
 */
const mockWatchers: Array<{ close(): Promise<void> }> = []
const mockChildren: Array<{ kill(signal?: NodeJS.Signals): boolean; connected: boolean; disconnect(): void }> = []
jest.mock('child_process', () => {
  const real = jest.requireActual('child_process')
  return {
    ...real,
    fork: (...args: unknown[]) => {
      const child = real.fork(...args)
      mockChildren.push(child)
      return child
    },
  }
})
jest.mock('chokidar', () => {
  const real = jest.requireActual('chokidar')
  return {
    ...real,
    watch: (...args: unknown[]) => {
      const watcher = real.watch(...args)
      mockWatchers.push(watcher)
      return watcher
    },
  }
})

/** The main package budget (WeChat allows 2 MB; later issues need the headroom). */
const MAIN_PACKAGE_BUDGET = 600_000

type Ci = typeof import('miniprogram-ci')

let ci: Ci
let project: InstanceType<Ci['Project']>
let dist: string
let keyDir: string

beforeAll(() => {
  dist = requireWeappBuild()
  // miniprogram-ci narrates every step (and its failed call home) on console.log/warn
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ci = require('miniprogram-ci')
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-ci-'))
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  const privateKeyPath = path.join(keyDir, 'private.key')
  fs.writeFileSync(privateKeyPath, privateKey)
  project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: dist,
    privateKeyPath,
    ignores: ['node_modules/**/*'],
    attr: async () => ci.DefaultProjectAttr,
  } as ConstructorParameters<Ci['Project']>[0])
})

afterAll(async () => {
  jest.restoreAllMocks()
  await Promise.all(mockWatchers.map((w) => w.close()))
  for (const child of mockChildren) {
    if (child.connected) child.disconnect()
    child.kill('SIGTERM')
  }
  fs.rmSync(keyDir, { recursive: true, force: true })
})

function mainPackageBytes(dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (path.relative(dist, p) !== 'packages') total += mainPackageBytes(p)
    } else if (!entry.name.endsWith('.LICENSE.txt') && entry.name !== 'project.config.json') {
      total += fs.statSync(p).size
    }
  }
  return total
}

test('when WeChat compiles the build, then every page of app.json compiles', async () => {
  // minifyWXML makes WeChat parse every template (without it a broken WXML passes through)
  const compiled = await ci.getCompiledResult({
    project,
    version: '0.0.0',
    setting: { es6: false, minifyJS: false, minifyWXML: true, minifyWXSS: true },
  })
  const files = Object.keys(compiled)
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as {
    pages: string[]
    subPackages: Array<{ root: string; pages: string[] }>
  }
  const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  for (const page of pages) {
    expect(files.some((f) => f.startsWith(page))).toBe(true)
  }
})

test('when WeChat checks code quality, then the main package stays within budget and holds no subpackage-only code', async () => {
  const checks = await ci.checkCodeQuality(project)
  const byName = Object.fromEntries(checks.map((c) => [c.name, c]))
  const sizes = byName.PACKAGE_SIZE_LIMIT.detail as Record<string, number>

  console.info(`main package: ${sizes.__APP__} B (files: ${mainPackageBytes(dist)} B); subpackages: ${JSON.stringify(sizes)}`)
  expect(byName.PACKAGE_SIZE_LIMIT.success).toBe(true)
  expect(sizes.__APP__).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET)
  expect(mainPackageBytes(dist)).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET)
  expect(byName.CONTAINS_OTHER_PKG_JS.success).toBe(true)
  expect(byName.CONTAINS_OTHER_PKG_COMPONENTS.success).toBe(true)
})
