/**
 * The caller's own record: profile (community and/or unit, optional ID number with consent) and
 * phone binding through WeChat. Phone and ID numbers are stored encrypted, shown masked, and
 * never appear in a response body or a log line.
 */
import supertest from 'supertest'
import { createApp } from '../../server/src/app'
import { createWechatClient } from '../../server/src/wechat/client'
import { startFakeWechat } from '../../server/src/wechat/fake-server'
import { type TestApp, WECHAT_APPID, WECHAT_SECRET, createTestApp } from '../helpers/app'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('PUT /api/me/profile', () => {
  const newcomer = async () => {
    const user = await makeUser(t.db.prisma, { profile: false })
    return { user, auth: `Bearer ${await t.tokenFor(user.id)}` }
  }
  const profile = { realName: '李四', gender: 'female', birthYear: 1985, skills: ['急救', '摄影'] }

  test('when a resident fills the profile with a community, then it is saved and shown complete', async () => {
    // Arrange
    const community = await makeCommunity(t.db.prisma)
    const { user, auth } = await newcomer()

    // Act
    const res = await t.http.put('/api/me/profile').set('Authorization', auth).send({ ...profile, communityId: community.id })

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({
      id: user.id,
      realName: '李四',
      gender: 'female',
      birthYear: 1985,
      skills: ['急救', '摄影'],
      community: { id: community.id, name: community.name },
      unit: null,
      idNumber: null,
      profileComplete: true,
    })
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ realName: '李四', communityId: community.id, unitId: null })
    expect(row.profileCompletedAt).toBeInstanceOf(Date)
  })

  test('when unit staff fill the profile with a unit, then the unit is saved', async () => {
    const unit = await makeUnit(t.db.prisma)
    const { user, auth } = await newcomer()

    const res = await t.http.put('/api/me/profile').set('Authorization', auth).send({ ...profile, unitId: unit.id })

    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ community: null, unit: { id: unit.id, name: unit.name }, profileComplete: true })
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).unitId).toBe(unit.id)
  })

  test('when someone is both a resident and unit staff, then both are saved and GET /api/me shows both', async () => {
    const community = await makeCommunity(t.db.prisma)
    const unit = await makeUnit(t.db.prisma)
    const { auth } = await newcomer()

    const res = await t.http
      .put('/api/me/profile')
      .set('Authorization', auth)
      .send({ ...profile, communityId: community.id, unitId: unit.id })
    const me = await t.http.get('/api/me').set('Authorization', auth)

    expect(res.status).toBe(200)
    expect(me.body.user.community).toEqual({ id: community.id, name: community.name })
    expect(me.body.user.unit).toEqual({ id: unit.id, name: unit.name })
  })

  test('when neither community nor unit is given, then 400 validation_failed with details and nothing is saved', async () => {
    const { user, auth } = await newcomer()

    const res = await t.http.put('/api/me/profile').set('Authorization', auth).send(profile)

    expect(res.status).toBe(400)
    expect(res.body.error).toEqual({
      code: 'validation_failed',
      message: expect.any(String),
      details: [{ path: 'body.communityId', message: '请选择所在社区或所在单位' }],
    })
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.realName).toBeNull()
    expect(row.profileCompletedAt).toBeNull()
  })

  test('when the community does not exist, then 404 community_not_found and the existing profile is unchanged', async () => {
    const home = await makeCommunity(t.db.prisma)
    const user = await makeUser(t.db.prisma, { realName: '王五', communityId: home.id })
    const auth = `Bearer ${await t.tokenFor(user.id)}`

    const res = await t.http.put('/api/me/profile').set('Authorization', auth).send({ ...profile, communityId: 2_000_000_000 })

    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('community_not_found')
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ realName: '王五', communityId: home.id, updatedAt: user.updatedAt })
  })

  test('when the unit does not exist, then 404 unit_not_found and nothing is saved', async () => {
    const { user, auth } = await newcomer()

    const res = await t.http.put('/api/me/profile').set('Authorization', auth).send({ ...profile, unitId: 2_000_000_000 })

    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('unit_not_found')
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).profileCompletedAt).toBeNull()
  })

  test('when an ID number is sent without consent, then 400 on idConsent and nothing is stored', async () => {
    const community = await makeCommunity(t.db.prisma)
    const { user, auth } = await newcomer()
    const idNumber = '110101199003071233'

    const res = await t.http
      .put('/api/me/profile')
      .set('Authorization', auth)
      .send({ ...profile, communityId: community.id, idNumber })

    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.details).toEqual([{ path: 'body.idConsent', message: '填写身份证号需要先勾选同意' }])
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ idNumberEnc: null, idNumberHash: null, idConsentAt: null, profileCompletedAt: null })
    expect(JSON.stringify(res.body)).not.toContain(idNumber)
    expect(t.logText()).not.toContain(idNumber)
  })

  test('when an ID number is sent with consent, then it is stored encrypted with its keyed hash and shown masked', async () => {
    const community = await makeCommunity(t.db.prisma)
    const { user, auth } = await newcomer()
    const idNumber = '44030419850101118X'

    const res = await t.http
      .put('/api/me/profile')
      .set('Authorization', auth)
      .send({ ...profile, communityId: community.id, idNumber: '44030419850101118x', idConsent: true })
    const me = await t.http.get('/api/me').set('Authorization', auth)

    expect(res.status).toBe(200)
    expect(res.body.user.idNumber).toBe('4403**********118X')
    expect(me.body.user.idNumber).toBe('4403**********118X')
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.idNumberEnc).not.toBeNull()
    expect(row.idNumberEnc).not.toContain(idNumber)
    expect(t.deps.cipher.decrypt(row.idNumberEnc!)).toBe(idNumber)
    expect(row.idNumberHash).toBe(t.deps.cipher.hash(idNumber))
    expect(row.idConsentAt).toBeInstanceOf(Date)
    for (const body of [res.body, me.body]) expect(JSON.stringify(body)).not.toContain(idNumber)
    expect(t.logText()).not.toContain(idNumber)
    expect(t.logText().toUpperCase()).not.toContain(idNumber)
  })

  test('when the ID number is cleared with null, then the number, hash and consent are removed', async () => {
    const community = await makeCommunity(t.db.prisma)
    const user = await makeUser(t.db.prisma, { communityId: community.id, idNumber: '110101199003071233' })
    const auth = `Bearer ${await t.tokenFor(user.id)}`

    const res = await t.http
      .put('/api/me/profile')
      .set('Authorization', auth)
      .send({ ...profile, communityId: community.id, idNumber: null })

    expect(res.status).toBe(200)
    expect(res.body.user.idNumber).toBeNull()
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ idNumberEnc: null, idNumberHash: null, idConsentAt: null })
  })

  test('when the profile is saved again without idNumber, then a stored ID number is kept', async () => {
    const community = await makeCommunity(t.db.prisma)
    const user = await makeUser(t.db.prisma, { communityId: community.id, idNumber: '110101199003071233' })
    const auth = `Bearer ${await t.tokenFor(user.id)}`

    const res = await t.http.put('/api/me/profile').set('Authorization', auth).send({ ...profile, communityId: community.id })

    expect(res.status).toBe(200)
    expect(res.body.user.idNumber).toBe('1101**********1233')
  })

  test('when the caller has no token, then 401 and nothing is saved anywhere', async () => {
    const community = await makeCommunity(t.db.prisma)

    const res = await t.http.put('/api/me/profile').send({ ...profile, communityId: community.id })

    expect(res.status).toBe(401)
    expect(await t.db.prisma.user.count({ where: { communityId: community.id } })).toBe(0)
  })
})

