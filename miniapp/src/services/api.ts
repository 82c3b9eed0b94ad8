/**
 * The only caller of Taro.request, Taro.uploadFile and Taro.downloadFile. Attaches the session token, turns every
 * non-2xx answer into an ApiError (built from the shared ApiErrorBody), and on a 401 logs in
 * again once, silently, and retries the request once.
 */
import Taro from '@tarojs/taro'
import { ERRORS, type ApiErrorBody, type ErrorCode, type LoginResponse } from '@civic/shared'
import { ROUTES } from './routes'
import { clearSession, getDemoOpenid, getToken, saveSession } from './session'

export const API_BASE: string = process.env.TARO_APP_API_BASE ?? ''

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type Query = Record<string, string | number | boolean | null | undefined>
type ErrorDetail = NonNullable<ApiErrorBody['error']['details']>[number]

/** Codes the client itself produces, besides the server's ErrorCode. */
export type ClientErrorCode = 'network_error' | 'wechat_login_failed' | 'http_error'

/** The part of the request a validation detail names first (the server's `details[].path`). */
const WHERE = ['body', 'query', 'params']

export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode | (string & {})
  readonly status: number
  readonly details: ErrorDetail[]
  readonly meta: Record<string, unknown> | undefined

  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.details = body.details ?? []
    this.meta = body.meta
  }

  /**
   * Field messages keyed by the field's name: the server says where (`body.endAt`, `query.page`),
   * a form wants `endAt`; nested paths (`a.b`) count for their first field.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const d of this.details) {
      const parts = String(d.path).split('.')
      const key = parts.length > 1 && WHERE.includes(parts[0]) ? parts[1] : parts[0]
      if (key && !out[key]) out[key] = d.message
    }
    return out
  }
}

export function isApiErrorBody(data: unknown): data is ApiErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false
  const error = (data as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/** An answer that is not our error shape (a proxy page, an empty body): still a Chinese message. */
function fallbackError(status: number): ApiError {
  if (status === 401) return new ApiError(status, { code: 'unauthorized', message: ERRORS.unauthorized.message })
  if (status === 403) return new ApiError(status, { code: 'forbidden', message: ERRORS.forbidden.message })
  if (status === 404) return new ApiError(status, { code: 'not_found', message: ERRORS.not_found.message })
  if (status >= 500) return new ApiError(status, { code: 'internal_error', message: ERRORS.internal_error.message })
  return new ApiError(status, { code: 'http_error', message: `请求失败（${status}），请稍后再试` })
}

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试'

function queryString(query: Query | undefined): string {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** Whatever came back before we know whether it is T or an ApiErrorBody. */
type RawBody = string | ArrayBuffer | TaroGeneral.IAnyObject

interface SendOptions {
  body?: unknown
  query?: Query
  token?: string | null
}

/** One HTTP exchange, no retry. */
async function send<T>(method: HttpMethod, path: string, opts: SendOptions = {}): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' }
  if (opts.body !== undefined) header['Content-Type'] = 'application/json'
  if (opts.token) header.Authorization = `Bearer ${opts.token}`
  let res: Taro.request.SuccessCallbackResult<RawBody>
  try {
    res = await Taro.request<RawBody>({
      url: `${API_BASE}${path}${queryString(opts.query)}`,
      method,
      header,
      data: opts.body as Taro.request.Option['data'],
      dataType: 'json',
      timeout: 15_000,
    })
  } catch {
    throw new ApiError(0, { code: 'network_error', message: NETWORK_ERROR_MESSAGE })
  }
  const status = res.statusCode
  if (status >= 200 && status < 300) return res.data as T
  throw isApiErrorBody(res.data) ? new ApiError(status, res.data.error) : fallbackError(status)
}

// ---- sessions -------------------------------------------------------------------------------

/** weapp: wx.login → POST /api/auth/wechat. */
export async function loginWithWechat(): Promise<LoginResponse> {
  let code: string
  try {
    code = (await Taro.login()).code
  } catch {
    throw new ApiError(0, { code: 'wechat_login_failed', message: '微信登录失败，请稍后重试' })
  }
  const login = await send<LoginResponse>('POST', '/api/auth/wechat', { body: { code } })
  saveSession(login)
  return login
}

/** H5 demo login (the server's dev login): POST /api/auth/dev. */
export async function loginAsDemo(openid: string): Promise<LoginResponse> {
  const login = await send<LoginResponse>('POST', '/api/auth/dev', { body: { openid } })
  saveSession(login, openid)
  return login
}

function goToLogin(): void {
  const pages = Taro.getCurrentPages()
  const current = pages.length ? `/${pages[pages.length - 1].route ?? ''}` : ''
  if (!current.startsWith(ROUTES.login)) void Taro.reLaunch({ url: ROUTES.login })
}

