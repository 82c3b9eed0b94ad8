import { type TestApp, createTestApp } from '../helpers/app'

describe('health and the error shape', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  test('when the database answers, then /api/health is 200 ok', async () => {
    const res = await t.http.get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: 'ok' })
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('when an unknown API path is called, then 404 in the standard shape', async () => {
    const res = await t.http.get('/api/nope')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })

  test('when a known path is called with the wrong method, then 405 in the standard shape', async () => {
    const res = await t.http.delete('/api/health')
    expect(res.status).toBe(405)
    expect(res.body.error.code).toBe('method_not_allowed')
  })

  test('when the body is malformed JSON, then 400 invalid_json', async () => {
    const res = await t.http.post('/api/auth/dev').set('Content-Type', 'application/json').send('{"openid": ')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_json')
  })

  test('when the body is not JSON, then 415', async () => {
    const res = await t.http.post('/api/auth/dev').set('Content-Type', 'text/plain').send('openid=x')
    expect(res.status).toBe(415)
    expect(res.body.error.code).toBe('unsupported_media_type')
  })

  test('when the body is larger than the limit, then 413', async () => {
    const res = await t.http
      .post('/api/auth/dev')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ openid: 'x', pad: 'y'.repeat(400 * 1024) }))
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  test('when the database is closed, then /api/health is 503 and API calls answer database_unavailable', async () => {
    const broken = await createTestApp()
    await broken.db.close()
    const health = await broken.http.get('/api/health')
    expect(health.status).toBe(503)
    expect(health.body).toEqual({ status: 'degraded', database: 'unavailable' })
    const login = await broken.http.post('/api/auth/dev').send({ openid: 'someone' })
    expect(login.status).toBe(503)
    expect(login.body.error.code).toBe('database_unavailable')
    await broken.db.prisma.$disconnect()
    await broken.wechat.close()
  })
})
