/**
 * Logging in (WeChat code → our own session token, dev login) and the session token itself,
 * against the fake WeChat server. session_key never leaves the server.
 */
import { createHash } from 'node:crypto'
import { SignJWT } from 'jose'
import supertest from 'supertest'
import { createApp } from '../../server/src/app'
import { createWechatClient } from '../../server/src/wechat/client'
import { type TestApp, WECHAT_APPID, WECHAT_SECRET, createTestApp } from '../helpers/app'
import { makeUser } from '../helpers/factories'

/** The session_key the fake answers for a code (sha256(openid:code), 16 bytes, base64). */
const fakeSessionKey = (openid: string, code: string) =>
  createHash('sha256').update(`${openid}:${code}`).digest().subarray(0, 16).toString('base64')

const uniq = () => Math.random().toString(36).slice(2, 10)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('POST /api/auth/wechat', () => {
  test('when a fresh wx.login code is sent, then the user is created and the token works on GET /api/me', async () => {
    // Arrange
    const openid = `o-abc-${uniq()}`
    const code = t.wechat.issueLoginCode(openid)

    // Act
    const login = await t.http.post('/api/auth/wechat').send({ code })

    // Assert
    expect(login.status).toBe(200)
    expect(login.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String), user: expect.any(Object) })
    expect(login.body.user).toMatchObject({ realName: null, profileComplete: false, roles: { volunteer: true, office: false, organiserOf: [] } })
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { openid } })
    expect(login.body.user.id).toBe(row.id)
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.token}`)
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(row.id)
  })

  test('when the same person logs in again with a new code, then the same user is returned and no second row is made', async () => {
    const openid = `o-abc-${uniq()}`
    const first = await t.http.post('/api/auth/wechat').send({ code: t.wechat.issueLoginCode(openid) })

    const second = await t.http.post('/api/auth/wechat').send({ code: t.wechat.issueLoginCode(openid) })

    expect(second.status).toBe(200)
    expect(second.body.user.id).toBe(first.body.user.id)
    expect(await t.db.prisma.user.count({ where: { openid } })).toBe(1)
  })

  test('when WeChat returns a unionid, then it is stored with the user', async () => {
    const openid = `o-union-${uniq()}`

    const res = await t.http.post('/api/auth/wechat').send({ code: t.wechat.issueLoginCode(openid, { unionid: 'u-123' }) })

    expect(res.status).toBe(200)
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { openid } })).unionid).toBe('u-123')
  })

  test('when logging in, then the session_key is stored encrypted and appears in no response body and no log line', async () => {
    const openid = `o-key-${uniq()}`
    const code = t.wechat.issueLoginCode(openid)
    const sessionKey = fakeSessionKey(openid, code)

    const login = await t.http.post('/api/auth/wechat').send({ code })
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.token}`)

    expect(login.status).toBe(200)
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { openid } })
    expect(row.sessionKeyEnc).not.toBeNull()
    expect(row.sessionKeyEnc).not.toContain(sessionKey)
    expect(t.deps.cipher.decrypt(row.sessionKeyEnc!)).toBe(sessionKey)
    expect(JSON.stringify(login.body)).not.toContain(sessionKey)
    expect(JSON.stringify(me.body)).not.toContain(sessionKey)
    expect(t.logText()).not.toContain(sessionKey)
    expect(t.logText()).not.toContain(code)
    expect(t.logText()).not.toContain(login.body.token)
  })

  test('when logging in, then the fake WeChat received our appid, secret, the code and grant_type=authorization_code', async () => {
    const code = t.wechat.issueLoginCode(`o-call-${uniq()}`)

    await t.http.post('/api/auth/wechat').send({ code })

    const call = t.wechat.calls.find((c) => c.path === '/sns/jscode2session' && c.query.js_code === code)
    expect(call).toMatchObject({
      method: 'GET',
      query: { appid: WECHAT_APPID, secret: WECHAT_SECRET, js_code: code, grant_type: 'authorization_code' },
    })
  })

  test('when the same code is sent twice, then the second answers 400 wechat_code_invalid', async () => {
    const code = t.wechat.issueLoginCode(`o-twice-${uniq()}`)
    const first = await t.http.post('/api/auth/wechat').send({ code })

    const second = await t.http.post('/api/auth/wechat').send({ code })

    expect(first.status).toBe(200)
    expect(second.status).toBe(400)
    expect(second.body.error.code).toBe('wechat_code_invalid')
  })

  test.each([
    ['invalid-code', 400, 'wechat_code_invalid'],
    ['rate-limited', 429, 'wechat_rate_limited'],
    ['high-risk', 403, 'wechat_high_risk'],
    ['busy', 503, 'wechat_unavailable'],
    ['never-issued-code', 400, 'wechat_code_invalid'],
  ])('when WeChat answers the code %p with an error, then %p %s with a Chinese message and no user is created', async (code, status, errorCode) => {
    const before = await t.db.prisma.user.count()

    const res = await t.http.post('/api/auth/wechat').send({ code })

    expect(res.status).toBe(status)
    expect(res.body).toEqual({ error: { code: errorCode, message: expect.stringMatching(/[\u4e00-\u9fff]/) } })
    expect(await t.db.prisma.user.count()).toBe(before)
  })

  test('when the code is blank, then 400 validation_failed with a Chinese detail', async () => {
    const res = await t.http.post('/api/auth/wechat').send({ code: '  ' })

    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.details).toEqual([{ path: 'body.code', message: '缺少微信登录凭证' }])
  })

  test('when a disabled user logs in with a valid code, then 403 user_disabled and no token', async () => {
    const user = await makeUser(t.db.prisma)
    await t.db.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } })

    const res = await t.http.post('/api/auth/wechat').send({ code: t.wechat.issueLoginCode(user.openid) })

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('user_disabled')
    expect(res.body.token).toBeUndefined()
  })

  test('when WeChat cannot be reached, then 503 wechat_unavailable', async () => {
    // the harness points the WeChat client at its fake whatever WECHAT_API_BASE says, so the
    // app is wired here with a client aimed at a closed port (the discard port on loopback)
    const unreachable = createApp({
      ...t.deps,
      wechat: createWechatClient({ apiBase: 'http://127.0.0.1:9', appid: WECHAT_APPID, secret: WECHAT_SECRET, timeoutMs: 2000 }),
    })

    const res = await supertest(unreachable.callback()).post('/api/auth/wechat').send({ code: 'anything' })

    expect(res.status).toBe(503)
    expect(res.body.error.code).toBe('wechat_unavailable')
  })
})

