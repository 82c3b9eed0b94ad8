/**
 * WeChat server API client. Its base URL is configuration (`WECHAT_API_BASE`), so tests and
 * local development talk to a local server that speaks the same documented contract.
 */
import { AppError } from '../http/errors'

export interface Code2Session {
  openid: string
  sessionKey: string
  unionid: string | null
}

export interface WechatClient {
  readonly configured: boolean
  code2Session(code: string): Promise<Code2Session>
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>
  getUnlimitedQRCode(args: { scene: string; page: string; checkPath?: boolean; width?: number }): Promise<Buffer>
}

interface Options {
  apiBase: string
  appid: string | null
  secret: string | null
  fetch?: typeof fetch
  timeoutMs?: number
}

type WxError = { errcode?: number; errmsg?: string }

/** Access tokens live 7200 s; refresh a little before. */
const TOKEN_MARGIN_MS = 5 * 60_000

export function createWechatClient(opts: Options): WechatClient {
  const doFetch = opts.fetch ?? fetch
  const base = opts.apiBase.replace(/\/+$/, '')
  const timeoutMs = opts.timeoutMs ?? 5000
  let cached: { token: string; expiresAt: number } | null = null
  let inflight: Promise<string> | null = null

  const requireConfig = () => {
    if (!opts.appid || !opts.secret) throw new AppError('wechat_not_configured')
    return { appid: opts.appid, secret: opts.secret }
  }

  async function call(pathAndQuery: string, init?: RequestInit): Promise<Response> {
    try {
      return await doFetch(`${base}${pathAndQuery}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch {
      throw new AppError('wechat_unavailable')
    }
  }

  async function json<T>(res: Response): Promise<T & WxError> {
    if (!res.ok) throw new AppError('wechat_unavailable')
    try {
      return (await res.json()) as T & WxError
    } catch {
      throw new AppError('wechat_unavailable')
    }
  }

  function loginError(errcode: number): never {
    switch (errcode) {
      case 40029:
      case 40163: // code been used
        throw new AppError('wechat_code_invalid')
      case 45011:
        throw new AppError('wechat_rate_limited')
      case 40226:
        throw new AppError('wechat_high_risk')
      default:
        // -1 system busy, and anything undocumented
        throw new AppError('wechat_unavailable')
    }
  }

  async function fetchAccessToken(forceRefresh: boolean): Promise<string> {
    const { appid, secret } = requireConfig()
    const res = await call('/cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh }),
    })
    const body = await json<{ access_token?: string; expires_in?: number }>(res)
    if (body.errcode || !body.access_token) throw new AppError('wechat_unavailable')
    cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS }
    return body.access_token
  }

  async function accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && cached && cached.expiresAt > Date.now()) return cached.token
    // one refresh at a time: concurrent callers share it
    inflight ??= fetchAccessToken(forceRefresh).finally(() => {
      inflight = null
    })
    return inflight
  }

  /** Calls an access-token API, refreshing the token once if WeChat says it is invalid/expired. */
  async function withToken(run: (token: string) => Promise<Response>): Promise<Response> {
    let res = await run(await accessToken())
    if (res.headers.get('content-type')?.includes('application/json')) {
      const peek = (await res.clone().json().catch(() => ({}))) as WxError
      if (peek.errcode === 40001 || peek.errcode === 42001) {
        cached = null
        res = await run(await accessToken(true))
      }
    }
    return res
  }

  return {
    get configured() {
      return Boolean(opts.appid && opts.secret)
    },

    async code2Session(code) {
      const { appid, secret } = requireConfig()
      const q = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' })
      const body = await json<{ openid?: string; session_key?: string; unionid?: string }>(
        await call(`/sns/jscode2session?${q}`),
      )
      if (body.errcode) loginError(body.errcode)
      if (!body.openid || !body.session_key) throw new AppError('wechat_unavailable')
      return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid ?? null }
    },

    async getPhoneNumber(code) {
      const res = await withToken((token) =>
        call(`/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        }),
      )
      const body = await json<{ phone_info?: { phoneNumber: string; purePhoneNumber: string; countryCode: string } }>(
        res,
      )
      if (body.errcode === 40029 || body.errcode === 40163) throw new AppError('phone_code_invalid')
      if (body.errcode === 45011) throw new AppError('wechat_rate_limited')
      if (body.errcode || !body.phone_info) throw new AppError('wechat_unavailable')
      return body.phone_info
    },

    async getUnlimitedQRCode({ scene, page, checkPath = false, width = 430 }) {
      const res = await withToken((token) =>
        call(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scene, page, check_path: checkPath, width }),
        }),
      )
      if (!res.ok) throw new AppError('wechat_unavailable')
      if (res.headers.get('content-type')?.includes('application/json')) {
        const body = (await res.json().catch(() => ({}))) as WxError
        throw new AppError('wechat_unavailable', undefined, { errcode: body.errcode ?? null })
      }
      return Buffer.from(await res.arrayBuffer())
    },
  }
}
