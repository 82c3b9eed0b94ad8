/**
 * Rate limits: login per IP and per openid, scans per user; 429 `rate_limited` with
 * Retry-After in the standard error shape, nothing written by a refused request. With
 * REDIS_URL two API instances share one budget; with Redis unreachable each instance still
 * limits in memory and keeps answering.
 */
import net from 'node:net'
import { randomBytes } from 'node:crypto'
import sharp from 'sharp'
import supertest from 'supertest'
import { createApp } from '../../server/src/app'
import { limitsOf } from '../../server/src/http/rate-limit'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeVolunteers } from '../helpers/activities'
import { SITE, confirm, runningActivity, tokenFor } from '../helpers/checkin'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL)
  return new Promise((resolve) => {
    const s = net.connect({ host: hostname, port: Number(port || 6379) })
    s.setTimeout(2000)
    s.once('connect', () => (s.end(), resolve(true)))
    s.once('error', () => resolve(false))
    s.once('timeout', () => (s.destroy(), resolve(false)))
  })
}

function expectLimited(res: supertest.Response, maxRetryS: number) {
  expect(res.status).toBe(429)
  expect(res.body.error.code).toBe('rate_limited')
  expect(typeof res.body.error.message).toBe('string')
  const retry = Number(res.headers['retry-after'])
  expect(retry).toBeGreaterThanOrEqual(1)
  expect(retry).toBeLessThanOrEqual(maxRetryS)
  expect(res.body.error.meta.retryAfterS).toBe(retry)
}

describe('rate limits in memory', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ RATE_SCAN_PER_MIN: '3', RATE_LOGIN_IP_PER_MIN: '4', RATE_LOGIN_OPENID_PER_MIN: '2' })
  })
  afterAll(() => t.close())

  test('when a person scans more than 3 times a minute, then the 4th is 429 with Retry-After and writes nothing; another person is not affected', async () => {
    const a = await runningActivity(t.db.prisma)
    const [p1, p2] = await makeVolunteers(t.db.prisma, 2)
    await confirm(t.db.prisma, a.id, [p1.id, p2.id])
    const scan = async (userId: number) =>
      t.http
        .post('/api/attendance/scan')
        .set('Authorization', `Bearer ${await t.tokenFor(userId)}`)
        .send({ token: tokenFor(t, a.id, 'in'), ...SITE })

    const allowed = [await scan(p1.id), await scan(p1.id), await scan(p1.id)]
    const events = await t.db.prisma.attendanceEvent.count()
    const refused = await scan(p1.id)
    const other = await scan(p2.id)

    expect(allowed.map((r) => r.status)).toEqual([200, 200, 200])
    expectLimited(refused, 60)
    expect(await t.db.prisma.attendanceEvent.count()).toBe(events + 1) // only p2's check-in
    expect(other.status).toBe(200)
  })

  test('when one openid logs in more than twice a minute, then 429; a different openid from the same address still logs in', async () => {
    const login = (openid: string) => t.http.post('/api/auth/wechat').send({ code: t.wechat.issueLoginCode(openid) })
    const same = [await login('rl-openid-a'), await login('rl-openid-a'), await login('rl-openid-a')]
    const other = await login('rl-openid-b')

    expect(same.map((r) => r.status)).toEqual([200, 200, 429])
    expectLimited(same[2], 60)
    expect(other.status).toBe(200)
  })

  test('when one address logs in more than 4 times a minute (any openids), then the 5th is 429', async () => {
    // the previous test used 4 of this address's logins: a fresh app keeps the budgets apart
    const fresh = await createTestApp({ RATE_LOGIN_IP_PER_MIN: '4' })
    try {
      const statuses = []
      for (let i = 0; i < 5; i++) {
        const res = await fresh.http.post('/api/auth/wechat').send({ code: fresh.wechat.issueLoginCode(`rl-ip-${i}`) })
        statuses.push(res.status)
        if (i === 4) expectLimited(res, 60)
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429])
      expect(await fresh.db.prisma.user.count({ where: { openid: { startsWith: 'rl-ip-' } } })).toBe(4)
    } finally {
      await fresh.close()
    }
  })
})

describe('upload rate limit', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ RATE_UPLOAD_PER_HOUR: '2' })
  })
  afterAll(() => t.close())

  test('when a person uploads a third photo within the hour (limit 2), then 429 and no third upload is stored', async () => {
    const [p] = await makeVolunteers(t.db.prisma, 1)
    const auth = `Bearer ${await t.tokenFor(p.id)}`
    const photo = (i: number) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: { r: i * 40, g: 10, b: 10 } } }).jpeg().toBuffer()
    const statuses = []
    let last: supertest.Response | undefined
    for (let i = 0; i < 3; i++) {
      last = await t.http.post('/api/uploads').set('Authorization', auth).attach('file', await photo(i), { filename: `p${i}.jpg`, contentType: 'image/jpeg' })
      statuses.push(last.status)
    }

    expect(statuses).toEqual([201, 201, 429])
    expectLimited(last!, 3600)
    expect(await t.db.prisma.upload.count({ where: { ownerId: p.id } })).toBe(2)
  })
})

describe('rate limits shared through Redis', () => {
  let t: TestApp
  let reachable = false
  const prefix = `test${randomBytes(6).toString('hex')}`
  beforeAll(async () => {
    reachable = await redisReachable()
    t = await createTestApp({ RATE_SCAN_PER_MIN: '4', REDIS_URL, REDIS_PREFIX: prefix })
  })
  afterAll(() => t.close())

  test('Redis is running for this suite (start it with the command in the README if not)', () => {
    expect({ redis: REDIS_URL, reachable }).toEqual({ redis: REDIS_URL, reachable: true })
  })

  test('when two API instances serve one person, then they share the budget: 4 scans across both, the 5th refused by either', async () => {
    const second = createApp(t.deps)
    const http2 = supertest(second.callback())
    try {
      expect(limitsOf(second.context).backend).toBe('redis')
      const a = await runningActivity(t.db.prisma)
      const [p] = await makeVolunteers(t.db.prisma, 1)
      await confirm(t.db.prisma, a.id, [p.id])
      const auth = `Bearer ${await t.tokenFor(p.id)}`
      const body = { token: tokenFor(t, a.id, 'in'), ...SITE }
      const statuses = []
      for (const h of [t.http, http2, t.http, http2, http2, t.http]) {
        statuses.push((await h.post('/api/attendance/scan').set('Authorization', auth).send(body)).status)
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429])
    } finally {
      await limitsOf(second.context).close()
    }
  })
})

describe('rate limits when Redis is unreachable', () => {
  let t: TestApp
  beforeAll(async () => {
    // a port nothing listens on
    const probe = net.createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as net.AddressInfo).port
    await new Promise((r) => probe.close(r))
    t = await createTestApp({ RATE_SCAN_PER_MIN: '2', REDIS_URL: `redis://127.0.0.1:${port}` })
  })
  afterAll(() => t.close())

  test('when Redis cannot be reached, then requests are still answered and limited per instance in memory', async () => {
    const a = await runningActivity(t.db.prisma)
    const [p] = await makeVolunteers(t.db.prisma, 1)
    await confirm(t.db.prisma, a.id, [p.id])
    const auth = `Bearer ${await t.tokenFor(p.id)}`
    const body = { token: tokenFor(t, a.id, 'in'), ...SITE }
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await t.http.post('/api/attendance/scan').set('Authorization', auth).send(body)).status)

    expect(statuses).toEqual([200, 200, 429])
  })
})