describe('POST /api/auth/dev', () => {
  test('when the dev login is on, then an openid logs in as a plain volunteer', async () => {
    const openid = `dev-${uniq()}`

    const res = await t.http.post('/api/auth/dev').send({ openid })

    expect(res.status).toBe(200)
    expect(res.body.user.roles).toEqual({ volunteer: true, office: false, organiserOf: [] })
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { openid } })
    expect(row).toMatchObject({ id: res.body.user.id, isOffice: false, sessionKeyEnc: null })
    expect(await t.db.prisma.organiserRole.count({ where: { userId: row.id } })).toBe(0)
  })

  test('when the same openid logs in twice, then it is the same user', async () => {
    const openid = `dev-${uniq()}`
    const first = await t.http.post('/api/auth/dev').send({ openid })

    const second = await t.http.post('/api/auth/dev').send({ openid })

    expect(second.body.user.id).toBe(first.body.user.id)
  })

  test('when the openid has characters outside [A-Za-z0-9_-], then 400 validation_failed', async () => {
    const res = await t.http.post('/api/auth/dev').send({ openid: 'a b' })

    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
  })

  test('when AUTH_DEV_LOGIN=0, then the dev login and the demo user list answer 404 and create nobody', async () => {
    const off = await createTestApp({ AUTH_DEV_LOGIN: '0' })
    try {
      const login = await off.http.post('/api/auth/dev').send({ openid: 'dev-off' })
      const users = await off.http.get('/api/auth/dev/users')

      expect(login.status).toBe(404)
      expect(login.body.error.code).toBe('not_found')
      expect(users.status).toBe(404)
      expect(await off.db.prisma.user.count({ where: { openid: 'dev-off' } })).toBe(0)
    } finally {
      await off.close()
    }
  })
})

