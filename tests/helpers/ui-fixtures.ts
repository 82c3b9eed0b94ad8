/** Builders and a fake API for the mini-program's component tests. */
import type { ApiErrorBody, Community, MeUser } from '@civic/shared'
import Taro from '@tarojs/taro'

export function meUser(overrides: Partial<MeUser> = {}): MeUser {
  return {
    id: 1,
    realName: '张三',
    gender: 'male',
    birthYear: 1990,
    skills: [],
    community: { id: 1, name: '幸福里社区' },
    unit: null,
    phone: '138****5678',
    idNumber: null,
    profileComplete: true,
    roles: { volunteer: true, office: false, organiserOf: [] },
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  }
}

export function community(overrides: Partial<Community> = {}): Community {
  return {
    id: 1,
    name: '幸福里社区',
    street: '城关街道',
    district: '城区',
    residentPopulation: 12000,
    registeredResidents: 35,
    pairedUnits: [],
    ...overrides,
  }
}

export function errorBody(code: string, message: string, details?: ApiErrorBody['error']['details']): ApiErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } }
}

export interface FakeCall {
  method: string
  path: string
  body: unknown
  auth: string | undefined
}

export interface FakeReply {
  status: number
  body?: unknown
}

type Handler = (call: FakeCall) => FakeReply | Promise<FakeReply>

/**
 * Replaces Taro.request: `routes['GET /api/me']` answers that call. Unrouted calls answer 404 in
 * the API's error shape, and every call is recorded.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: FakeCall[] = []
  const spy = jest.spyOn(Taro, 'request').mockImplementation(((opts: Taro.request.Option) => {
    const url = new URL(opts.url, 'http://test.local')
    const header = (opts.header ?? {}) as Record<string, string>
    const call: FakeCall = { method: opts.method ?? 'GET', path: url.pathname, body: opts.data, auth: header.Authorization }
    calls.push(call)
    const handler = routes[`${call.method} ${call.path}`]
    const reply = handler ? handler(call) : { status: 404, body: errorBody('not_found', '请求的内容不存在') }
    return Promise.resolve(reply).then((r) => ({ statusCode: r.status, data: r.body, header: {}, cookies: [], errMsg: 'request:ok' }))
  }) as unknown as typeof Taro.request)
  return { calls, spy }
}

/** Silences and records navigation and toasts (taro-h5 needs a mounted router for these). */
export function stubUi() {
  const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
  const nav = {
    navigateTo: jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never),
    switchTab: jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' }),
    reLaunch: jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' }),
    redirectTo: jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never),
    navigateBack: jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' }),
  }
  return { toast, nav }
}