/** Renews the session without asking the user. Resolves false when that is impossible. */
async function silentLogin(): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp') {
    await loginWithWechat()
    return true
  }
  const openid = getDemoOpenid()
  if (!openid) return false
  await loginAsDemo(openid)
  return true
}

let pendingLogin: Promise<boolean> | null = null

/** Concurrent 401s share one re-login. */
function reloginOnce(): Promise<boolean> {
  if (!pendingLogin) {
    pendingLogin = silentLogin().finally(() => {
      pendingLogin = null
    })
  }
  return pendingLogin
}

async function renewOrGiveUp(original: ApiError): Promise<void> {
  let renewed: boolean
  try {
    renewed = await reloginOnce()
  } catch (e) {
    clearSession()
    goToLogin()
    throw e
  }
  if (!renewed) {
    clearSession()
    goToLogin()
    throw original
  }
}

/** Runs `call` with the session token; on 401 one silent re-login and one retry. */
async function withSession<T>(call: (token: string | null) => Promise<T>): Promise<T> {
  try {
    return await call(getToken())
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e
    await renewOrGiveUp(e)
    return call(getToken())
  }
}

/** An authenticated API call: token attached; on 401 one silent re-login and one retry. */
export function request<T>(method: HttpMethod, path: string, opts: Omit<SendOptions, 'token'> = {}): Promise<T> {
  return withSession((token) => send<T>(method, path, { ...opts, token }))
}

// ---- binary downloads (images) --------------------------------------------------------------

/** An error answer read back as text (the downloaded file, or the fetch body). */
function errorFromText(status: number, text: string | undefined): ApiError {
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return isApiErrorBody(body) ? new ApiError(status, body.error) : fallbackError(status)
}

const networkError = () => new ApiError(0, { code: 'network_error', message: NETWORK_ERROR_MESSAGE })

/** H5: fetch → a blob: URL. */
async function fetchBlobUrl(url: string, headers: Record<string, string>): Promise<string> {
  let res: Response
  try {
    res = await fetch(url, { headers })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw errorFromText(res.status, await res.text().catch(() => undefined))
  return URL.createObjectURL(await res.blob())
}

/** weapp: what a downloaded error answer says (the temp file holds the JSON body). */
function readText(filePath: string): string | undefined {
  try {
    return String(Taro.getFileSystemManager().readFileSync(filePath, 'utf8'))
  } catch {
    return undefined
  }
}

/** One binary GET, no retry. weapp: a temporary file path; H5: a blob: URL. */
function fetchFile(path: string, token: string | null): Promise<string> {
  const url = `${API_BASE}${path}`
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  if (process.env.TARO_ENV === 'h5') return fetchBlobUrl(url, header)
  // (promise callbacks, not async/await: this file is in the main package, every byte counts)
  return Taro.downloadFile({ url, header }).then(
    (res) => {
      if (res.statusCode >= 200 && res.statusCode < 300) return res.tempFilePath
      throw errorFromText(res.statusCode, readText(res.tempFilePath))
    },
    () => {
      throw networkError()
    },
  )
}

/**
 * An authenticated download of a binary answer (a PNG): a local address an <Image> can show and
 * previewImage can save (weapp: Taro.downloadFile → temp file; H5: fetch → blob: URL).
 * Error answers become ApiError like any request.
 */
export function download(path: string): Promise<string> {
  return withSession((token) => fetchFile(path, token))
}

// ---- uploads (photos) -----------------------------------------------------------------------

/** One multipart upload of a local file (field `file`), no retry; `onProgress` gets 0–100. */
function sendFile<T>(path: string, filePath: string, token: string | null, onProgress?: (percent: number) => void): Promise<T> {
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  const task = Taro.uploadFile({ url: `${API_BASE}${path}`, filePath, name: 'file', header })
  if (onProgress) task.progress((p) => onProgress(p.progress))
  // promise chains, not async/await: this module is in the main package (see fetchFile)
  return task.then(
    (res) => {
      if (res.statusCode < 200 || res.statusCode >= 300) throw errorFromText(res.statusCode, res.data)
      return JSON.parse(res.data) as T
    },
    () => {
      throw networkError()
    },
  )
}

/** An authenticated upload (Taro.uploadFile): the same token, errors and 401 retry as `request`. */
export function upload<T>(path: string, filePath: string, onProgress?: (percent: number) => void): Promise<T> {
  return withSession((token) => sendFile<T>(path, filePath, token, onProgress))
}

/** A call that needs no session (health, demo user list). */
export function publicRequest<T>(method: HttpMethod, path: string, opts: Omit<SendOptions, 'token'> = {}): Promise<T> {
  return send<T>(method, path, opts)
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
}
