/**
 * A local server speaking WeChat's documented server-API contract, for tests and local
 * development (`npm run wechat:fake`). Nothing here reaches WeChat.
 *
 * - GET  /sns/jscode2session                 (login code → openid, session_key, unionid)
 * - GET  /cgi-bin/token, POST /cgi-bin/stable_token   (access_token, expires_in 7200)
 * - POST /wxa/business/getuserphonenumber    (phone code → phone_info)
 * - POST /wxa/getwxacodeunlimit              (scene ≤ 32 chars → PNG)
 *
 * Codes are issued with `issueLoginCode(openid)` / `issuePhoneCode(phone)` (what wx.login and
 * the getPhoneNumber button would hand the mini-program), are single-use and expire in 5 min.
 * Fixed codes answer WeChat's documented errors: `invalid-code` 40029, `rate-limited` 45011,
 * `high-risk` 40226, `busy` -1.
 */
import { createHash, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { deflateSync } from 'node:zlib'

export interface FakeWechatOptions {
  appid: string
  secret: string
  /** openid for codes the fake never issued (a real wx.login in DevTools); default: refuse with 40029 */
  fallbackOpenid?: string
  /** access token lifetime in seconds (default 7200) */
  tokenTtl?: number
}

export interface FakeWechat {
  url: string
  issueLoginCode(openid: string, opts?: { unionid?: string }): string
  issuePhoneCode(phone: string): string
  /** every request received, for assertions */
  calls: Array<{ method: string; path: string; query: Record<string, string>; body: unknown }>
  /** access tokens issued so far */
  tokensIssued: number
  /** invalidates every access token (as WeChat does when another client refreshes it) */
  revokeTokens(): void
  close(): Promise<void>
}

const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const CODE_TTL_MS = 5 * 60_000

export async function startFakeWechat(opts: FakeWechatOptions, port = 0, host = '127.0.0.1'): Promise<FakeWechat> {
  const loginCodes = new Map<string, { openid: string; unionid?: string; expiresAt: number }>()
  const usedCodes = new Set<string>()
  const phoneCodes = new Map<string, { phone: string; expiresAt: number }>()
  const tokens = new Map<string, number>()
  const tokenTtl = opts.tokenTtl ?? 7200
  let current: { token: string; expiresAt: number } | null = null

  const fake: FakeWechat = {
    url: '',
    calls: [],
    tokensIssued: 0,
    issueLoginCode(openid, o) {
      const code = `0${randomBytes(15).toString('hex')}`
      loginCodes.set(code, { openid, unionid: o?.unionid, expiresAt: Date.now() + CODE_TTL_MS })
      return code
    },
    issuePhoneCode(phone) {
      const code = `p${randomBytes(15).toString('hex')}`
      phoneCodes.set(code, { phone, expiresAt: Date.now() + CODE_TTL_MS })
      return code
    },
    revokeTokens() {
      tokens.clear()
      current = null
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }

  const issueToken = (force: boolean) => {
    if (!force && current && current.expiresAt > Date.now()) return current
    const token = `ACCESS_${randomBytes(24).toString('hex')}`
    current = { token, expiresAt: Date.now() + tokenTtl * 1000 }
    tokens.set(token, current.expiresAt)
    fake.tokensIssued += 1
    return current
  }

  const tokenValid = (token: string | undefined) => {
    const exp = token ? tokens.get(token) : undefined
    return exp !== undefined && exp > Date.now()
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const query = Object.fromEntries(url.searchParams)
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    let body: Record<string, unknown> = {}
    if (chunks.length) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return send(res, { errcode: 47001, errmsg: 'data format error' })
      }
    }
    fake.calls.push({ method: req.method ?? 'GET', path: url.pathname, query, body })

    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return jscode2session(res, query)
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (query.grant_type !== 'client_credential') return send(res, { errcode: 40002, errmsg: 'invalid grant_type' })
      return credentialed(res, query.appid, query.secret, false)
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      if (body.grant_type !== 'client_credential') return send(res, { errcode: 40002, errmsg: 'invalid grant_type' })
      return credentialed(res, String(body.appid ?? ''), String(body.secret ?? ''), body.force_refresh === true)
    }
    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      if (!tokenValid(query.access_token)) return send(res, { errcode: 40001, errmsg: 'invalid credential' })
      const entry = phoneCodes.get(String(body.code ?? ''))
      if (!entry || entry.expiresAt < Date.now()) return send(res, { errcode: 40029, errmsg: 'invalid code' })
      phoneCodes.delete(String(body.code))
      return send(res, {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: entry.phone,
          purePhoneNumber: entry.phone,
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: opts.appid },
        },
      })
    }
    if (req.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') {
      if (!tokenValid(query.access_token)) return send(res, { errcode: 40001, errmsg: 'invalid credential' })
      const scene = String(body.scene ?? '')
      if (!SCENE_RE.test(scene)) return send(res, { errcode: 40129, errmsg: 'invalid scene' })
      const page = body.page == null ? '' : String(body.page)
      if (page.startsWith('/') || page.length > 200) return send(res, { errcode: 41030, errmsg: 'invalid page' })
      res.writeHead(200, { 'content-type': 'image/png' })
      return res.end(scenePng(scene))
    }
    send(res, { errcode: 40066, errmsg: 'invalid url' }, 404)
  })

  function credentialed(res: http.ServerResponse, appid: string | undefined, secret: string | undefined, force: boolean) {
    if (appid !== opts.appid) return send(res, { errcode: 40013, errmsg: 'invalid appid' })
    if (secret !== opts.secret) return send(res, { errcode: 40125, errmsg: 'invalid appsecret' })
    const t = issueToken(force)
    return send(res, { access_token: t.token, expires_in: Math.round((t.expiresAt - Date.now()) / 1000) })
  }

  function jscode2session(res: http.ServerResponse, q: Record<string, string>) {
    if (q.appid !== opts.appid) return send(res, { errcode: 40013, errmsg: 'invalid appid' })
    if (q.secret !== opts.secret) return send(res, { errcode: 40125, errmsg: 'invalid appsecret' })
    if (q.grant_type !== 'authorization_code') return send(res, { errcode: 40002, errmsg: 'invalid grant_type' })
    const code = q.js_code ?? ''
    if (code === 'rate-limited') return send(res, { errcode: 45011, errmsg: 'api minute-quota reach limit' })
    if (code === 'high-risk') return send(res, { errcode: 40226, errmsg: 'code blocked' })
    if (code === 'busy') return send(res, { errcode: -1, errmsg: 'system error' })
    if (usedCodes.has(code)) return send(res, { errcode: 40163, errmsg: 'code been used' })
    let entry = loginCodes.get(code)
    if (!entry && opts.fallbackOpenid && code && code !== 'invalid-code') {
      entry = { openid: opts.fallbackOpenid, expiresAt: Date.now() + CODE_TTL_MS }
    }
    if (!entry || entry.expiresAt < Date.now()) return send(res, { errcode: 40029, errmsg: 'invalid code' })
    loginCodes.delete(code)
    usedCodes.add(code)
    const sessionKey = createHash('sha256').update(`${entry.openid}:${code}`).digest().subarray(0, 16).toString('base64')
    send(res, { openid: entry.openid, session_key: sessionKey, ...(entry.unionid ? { unionid: entry.unionid } : {}) })
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const addr = server.address() as AddressInfo
  fake.url = `http://${host}:${addr.port}`
  return fake
}

function send(res: http.ServerResponse, body: unknown, status = 200) {
  // WeChat answers errors with HTTP 200 and an errcode in the body
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

/** A small valid PNG whose pixels encode the scene's hash (enough to tell codes apart). */
function scenePng(scene: string): Buffer {
  const size = 16
  const digest = createHash('sha256').update(scene).digest()
  const raw = Buffer.alloc((size + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0
    for (let x = 0; x < size; x++) {
      const bit = (digest[(y * size + x) >> 3 & 31] >> (x & 7)) & 1
      raw[y * (size + 1) + 1 + x] = bit ? 0 : 255
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td) >>> 0)
    return Buffer.concat([len, td, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c
}