describe('POST /api/me/phone', () => {
  const member = async () => {
    const user = await makeUser(t.db.prisma)
    return { user, auth: `Bearer ${await t.tokenFor(user.id)}` }
  }

  test('when a getPhoneNumber code is sent, then the phone is stored encrypted with its hash and shown masked', async () => {
    // Arrange
    const { user, auth } = await member()
    const phone = '13812345678'
    const code = t.wechat.issuePhoneCode(phone)

    // Act
    const res = await t.http.post('/api/me/phone').set('Authorization', auth).send({ code })
    const me = await t.http.get('/api/me').set('Authorization', auth)

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.user.phone).toBe('138****5678')
    expect(me.body.user.phone).toBe('138****5678')
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.phoneEnc).not.toBeNull()
    expect(row.phoneEnc).not.toContain(phone)
    expect(t.deps.cipher.decrypt(row.phoneEnc!)).toBe(phone)
    expect(row.phoneHash).toBe(t.deps.cipher.hash(phone))
    for (const body of [res.body, me.body]) expect(JSON.stringify(body)).not.toContain(phone)
    expect(t.logText()).not.toContain(phone)
  })

  test('when the phone code is unknown, then 400 phone_code_invalid and no phone is stored', async () => {
    const { user, auth } = await member()

    const res = await t.http.post('/api/me/phone').set('Authorization', auth).send({ code: 'not-a-phone-code' })

    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('phone_code_invalid')
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ phoneEnc: null, phoneHash: null })
  })

  test('when a phone code is used a second time, then 400 phone_code_invalid and the first number stays', async () => {
    const { user, auth } = await member()
    const code = t.wechat.issuePhoneCode('13900001111')
    await t.http.post('/api/me/phone').set('Authorization', auth).send({ code })

    const again = await t.http.post('/api/me/phone').set('Authorization', auth).send({ code })

    expect(again.status).toBe(400)
    expect(again.body.error.code).toBe('phone_code_invalid')
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(t.deps.cipher.decrypt(row.phoneEnc!)).toBe('13900001111')
  })

  test('when the WeChat access token was revoked, then the client refreshes it once (forced) and the call succeeds', async () => {
    const { user, auth } = await member()
    // make sure a token is cached first
    await t.http.post('/api/me/phone').set('Authorization', auth).send({ code: t.wechat.issuePhoneCode('13700001111') })
    t.wechat.revokeTokens()
    const issuedBefore = t.wechat.tokensIssued
    const callsBefore = t.wechat.calls.length

    const res = await t.http.post('/api/me/phone').set('Authorization', auth).send({ code: t.wechat.issuePhoneCode('13700002222') })

    expect(res.status).toBe(200)
    expect(res.body.user.phone).toBe('137****2222')
    expect(t.wechat.tokensIssued - issuedBefore).toBe(1)
    const calls = t.wechat.calls.slice(callsBefore).map((c) => c.path)
    expect(calls).toEqual(['/wxa/business/getuserphonenumber', '/cgi-bin/stable_token', '/wxa/business/getuserphonenumber'])
    expect(t.wechat.calls.slice(callsBefore)[1].body).toMatchObject({ grant_type: 'client_credential', force_refresh: true })
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(t.deps.cipher.decrypt(row.phoneEnc!)).toBe('13700002222')
  })
})