describe('session tokens', () => {
  const sign = (secret: Uint8Array, claims: { sub: string; iss?: string; aud?: string; exp: number }) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(claims.iss ?? 'civic-points')
      .setAudience(claims.aud ?? 'civic-points-api')
      .setIssuedAt(claims.exp - 3600)
      .setExpirationTime(claims.exp)
      .sign(secret)
  const now = () => Math.floor(Date.now() / 1000)
  const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')

  test('when a token made the same way as the server does is sent, then it is accepted (control for the cases below)', async () => {
    const user = await makeUser(t.db.prisma)
    const token = await sign(t.deps.config.sessionSecret, { sub: String(user.id), exp: now() + 600 })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(200)
    expect(res.body.user.id).toBe(user.id)
  })

  test('when no Authorization header is sent, then 401 unauthorized', async () => {
    const res = await t.http.get('/api/me')

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test.each([
    ['garbage', 'Bearer garbage'],
    ['a non-Bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['a token with spaces', 'Bearer a b c'],
  ])('when the header is %s, then 401 unauthorized', async (_what, header) => {
    const res = await t.http.get('/api/me').set('Authorization', header)

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test('when a token is signed with another secret, then 401 unauthorized', async () => {
    const user = await makeUser(t.db.prisma)
    const token = await sign(new TextEncoder().encode('another-secret-of-at-least-thirty-two-chars'), {
      sub: String(user.id),
      exp: now() + 600,
    })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test('when a token has expired, then 401 session_expired', async () => {
    const user = await makeUser(t.db.prisma)
    const token = await sign(t.deps.config.sessionSecret, { sub: String(user.id), exp: now() - 60 })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('session_expired')
  })

  test('when an expired token is signed with another secret, then 401 unauthorized, not session_expired', async () => {
    const user = await makeUser(t.db.prisma)
    const token = await sign(new TextEncoder().encode('another-secret-of-at-least-thirty-two-chars'), {
      sub: String(user.id),
      exp: now() - 60,
    })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test('when a token says alg "none" with no signature, then 401 unauthorized', async () => {
    const user = await makeUser(t.db.prisma)
    const payload = { sub: String(user.id), iss: 'civic-points', aud: 'civic-points-api', iat: now(), exp: now() + 600 }
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test.each([
    ['another issuer', { iss: 'someone-else' }],
    ['another audience', { aud: 'another-api' }],
  ])('when a correctly signed token has %s, then 401 unauthorized', async (_what, claims) => {
    const user = await makeUser(t.db.prisma)
    const token = await sign(t.deps.config.sessionSecret, { sub: String(user.id), exp: now() + 600, ...claims })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test.each([['not-a-number'], ['0'], ['-5'], ['1.5']])('when a correctly signed token has subject %p, then 401 unauthorized', async (sub) => {
    const token = await sign(t.deps.config.sessionSecret, { sub, exp: now() + 600 })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(401)
  })

  test('when the token belongs to a user that no longer exists, then 401 unauthorized', async () => {
    const user = await makeUser(t.db.prisma)
    const token = await t.tokenFor(user.id)
    await t.db.prisma.user.delete({ where: { id: user.id } })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test('when the user was disabled after the token was issued, then 403 user_disabled', async () => {
    const user = await makeUser(t.db.prisma)
    const token = await t.tokenFor(user.id)
    await t.db.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } })

    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`)

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('user_disabled')
  })

  test('when a volunteer calls an office route, then 403 forbidden', async () => {
    const user = await makeUser(t.db.prisma)

    const res = await t.http.get('/api/communities').set('Authorization', `Bearer ${await t.tokenFor(user.id)}`)

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
  })
})
