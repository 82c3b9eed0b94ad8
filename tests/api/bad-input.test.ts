/**
 * Input the database cannot hold: JSON may escape half a UTF-16 surrogate pair ("\ud83d"), which
 * PostgreSQL's text cannot store. Such bodies are refused with 400 validation_failed naming the
 * field, and nothing is written (found by the fuzz test as a 500).
 */
import { type TestApp, createTestApp } from '../helpers/app'
import { makeCommunity, makeUser } from '../helpers/factories'

describe('ill-formed text', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  test.each([
    ['a lone high surrogate in a list item', (c: number) => `{"realName":"王小明","gender":"female","birthYear":1990,"communityId":${c},"skills":["急救\\ud83d"]}`, 'body.skills.0'],
    ['a lone low surrogate in a name', (c: number) => `{"realName":"王\\ude00明","gender":"female","birthYear":1990,"communityId":${c},"skills":[]}`, 'body.realName'],
  ])('when a profile carries %s, then 400 validation_failed at %s and nothing changes', async (_what, raw, path) => {
    const user = await makeUser(t.db.prisma, { realName: '原名' })
    const community = await makeCommunity(t.db.prisma)
    const res = await t.http
      .put('/api/me/profile')
      .set('Authorization', `Bearer ${await t.tokenFor(user.id)}`)
      .set('Content-Type', 'application/json')
      .send(raw(community.id))

    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.details).toEqual([{ path, message: '含有无法识别的字符' }])
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).realName).toBe('原名')
  })

  test('when a query or a body carries NUL, then 400 validation_failed naming the field', async () => {
    const office = await makeUser(t.db.prisma, { office: true })
    const auth = `Bearer ${await t.tokenFor(office.id)}`
    const query = await t.http.get('/api/users?q=%E7%8E%8B%00').set('Authorization', auth)
    const body = await t.http.post('/api/communities').set('Authorization', auth).set('Content-Type', 'application/json').send('{"name":"东风\\u0000社区"}')

    expect([query.status, query.body.error.code, query.body.error.details]).toEqual([400, 'validation_failed', [{ path: 'query.q', message: '含有无法识别的字符' }]])
    // a field with its own rule for control characters says so in its own words
    expect([body.status, body.body.error.code, body.body.error.details]).toEqual([400, 'validation_failed', [{ path: 'body.name', message: '社区名称含有不可见字符' }]])
    expect(await t.db.prisma.community.count({ where: { name: { startsWith: '东风' } } })).toBe(0)
  })

  test('when a complete surrogate pair (an emoji) is sent, then it is stored and returned intact', async () => {
    const user = await makeUser(t.db.prisma)
    const community = await makeCommunity(t.db.prisma)
    const res = await t.http
      .put('/api/me/profile')
      .set('Authorization', `Bearer ${await t.tokenFor(user.id)}`)
      .set('Content-Type', 'application/json')
      .send(`{"realName":"王小明","gender":"female","birthYear":1990,"communityId":${community.id},"skills":["摄影\\ud83d\\udcf7"]}`)

    expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined })
    expect(JSON.stringify(res.body)).toContain('摄影📷')
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).skills).toEqual(['摄影📷'])
  })
})