describe('the WeChat access token cache', () => {
  /** The app on this file's database, with its own fake WeChat and a WeChat client with nothing cached. */
  async function freshWechat() {
    const wechat = await startFakeWechat({ appid: WECHAT_APPID, secret: WECHAT_SECRET })
    const client = createWechatClient({ apiBase: wechat.url, appid: WECHAT_APPID, secret: WECHAT_SECRET })
    return { wechat, http: supertest(createApp({ ...t.deps, wechat: client }).callback()) }
  }

  test('when two phone numbers are bound, then the access token is fetched once and reused', async () => {
    const { wechat, http } = await freshWechat()
    try {
      const a = await makeUser(t.db.prisma)
      const b = await makeUser(t.db.prisma)

      const first = await http
        .post('/api/me/phone')
        .set('Authorization', `Bearer ${await t.tokenFor(a.id)}`)
        .send({ code: wechat.issuePhoneCode('13600001111') })
      const second = await http
        .post('/api/me/phone')
        .set('Authorization', `Bearer ${await t.tokenFor(b.id)}`)
        .send({ code: wechat.issuePhoneCode('13600002222') })

      expect([first.status, second.status]).toEqual([200, 200])
      expect(wechat.tokensIssued).toBe(1)
      expect(wechat.calls.filter((c) => c.path === '/cgi-bin/stable_token')).toHaveLength(1)
      const phoneCalls = wechat.calls.filter((c) => c.path === '/wxa/business/getuserphonenumber')
      expect(phoneCalls).toHaveLength(2)
      expect(phoneCalls[0].query.access_token).toBe(phoneCalls[1].query.access_token)
      expect(t.logText()).not.toContain(phoneCalls[0].query.access_token)
    } finally {
      await wechat.close()
    }
  })

  test('when several phone numbers are bound at the same moment with no token cached, then one token is fetched for all', async () => {
    const { wechat, http } = await freshWechat()
    try {
      const users = await Promise.all([0, 1, 2, 3, 4].map(() => makeUser(t.db.prisma)))
      const tokens = await Promise.all(users.map((u) => t.tokenFor(u.id)))

      const results = await Promise.all(
        tokens.map((token, i) =>
          http
            .post('/api/me/phone')
            .set('Authorization', `Bearer ${token}`)
            .send({ code: wechat.issuePhoneCode(`1350000000${i}`) }),
        ),
      )

      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
      expect(wechat.tokensIssued).toBe(1)
      expect(wechat.calls.filter((c) => c.path === '/cgi-bin/stable_token')).toHaveLength(1)
    } finally {
      await wechat.close()
    }
  })
})
