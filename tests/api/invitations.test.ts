/**
 * Organisers are appointed, not self-declared: the office issues a single-use, expiring
 * invitation code; redeeming it makes the caller an organiser of that unit or community. Also the
 * office's own grants (office role) and its list of people.
 */
import { type TestApp, createTestApp } from '../helpers/app'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'

describe('organiser invitations and office grants', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const bearer = async (userId: number) => `Bearer ${await t.tokenFor(userId)}`

  /** An office user and an invitation they created through the API. */
  async function invitationFor(target: { unitId: number } | { communityId: number }, expiresInHours?: number) {
    const office = await makeUser(t.db.prisma, { office: true })
    const res = await t.http
      .post('/api/organiser-invitations')
      .set('Authorization', await bearer(office.id))
      .send({ ...target, ...(expiresInHours ? { expiresInHours } : {}) })
    expect(res.status).toBe(201)
    return { office, code: res.body.code as string, body: res.body }
  }

  const redeem = async (userId: number, code: string) =>
    t.http.post('/api/me/organiser').set('Authorization', await bearer(userId)).send({ code })

  describe('creating invitations', () => {
    test('when the office invites for a unit, then 201 with an 8-character code, the unit and a 72 h expiry', async () => {
      const unit = await makeUnit(t.db.prisma)
      const before = Date.now()

      const { office, code, body } = await invitationFor({ unitId: unit.id })

      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
      expect(body.target).toEqual({ kind: 'unit', id: unit.id, name: unit.name })
      const expiresIn = Date.parse(body.expiresAt) - before
      expect(expiresIn).toBeGreaterThan(72 * 3_600_000 - 60_000)
      expect(expiresIn).toBeLessThan(72 * 3_600_000 + 60_000)
      const row = await t.db.prisma.organiserInvitation.findUniqueOrThrow({ where: { code } })
      expect(row).toMatchObject({ unitId: unit.id, communityId: null, createdById: office.id, redeemedAt: null })
    })

    test('when the office invites for a community, then the target is that community', async () => {
      const community = await makeCommunity(t.db.prisma)

      const { body } = await invitationFor({ communityId: community.id }, 24)

      expect(body.target).toEqual({ kind: 'community', id: community.id, name: community.name })
    })

    test('when the invitation names both a unit and a community, then 400 validation_failed', async () => {
      const office = await makeUser(t.db.prisma, { office: true })
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)

      const res = await t.http
        .post('/api/organiser-invitations')
        .set('Authorization', await bearer(office.id))
        .send({ unitId: unit.id, communityId: community.id })

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'body.unitId', message: '请选择一个单位或一个社区' }])
      expect(await t.db.prisma.organiserInvitation.count({ where: { unitId: unit.id } })).toBe(0)
    })

    test('when the unit does not exist, then 404 unit_not_found', async () => {
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await t.http
        .post('/api/organiser-invitations')
        .set('Authorization', await bearer(office.id))
        .send({ unitId: 2_000_000_000 })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('unit_not_found')
    })

    test('when an organiser (not the office) tries to invite, then 403 forbidden', async () => {
      const unit = await makeUnit(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })

      const res = await t.http
        .post('/api/organiser-invitations')
        .set('Authorization', await bearer(organiser.id))
        .send({ unitId: unit.id })

      expect(res.status).toBe(403)
      expect(await t.db.prisma.organiserInvitation.count({ where: { unitId: unit.id } })).toBe(0)
    })
  })

  describe('redeeming', () => {
    test('when a volunteer redeems a unit invitation, then they become its organiser and the code is consumed', async () => {
      // Arrange
      const unit = await makeUnit(t.db.prisma)
      const { office, code } = await invitationFor({ unitId: unit.id })
      const volunteer = await makeUser(t.db.prisma)

      // Act
      const res = await redeem(volunteer.id, code)

      // Assert
      expect(res.status).toBe(200)
      expect(res.body.user.roles.organiserOf).toEqual([{ kind: 'unit', id: unit.id, name: unit.name }])
      const role = await t.db.prisma.organiserRole.findFirstOrThrow({ where: { userId: volunteer.id } })
      expect(role).toMatchObject({ unitId: unit.id, communityId: null, grantedById: office.id })
      const inv = await t.db.prisma.organiserInvitation.findUniqueOrThrow({ where: { code } })
      expect(inv.redeemedById).toBe(volunteer.id)
      expect(inv.redeemedAt).toBeInstanceOf(Date)
    })

    test('when a volunteer redeems a community invitation, then GET /api/me shows them as its organiser', async () => {
      const community = await makeCommunity(t.db.prisma)
      const { code } = await invitationFor({ communityId: community.id })
      const volunteer = await makeUser(t.db.prisma)
      await redeem(volunteer.id, code)

      const me = await t.http.get('/api/me').set('Authorization', await bearer(volunteer.id))

      expect(me.body.user.roles).toEqual({
        volunteer: true,
        office: false,
        organiserOf: [{ kind: 'community', id: community.id, name: community.name }],
      })
    })

    test('when the code is typed in lower case with spaces, then it is still recognised', async () => {
      const unit = await makeUnit(t.db.prisma)
      const { code } = await invitationFor({ unitId: unit.id })
      const volunteer = await makeUser(t.db.prisma)

      const res = await redeem(volunteer.id, `  ${code.toLowerCase()} `)

      expect(res.status).toBe(200)
      expect(res.body.user.roles.organiserOf).toHaveLength(1)
    })

    test('when another user redeems a code already used, then 409 invitation_used and they get no role', async () => {
      const unit = await makeUnit(t.db.prisma)
      const { code } = await invitationFor({ unitId: unit.id })
      const [first, second] = [await makeUser(t.db.prisma), await makeUser(t.db.prisma)]
      await redeem(first.id, code)

      const res = await redeem(second.id, code)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('invitation_used')
      expect(await t.db.prisma.organiserRole.count({ where: { userId: second.id } })).toBe(0)
      expect((await t.db.prisma.organiserInvitation.findUniqueOrThrow({ where: { code } })).redeemedById).toBe(first.id)
    })

    test('when the invitation has expired, then 410 invitation_expired, no role, and the code stays unredeemed', async () => {
      const unit = await makeUnit(t.db.prisma)
      const { code } = await invitationFor({ unitId: unit.id })
      await t.db.prisma.organiserInvitation.update({ where: { code }, data: { expiresAt: new Date(Date.now() - 60_000) } })
      const volunteer = await makeUser(t.db.prisma)

      const res = await redeem(volunteer.id, code)

      expect(res.status).toBe(410)
      expect(res.body.error.code).toBe('invitation_expired')
      expect(await t.db.prisma.organiserRole.count({ where: { userId: volunteer.id } })).toBe(0)
      expect((await t.db.prisma.organiserInvitation.findUniqueOrThrow({ where: { code } })).redeemedAt).toBeNull()
    })

    test('when the code is unknown, then 400 invitation_invalid', async () => {
      const volunteer = await makeUser(t.db.prisma)

      const res = await redeem(volunteer.id, 'ZZZZ9999')

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('invitation_invalid')
      expect(await t.db.prisma.organiserRole.count({ where: { userId: volunteer.id } })).toBe(0)
    })

    test('when the code is empty, then 400 validation_failed', async () => {
      const volunteer = await makeUser(t.db.prisma)

      const res = await redeem(volunteer.id, '   ')

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'body.code', message: '请输入邀请码' }])
    })

    test('when 20 users redeem the same code at the same moment, then exactly one wins and the others get 409 invitation_used', async () => {
      // Arrange
      const unit = await makeUnit(t.db.prisma)
      const { code } = await invitationFor({ unitId: unit.id })
      const users = await Promise.all(Array.from({ length: 20 }, () => makeUser(t.db.prisma)))
      const tokens = await Promise.all(users.map((u) => t.tokenFor(u.id)))

      // Act
      const results = await Promise.all(
        tokens.map((token) => t.http.post('/api/me/organiser').set('Authorization', `Bearer ${token}`).send({ code })),
      )

      // Assert
      const statuses = results.map((r) => r.status)
      expect(statuses.filter((s) => s === 200)).toHaveLength(1)
      expect(statuses.filter((s) => s === 409)).toHaveLength(19)
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('invitation_used')
      const roles = await t.db.prisma.organiserRole.findMany({ where: { unitId: unit.id } })
      expect(roles).toHaveLength(1)
      const winner = users[statuses.indexOf(200)]
      expect(roles[0].userId).toBe(winner.id)
      expect((await t.db.prisma.organiserInvitation.findUniqueOrThrow({ where: { code } })).redeemedById).toBe(winner.id)
    })

    test('when an organiser of the unit redeems a second invitation for it, then 409 already_organiser and that invitation stays unused', async () => {
      const unit = await makeUnit(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const { code } = await invitationFor({ unitId: unit.id })

      const res = await redeem(organiser.id, code)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('already_organiser')
      const inv = await t.db.prisma.organiserInvitation.findUniqueOrThrow({ where: { code } })
      expect(inv).toMatchObject({ redeemedAt: null, redeemedById: null })
      expect(await t.db.prisma.organiserRole.count({ where: { userId: organiser.id } })).toBe(1)
    })

    test('when an invitation refused as already_organiser is then redeemed by someone else, then it still works', async () => {
      const unit = await makeUnit(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const colleague = await makeUser(t.db.prisma)
      const { code } = await invitationFor({ unitId: unit.id })
      await redeem(organiser.id, code)

      const res = await redeem(colleague.id, code)

      expect(res.status).toBe(200)
      expect(res.body.user.roles.organiserOf).toEqual([{ kind: 'unit', id: unit.id, name: unit.name }])
    })

    test('when an organiser of one unit redeems an invitation for another, then they organise both', async () => {
      const [unitA, unitB] = [await makeUnit(t.db.prisma), await makeUnit(t.db.prisma)]
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unitA.id })
      const { code } = await invitationFor({ unitId: unitB.id })

      const res = await redeem(organiser.id, code)

      expect(res.status).toBe(200)
      expect(res.body.user.roles.organiserOf.map((o: { id: number }) => o.id).sort((a: number, b: number) => a - b)).toEqual(
        [unitA.id, unitB.id].sort((a, b) => a - b),
      )
    })
  })

  describe('office grants', () => {
    test('when the office grants the office role, then the user sees roles.office and can use office routes', async () => {
      const office = await makeUser(t.db.prisma, { office: true })
      const colleague = await makeUser(t.db.prisma)
      const colleagueAuth = await bearer(colleague.id)
      const before = await t.http.get('/api/communities').set('Authorization', colleagueAuth)

      const res = await t.http.post(`/api/users/${colleague.id}/office`).set('Authorization', await bearer(office.id))
      const me = await t.http.get('/api/me').set('Authorization', colleagueAuth)
      const after = await t.http.get('/api/communities').set('Authorization', colleagueAuth)

      expect(before.status).toBe(403)
      expect(res.status).toBe(200)
      expect(res.body.user).toMatchObject({ id: colleague.id, office: true })
      expect(me.body.user.roles.office).toBe(true)
      expect(after.status).toBe(200)
    })

    test('when the office revokes the office role, then the user loses office access at once', async () => {
      const office = await makeUser(t.db.prisma, { office: true })
      const former = await makeUser(t.db.prisma, { office: true })
      const formerAuth = await bearer(former.id)

      const res = await t.http.delete(`/api/users/${former.id}/office`).set('Authorization', await bearer(office.id))
      const me = await t.http.get('/api/me').set('Authorization', formerAuth)
      const list = await t.http.get('/api/communities').set('Authorization', formerAuth)

      expect(res.status).toBe(200)
      expect(res.body.user.office).toBe(false)
      expect(me.body.user.roles.office).toBe(false)
      expect(list.status).toBe(403)
    })

    test('when the office grants the role to an unknown user, then 404 user_not_found', async () => {
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await t.http.post('/api/users/2000000000/office').set('Authorization', await bearer(office.id))

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('user_not_found')
    })

    test('when a volunteer tries to grant themselves the office role, then 403 and nothing changes', async () => {
      const volunteer = await makeUser(t.db.prisma)

      const res = await t.http.post(`/api/users/${volunteer.id}/office`).set('Authorization', await bearer(volunteer.id))

      expect(res.status).toBe(403)
      expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: volunteer.id } })).isOffice).toBe(false)
    })
  })

  describe('GET /api/users', () => {
    test('when the office lists people, then phones are masked and roles shown', async () => {
      const office = await makeUser(t.db.prisma, { office: true })
      const unit = await makeUnit(t.db.prisma)
      const name = `赵${Math.random().toString(36).slice(2, 8)}`
      const person = await makeUser(t.db.prisma, { realName: name, phone: '13912345678', unitId: unit.id, organiserOfUnit: unit.id })

      const res = await t.http.get('/api/users').query({ q: name }).set('Authorization', await bearer(office.id))

      expect(res.status).toBe(200)
      expect(res.body.total).toBe(1)
      expect(res.body.items).toEqual([
        {
          id: person.id,
          realName: name,
          phone: '139****5678',
          community: null,
          unit: { id: unit.id, name: unit.name },
          office: false,
          organiserOf: [{ kind: 'unit', id: unit.id, name: unit.name }],
          createdAt: person.createdAt.toISOString(),
        },
      ])
      expect(JSON.stringify(res.body)).not.toContain('13912345678')
      expect(t.logText()).not.toContain('13912345678')
    })

    test('when the list is paged, then the page size holds and the total counts everyone matching', async () => {
      const office = await makeUser(t.db.prisma, { office: true })
      const surname = `钱${Math.random().toString(36).slice(2, 8)}`
      for (let i = 0; i < 3; i++) await makeUser(t.db.prisma, { realName: `${surname}${i}` })

      const res = await t.http.get('/api/users').query({ q: surname, page: 2, pageSize: 2 }).set('Authorization', await bearer(office.id))

      expect(res.status).toBe(200)
      expect(res.body.total).toBe(3)
      expect(res.body.items.map((u: { realName: string }) => u.realName)).toEqual([`${surname}2`])
    })

    test('when a volunteer asks for the list, then 403', async () => {
      const volunteer = await makeUser(t.db.prisma)

      const res = await t.http.get('/api/users').set('Authorization', await bearer(volunteer.id))

      expect(res.status).toBe(403)
    })
  })
})
