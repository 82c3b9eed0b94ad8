/**
 * A minimal `wx` for running the compiled weapp in miniprogram-simulate: in-memory storage,
 * wx.login, and wx.request answered by a route table (like the API, JSON in and out).
 */
export interface WxReply {
  statusCode: number
  data: unknown
}
export type WxRoute = (req: { method: string; path: string; data: unknown; header: Record<string, string> }) => WxReply

interface RequestOptions {
  url: string
  method?: string
  data?: unknown
  header?: Record<string, string>
  success?: (res: WxReply & { header: object; errMsg: string }) => void
  fail?: (err: { errMsg: string }) => void
  complete?: (res: unknown) => void
}

type Callbacks = { success?: (res: unknown) => void; fail?: (e: unknown) => void; complete?: (res: unknown) => void }

function ok(opts: Callbacks | undefined, res: object) {
  setTimeout(() => {
    opts?.success?.(res)
    opts?.complete?.(res)
  })
}

export function createFakeWx(routes: Record<string, WxRoute>) {
  const storage = new Map<string, unknown>()
  const requests: string[] = []
  const known: Record<string, unknown> = {
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    login: (o: Callbacks) => ok(o, { code: 'fake-wx-code', errMsg: 'login:ok' }),
    request: (o: RequestOptions) => {
      const url = new URL(o.url)
      const method = (o.method ?? 'GET').toUpperCase()
      requests.push(`${method} ${url.pathname}`)
      const route = routes[`${method} ${url.pathname}`]
      const reply = route
        ? route({ method, path: url.pathname, data: o.data, header: o.header ?? {} })
        : { statusCode: 404, data: { error: { code: 'not_found', message: '请求的内容不存在' } } }
      setTimeout(() => {
        o.success?.({ ...reply, header: {}, errMsg: 'request:ok' })
        o.complete?.(reply)
      })
      return { abort() {} }
    },
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667, statusBarHeight: 20, SDKVersion: '3.0.0' }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667, statusBarHeight: 20 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn),
    showToast: (o: Callbacks) => ok(o, { errMsg: 'showToast:ok' }),
    navigateTo: (o: Callbacks) => ok(o, { errMsg: 'navigateTo:ok' }),
    switchTab: (o: Callbacks) => ok(o, { errMsg: 'switchTab:ok' }),
    reLaunch: (o: Callbacks) => ok(o, { errMsg: 'reLaunch:ok' }),
    redirectTo: (o: Callbacks) => ok(o, { errMsg: 'redirectTo:ok' }),
  }
  const wx: Record<string, unknown> = { ...known }
  return { wx, storage, requests }
}
