/**
 * Runs pages of the compiled weapp (miniapp/dist/weapp) in miniprogram-simulate with WeChat's own
 * WXML compiler: requires the built app.js first, shims Page onto Component (running onLoad,
 * onShow, onReady on attach), and installs a fake wx. One app per test file (jest isolates
 * module registries per file, and Taro's runtime binds the wx it sees first).
 */
import path from 'node:path'
import { createFakeWx, type WxRoute } from './fake-wx'
import { requireWeappBuild } from './weapp-build'

type Simulate = typeof import('miniprogram-simulate')
type PageDef = Record<string, unknown> & { data?: object; onLoad?: (q: object) => void; onShow?: () => void; onReady?: () => void }
type AppDef = { onLaunch?: (o: object) => void; onShow?: (o: object) => void }

export function startWeapp(routes: Record<string, WxRoute>) {
  const dist = requireWeappBuild()
  const fake = createFakeWx(routes)
  // wcc's runtime reports a node type with no template (e.g. an <i>) as a console warning
  const templateWarnings: string[] = []
  const warn = console.warn.bind(console)
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ')
    if (text.includes('WXMLRT')) templateWarnings.push(text)
    else warn(...args)
  })
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate: Simulate = require('miniprogram-simulate')
  const g = globalThis as Record<string, unknown>
  let app: AppDef = {}
  g.wx = fake.wx
  g.getCurrentPages = () => []
  g.App = (def: AppDef) => {
    app = def
  }
  g.getApp = () => app
  const Component = g.Component as (def: object) => void
  g.Page = (def: PageDef) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(def)) if (typeof v === 'function') methods[k] = v
    Component({
      data: def.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageDef) {
          this.onLoad?.({})
          this.onShow?.()
          this.onReady?.()
        },
      },
    })
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(dist, 'app.js'))
  const launch = { path: 'pages/login/index', query: {}, scene: 1001 }
  app.onLaunch?.(launch)
  app.onShow?.(launch)

  function open(page: string) {
    const id = simulate.load(path.join(dist, page), { compiler: 'official', rootPath: dist })
    const comp = simulate.render(id)
    comp.attach(document.createElement('parent-wrapper'))
    return { text: () => comp.dom?.textContent ?? '', comp }
  }
  return { open, fake, templateWarnings }
}

export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const v = probe()
    if (v) return v
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export const weappUser = {
  id: 1,
  realName: '王小明',
  gender: 'male',
  birthYear: 1990,
  skills: ['急救'],
  community: { id: 1, name: '幸福里社区' },
  unit: null,
  phone: '138****5678',
  idNumber: null,
  profileComplete: true,
  roles: { volunteer: true, office: true, organiserOf: [] },
  createdAt: '2025-01-01T00:00:00.000Z',
}
