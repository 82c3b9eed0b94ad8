/**
 * The organisation directory as the office manages it: communities, units, pairings (包联), with
 * unique names and pairs, validation at the edge and CHECK constraints in the database itself.
 */
import { randomBytes } from 'node:crypto'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'

const uniq = () => randomBytes(4).toString('hex')

describe('the organisation directory', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  /** A fresh office user's Authorization header. */
  const asOffice = async () => `Bearer ${await t.tokenFor((await makeUser(t.db.prisma, { office: true })).id)}`

  describe('communities', () => {
    test('when the office creates a community, then 201 with trimmed fields, no residents and no pairings', async () => {
      const auth = await asOffice()
      const name = `幸福里社区${uniq()}`

      const res = await t.http
        .post('/api/communities')
        .set('Authorization', auth)
        .send({ name: `  ${name} `, street: ' 城关街道 ', district: '清河区', residentPopulation: 12000 })

      expect(res.status).toBe(201)
      expect(res.body).toEqual({
        id: expect.any(Number),
        name,
        street: '城关街道',
        district: '清河区',
        residentPopulation: 12000,
        registeredResidents: 0,
        pairedUnits: [],
      })
      expect(await t.db.prisma.community.findUnique({ where: { id: res.body.id } })).toMatchObject({ name, street: '城关街道' })
    })

    test('when the office lists communities, then each shows its registered residents and paired units', async () => {
      const auth = await asOffice()
      const community = await makeCommunity(t.db.prisma)
      const [unitA, unitB] = [await makeUnit(t.db.prisma), await makeUnit(t.db.prisma)]
      await makeUser(t.db.prisma, { communityId: community.id })
      await makeUser(t.db.prisma, { communityId: community.id })
      await makeUser(t.db.prisma, { unitId: unitA.id })
      await t.db.prisma.pairing.createMany({
        data: [
          { unitId: unitB.id, communityId: community.id },
          { unitId: unitA.id, communityId: community.id },
        ],
      })

      const res = await t.http.get('/api/communities').set('Authorization', auth)

      expect(res.status).toBe(200)
      const row = res.body.items.find((c: { id: number }) => c.id === community.id)
      expect(row).toMatchObject({
        registeredResidents: 2,
        pairedUnits: [
          { id: unitA.id, name: unitA.name },
          { id: unitB.id, name: unitB.name },
        ],
      })
    })

    test('when the office patches the resident population, then only that changes', async () => {
      const auth = await asOffice()
      const community = await makeCommunity(t.db.prisma, { residentPopulation: 100 })

      const res = await t.http.patch(`/api/communities/${community.id}`).set('Authorization', auth).send({ residentPopulation: 15000 })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id: community.id, name: community.name, residentPopulation: 15000 })
      expect((await t.db.prisma.community.findUniqueOrThrow({ where: { id: community.id } })).residentPopulation).toBe(15000)
    })

    test('when a community is created with a name already taken, then 409 community_name_taken and no second row', async () => {
      const auth = await asOffice()
      const existing = await makeCommunity(t.db.prisma)

      const res = await t.http.post('/api/communities').set('Authorization', auth).send({ name: existing.name })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('community_name_taken')
      expect(await t.db.prisma.community.count({ where: { name: existing.name } })).toBe(1)
    })

    test('when a community is renamed to a name already taken, then 409 community_name_taken and its name is unchanged', async () => {
      const auth = await asOffice()
      const [a, b] = [await makeCommunity(t.db.prisma), await makeCommunity(t.db.prisma)]

      const res = await t.http.patch(`/api/communities/${b.id}`).set('Authorization', auth).send({ name: a.name })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('community_name_taken')
      expect((await t.db.prisma.community.findUniqueOrThrow({ where: { id: b.id } })).name).toBe(b.name)
    })

    test('when five requests create the same community name at once, then exactly one succeeds and the rest get 409', async () => {
      const auth = await asOffice()
      const name = `同名社区${uniq()}`

      const results = await Promise.all(
        [1, 2, 3, 4, 5].map(() => t.http.post('/api/communities').set('Authorization', auth).send({ name })),
      )

      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409])
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('community_name_taken')
      expect(await t.db.prisma.community.count({ where: { name } })).toBe(1)
    })

    test('when an unknown community is patched, then 404 community_not_found', async () => {
      const res = await t.http.patch('/api/communities/2000000000').set('Authorization', await asOffice()).send({ street: '新街道' })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('community_not_found')
    })

    test('when the resident population is negative, then 400 validation_failed with details and nothing is created', async () => {
      const name = `负数社区${uniq()}`

      const res = await t.http.post('/api/communities').set('Authorization', await asOffice()).send({ name, residentPopulation: -1 })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details).toEqual([{ path: 'body.residentPopulation', message: '常住人口不能为负数' }])
      expect(await t.db.prisma.community.count({ where: { name } })).toBe(0)
    })

    test('when the name has a control character, then 400 validation_failed on the name', async () => {
      const res = await t.http.post('/api/communities').set('Authorization', await asOffice()).send({ name: '幸福\u0000里' })

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'body.name', message: '社区名称含有不可见字符' }])
    })

    test('when a patch is empty, then 400 validation_failed and the row is unchanged', async () => {
      const community = await makeCommunity(t.db.prisma)

      const res = await t.http.patch(`/api/communities/${community.id}`).set('Authorization', await asOffice()).send({})

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details).toEqual([{ path: 'body', message: '没有需要修改的内容' }])
      expect((await t.db.prisma.community.findUniqueOrThrow({ where: { id: community.id } })).updatedAt).toEqual(community.updatedAt)
    })

    test('when the id in the path is not a positive integer, then 400 validation_failed on params', async () => {
      const res = await t.http.patch('/api/communities/abc').set('Authorization', await asOffice()).send({ street: 'x' })

      expect(res.status).toBe(400)
      expect(res.body.error.details[0].path).toBe('params.id')
    })
  })

  describe('units', () => {
    test('when the office creates a unit, then 201 with its headcount, no staff and no pairings', async () => {
      const name = `区教育局${uniq()}`

      const res = await t.http
        .post('/api/units')
        .set('Authorization', await asOffice())
        .send({ name, kind: '党政机关', headcount: 120 })

      expect(res.status).toBe(201)
      expect(res.body).toEqual({ id: expect.any(Number), name, kind: '党政机关', headcount: 120, registeredStaff: 0, pairedCommunities: [] })
    })

    test('when the office lists units, then each shows its registered staff and paired communities', async () => {
      const unit = await makeUnit(t.db.prisma, { headcount: 80 })
      const community = await makeCommunity(t.db.prisma)
      await makeUser(t.db.prisma, { unitId: unit.id })
      await makeUser(t.db.prisma, { unitId: unit.id, communityId: community.id })
      await makeUser(t.db.prisma, { unitId: unit.id })
      await t.db.prisma.pairing.create({ data: { unitId: unit.id, communityId: community.id } })

      const res = await t.http.get('/api/units').set('Authorization', await asOffice())

      expect(res.status).toBe(200)
      expect(res.body.items.find((u: { id: number }) => u.id === unit.id)).toEqual({
        id: unit.id,
        name: unit.name,
        kind: unit.kind,
        headcount: 80,
        registeredStaff: 3,
        pairedCommunities: [{ id: community.id, name: community.name }],
      })
    })

    test('when the office patches the headcount, then it changes', async () => {
      const unit = await makeUnit(t.db.prisma, { headcount: 10 })

      const res = await t.http.patch(`/api/units/${unit.id}`).set('Authorization', await asOffice()).send({ headcount: 12 })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id: unit.id, name: unit.name, headcount: 12 })
    })

    test('when a unit is created or renamed to a name already taken, then 409 unit_name_taken', async () => {
      const auth = await asOffice()
      const [a, b] = [await makeUnit(t.db.prisma), await makeUnit(t.db.prisma)]

      const created = await t.http.post('/api/units').set('Authorization', auth).send({ name: a.name, kind: '其他', headcount: 1 })
      const renamed = await t.http.patch(`/api/units/${b.id}`).set('Authorization', auth).send({ name: a.name })

      expect(created.status).toBe(409)
      expect(created.body.error.code).toBe('unit_name_taken')
      expect(renamed.status).toBe(409)
      expect(renamed.body.error.code).toBe('unit_name_taken')
      expect(await t.db.prisma.unit.count({ where: { name: a.name } })).toBe(1)
    })

    test('when the headcount is negative, then 400 validation_failed with details', async () => {
      const name = `负数单位${uniq()}`

      const res = await t.http.post('/api/units').set('Authorization', await asOffice()).send({ name, kind: '其他', headcount: -1 })

      expect(res.status).toBe(400)
      expect(res.body.error).toEqual({
        code: 'validation_failed',
        message: expect.any(String),
        details: [{ path: 'body.headcount', message: '在编人数不能为负数' }],
      })
      expect(await t.db.prisma.unit.count({ where: { name } })).toBe(0)
    })

    test('when a unit patch is empty, then 400 validation_failed', async () => {
      const unit = await makeUnit(t.db.prisma)

      const res = await t.http.patch(`/api/units/${unit.id}`).set('Authorization', await asOffice()).send({})

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    })

    test('when an unknown unit is patched, then 404 unit_not_found', async () => {
      const res = await t.http.patch('/api/units/2000000000').set('Authorization', await asOffice()).send({ headcount: 3 })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('unit_not_found')
    })
  })

  describe('pairings', () => {
    test('when the office pairs a unit with a community, then 201 and both lists show the pair', async () => {
      const auth = await asOffice()
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)

      const res = await t.http.post('/api/pairings').set('Authorization', auth).send({ unitId: unit.id, communityId: community.id })
      const byUnit = await t.http.get(`/api/pairings?unitId=${unit.id}`).set('Authorization', auth)

      expect(res.status).toBe(201)
      expect(res.body).toEqual({
        id: expect.any(Number),
        unit: { id: unit.id, name: unit.name },
        community: { id: community.id, name: community.name },
        createdAt: expect.any(String),
      })
      expect(byUnit.body.items).toEqual([res.body])
    })

    test('when the same pair is created twice, then 409 pairing_exists and one row remains', async () => {
      const auth = await asOffice()
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)
      await t.http.post('/api/pairings').set('Authorization', auth).send({ unitId: unit.id, communityId: community.id })

      const again = await t.http.post('/api/pairings').set('Authorization', auth).send({ unitId: unit.id, communityId: community.id })

      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe('pairing_exists')
      expect(await t.db.prisma.pairing.count({ where: { unitId: unit.id, communityId: community.id } })).toBe(1)
    })

    test('when the same pair is created by several requests at once, then one 201 and the rest 409 pairing_exists', async () => {
      const auth = await asOffice()
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)

      const results = await Promise.all(
        [1, 2, 3, 4].map(() => t.http.post('/api/pairings').set('Authorization', auth).send({ unitId: unit.id, communityId: community.id })),
      )

      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409])
      expect(await t.db.prisma.pairing.count({ where: { unitId: unit.id } })).toBe(1)
    })

    test('when the unit does not exist, then 404 unit_not_found', async () => {
      const community = await makeCommunity(t.db.prisma)

      const res = await t.http
        .post('/api/pairings')
        .set('Authorization', await asOffice())
        .send({ unitId: 2_000_000_000, communityId: community.id })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('unit_not_found')
      expect(await t.db.prisma.pairing.count({ where: { communityId: community.id } })).toBe(0)
    })

    test('when the community does not exist, then 404 community_not_found', async () => {
      const unit = await makeUnit(t.db.prisma)

      const res = await t.http
        .post('/api/pairings')
        .set('Authorization', await asOffice())
        .send({ unitId: unit.id, communityId: 2_000_000_000 })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('community_not_found')
    })

    test('when a pairing is deleted, then it is gone, and deleting it again answers 404 pairing_not_found', async () => {
      const auth = await asOffice()
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)
      const pairing = await t.db.prisma.pairing.create({ data: { unitId: unit.id, communityId: community.id } })

      const first = await t.http.delete(`/api/pairings/${pairing.id}`).set('Authorization', auth)
      const second = await t.http.delete(`/api/pairings/${pairing.id}`).set('Authorization', auth)

      expect(first.status).toBe(200)
      expect(first.body).toEqual({ ok: true })
      expect(second.status).toBe(404)
      expect(second.body.error.code).toBe('pairing_not_found')
      expect(await t.db.prisma.pairing.findUnique({ where: { id: pairing.id } })).toBeNull()
    })

    test('when the pairing body lacks the community, then 400 validation_failed with a Chinese message', async () => {
      const unit = await makeUnit(t.db.prisma)

      const res = await t.http.post('/api/pairings').set('Authorization', await asOffice()).send({ unitId: unit.id })

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'body.communityId', message: '请选择社区' }])
    })
  })

  describe('who may use it', () => {
    test('when a volunteer or an organiser calls the office routes, then 403 forbidden and nothing is created', async () => {
      const unit = await makeUnit(t.db.prisma)
      const volunteer = await makeUser(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const name = `越权社区${uniq()}`

      for (const user of [volunteer, organiser]) {
        const auth = `Bearer ${await t.tokenFor(user.id)}`
        const list = await t.http.get('/api/units').set('Authorization', auth)
        const create = await t.http.post('/api/communities').set('Authorization', auth).send({ name })
        const patch = await t.http.patch(`/api/units/${unit.id}`).set('Authorization', auth).send({ headcount: 1 })

        expect([list.status, create.status, patch.status]).toEqual([403, 403, 403])
        expect(create.body.error.code).toBe('forbidden')
      }
      expect(await t.db.prisma.community.count({ where: { name } })).toBe(0)
      expect((await t.db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).headcount).toBe(unit.headcount)
    })

    test('when any logged-in user asks for GET /api/directory, then the names of communities and units are listed', async () => {
      const community = await makeCommunity(t.db.prisma)
      const unit = await makeUnit(t.db.prisma)
      const volunteer = await makeUser(t.db.prisma, { profile: false })

      const res = await t.http.get('/api/directory').set('Authorization', `Bearer ${await t.tokenFor(volunteer.id)}`)

      expect(res.status).toBe(200)
      expect(res.body.communities).toContainEqual({ id: community.id, name: community.name })
      expect(res.body.units).toContainEqual({ id: unit.id, name: unit.name })
      expect(Object.keys(res.body.units[0]).sort()).toEqual(['id', 'name'])
    })

    test('when GET /api/directory is called without a token, then 401', async () => {
      const res = await t.http.get('/api/directory')

      expect(res.status).toBe(401)
    })
  })

  describe('CHECK constraints in the database', () => {
    test('when a unit with headcount -1 is inserted with raw SQL, then the database refuses it', async () => {
      const name = `原始单位${uniq()}`

      const insert = t.db.prisma.$executeRawUnsafe(
        `INSERT INTO "unit" ("name", "kind", "headcount", "updated_at") VALUES ($1, '其他', -1, now())`,
        name,
      )

      await expect(insert).rejects.toThrow(/unit_headcount_check|23514|check constraint/i)
      expect(await t.db.prisma.unit.count({ where: { name } })).toBe(0)
    })

    test('when an existing unit is updated to headcount -1 through Prisma, bypassing the API, then the database refuses it', async () => {
      const unit = await makeUnit(t.db.prisma, { headcount: 5 })

      await expect(t.db.prisma.unit.update({ where: { id: unit.id }, data: { headcount: -1 } })).rejects.toThrow()

      expect((await t.db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).headcount).toBe(5)
    })

    test('when a community with a negative resident population is inserted with raw SQL, then the database refuses it', async () => {
      const name = `原始社区${uniq()}`

      const insert = t.db.prisma.$executeRawUnsafe(
        `INSERT INTO "community" ("name", "resident_population", "updated_at") VALUES ($1, -5, now())`,
        name,
      )

      await expect(insert).rejects.toThrow(/community_resident_population_check|23514|check constraint/i)
    })

    test('when a pairing of the same unit and community is inserted twice with raw SQL, then the unique index refuses it', async () => {
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)
      const sql = `INSERT INTO "pairing" ("unit_id", "community_id") VALUES (${unit.id}, ${community.id})`
      await t.db.prisma.$executeRawUnsafe(sql)

      await expect(t.db.prisma.$executeRawUnsafe(sql)).rejects.toThrow(/unique|23505/i)
    })

    test('when an organiser role names both a unit and a community, then the database refuses it', async () => {
      const user = await makeUser(t.db.prisma)
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)

      const insert = t.db.prisma.$executeRawUnsafe(
        `INSERT INTO "organiser_role" ("user_id", "unit_id", "community_id") VALUES (${user.id}, ${unit.id}, ${community.id})`,
      )

      await expect(insert).rejects.toThrow(/organiser_role_one_target_check|23514|check constraint/i)
    })
  })
})
