/**
 * Activity types and their points rules: the office creates and edits them (duty flag, points
 * per hour, caps); everyone logged in can read them; nobody else can change them.
 */
import { randomBytes } from 'node:crypto'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeType } from '../helpers/activities'
import { makeUnit, makeUser } from '../helpers/factories'

const uniq = () => randomBytes(3).toString('hex')

describe('activity types', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const bearer = async (spec: Parameters<typeof makeUser>[1] = {}) =>
    `Bearer ${await t.tokenFor((await makeUser(t.db.prisma, spec)).id)}`
  const asOffice = () => bearer({ office: true })
  const create = async (body: Record<string, unknown>, auth?: string) =>
    t.http
      .post('/api/activity-types')
      .set('Authorization', auth ?? (await asOffice()))
      .send(body)
  const detailsOf = (res: { body: { error: { details?: Array<{ path: string; message: string }> } } }) =>
    res.body.error.details ?? []

  describe('POST /api/activity-types', () => {
    test('when the office creates a duty type, then 201 with its rule and it is stored', async () => {
      const name = `周上街${uniq()}`

      const res = await create({ name: ` ${name} `, duty: true, pointsPerHour: 5, maxHoursPerActivity: 2, maxPointsPerDay: 20 })

      expect(res.status).toBe(201)
      expect(res.body).toEqual({
        id: expect.any(Number),
        name,
        duty: true,
        pointsPerHour: 5,
        maxHoursPerActivity: 2,
        maxPointsPerDay: 20,
        active: true,
      })
      const row = await t.db.prisma.activityType.findUniqueOrThrow({ where: { id: res.body.id } })
      expect(row.name).toBe(name)
      expect(row.duty).toBe(true)
      expect(row.pointsPerHour.toNumber()).toBe(5)
    })

    test('when only name and points per hour are given, then it is a volunteer type without caps', async () => {
      const res = await create({ name: `文明交通${uniq()}`, pointsPerHour: 10 })

      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ duty: false, pointsPerHour: 10, maxHoursPerActivity: null, maxPointsPerDay: null, active: true })
    })

    test('when points per hour is 0.5 (2 h = 1 point) and the cap is 1.5 h, then both are accepted exactly', async () => {
      const res = await create({ name: `黄岩${uniq()}`, pointsPerHour: 0.5, maxHoursPerActivity: 1.5 })

      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ pointsPerHour: 0.5, maxHoursPerActivity: 1.5 })
      const row = await t.db.prisma.activityType.findUniqueOrThrow({ where: { id: res.body.id } })
      expect(row.pointsPerHour.toString()).toBe('0.5')
      expect(row.maxHoursPerActivity!.toString()).toBe('1.5')
    })

    test('when the max hours per activity is not a multiple of 0.5, then 400 with the 0.5-hour message', async () => {
      const name = `环境整治${uniq()}`

      const res = await create({ name, pointsPerHour: 10, maxHoursPerActivity: 1.2 })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(detailsOf(res)).toEqual([{ path: 'body.maxHoursPerActivity', message: '单次活动最多计时以 0.5 小时为单位' }])
      expect(await t.db.prisma.activityType.count({ where: { name } })).toBe(0)
    })

    test.each([
      ['the name is missing', 'body.name', { pointsPerHour: 10 }, '请填写类型名称'],
      ['the name is blank', 'body.name', { name: '   ', pointsPerHour: 10 }, '请填写类型名称'],
      ['the name is over 20 characters', 'body.name', { name: '文'.repeat(21), pointsPerHour: 10 }, '类型名称最多 20 个字'],
      ['points per hour is negative', 'body.pointsPerHour', { name: 'n', pointsPerHour: -1 }, '每小时积分不能为负数'],
      ['points per hour has three decimals', 'body.pointsPerHour', { name: 'n', pointsPerHour: 1.125 }, '每小时积分最多两位小数'],
      ['points per hour is a string', 'body.pointsPerHour', { name: 'n', pointsPerHour: '10' }, '每小时积分必须是数字'],
      ['the cap is below 0.5 h', 'body.maxHoursPerActivity', { name: 'n', pointsPerHour: 10, maxHoursPerActivity: 0 }, '单次活动最多计时至少 0.5 小时'],
      ['the cap is over 24 h', 'body.maxHoursPerActivity', { name: 'n', pointsPerHour: 10, maxHoursPerActivity: 24.5 }, '单次活动最多计时不超过 24 小时'],
      ['the daily cap is fractional', 'body.maxPointsPerDay', { name: 'n', pointsPerHour: 10, maxPointsPerDay: 2.5 }, '每日积分上限必须是整数'],
      ['the daily cap is negative', 'body.maxPointsPerDay', { name: 'n', pointsPerHour: 10, maxPointsPerDay: -5 }, '每日积分上限不能为负数'],
    ])('when %s, then 400 validation_failed at %s', async (_case, path, body, message) => {
      const res = await create(body)

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(detailsOf(res)).toContainEqual({ path, message })
    })

    test('when the name is already taken (after trimming), then 409 activity_type_name_taken and only one exists', async () => {
      const name = `文明宣传${uniq()}`
      expect((await create({ name, pointsPerHour: 10 })).status).toBe(201)

      const res = await create({ name: `  ${name}`, pointsPerHour: 20 })

      expect(res.status).toBe(409)
      expect(res.body.error).toEqual({ code: 'activity_type_name_taken', message: '已有同名活动类型' })
      expect(await t.db.prisma.activityType.count({ where: { name } })).toBe(1)
    })

    test('when a volunteer or an organiser tries to create a type, then 403 forbidden and nothing is stored', async () => {
      const name = `越权${uniq()}`
      const unit = await makeUnit(t.db.prisma)

      const byVolunteer = await create({ name, pointsPerHour: 10 }, await bearer())
      const byOrganiser = await create({ name, pointsPerHour: 10 }, await bearer({ organiserOfUnit: unit.id }))

      expect(byVolunteer.status).toBe(403)
      expect(byVolunteer.body.error.code).toBe('forbidden')
      expect(byOrganiser.status).toBe(403)
      expect(await t.db.prisma.activityType.count({ where: { name } })).toBe(0)
    })

    test('when nobody is logged in, then 401', async () => {
      const res = await t.http.post('/api/activity-types').send({ name: `匿名${uniq()}`, pointsPerHour: 10 })

      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
    })
  })

  describe('GET /api/activity-types', () => {
    test('when a volunteer lists the types, then every type is there with its rule, in creation order', async () => {
      const first = await makeType(t.db.prisma, { duty: true })
      const second = await makeType(t.db.prisma)

      const res = await t.http.get('/api/activity-types').set('Authorization', await bearer())

      expect(res.status).toBe(200)
      const ids = res.body.items.map((i: { id: number }) => i.id)
      expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0)
      expect(ids.indexOf(second.id)).toBeGreaterThan(ids.indexOf(first.id))
      expect(res.body.items.find((i: { id: number }) => i.id === first.id)).toEqual({
        id: first.id,
        name: first.name,
        duty: true,
        pointsPerHour: 10,
        maxHoursPerActivity: 4,
        maxPointsPerDay: null,
        active: true,
      })
    })
  })

  describe('PATCH /api/activity-types/:id', () => {
    test('when the office edits the rule, then only the given fields change', async () => {
      const type = await makeType(t.db.prisma)

      const res = await t.http
        .patch(`/api/activity-types/${type.id}`)
        .set('Authorization', await asOffice())
        .send({ pointsPerHour: 0.5, maxHoursPerActivity: null, maxPointsPerDay: 8 })

      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        id: type.id,
        name: type.name,
        duty: false,
        pointsPerHour: 0.5,
        maxHoursPerActivity: null,
        maxPointsPerDay: 8,
        active: true,
      })
      const row = await t.db.prisma.activityType.findUniqueOrThrow({ where: { id: type.id } })
      expect(row.maxHoursPerActivity).toBeNull()
      expect(row.maxPointsPerDay).toBe(8)
    })

    test('when the office deactivates a type, then it is listed as inactive', async () => {
      const type = await makeType(t.db.prisma)

      const res = await t.http.patch(`/api/activity-types/${type.id}`).set('Authorization', await asOffice()).send({ active: false })
      const list = await t.http.get('/api/activity-types').set('Authorization', await bearer())

      expect(res.status).toBe(200)
      expect(res.body.active).toBe(false)
      expect(list.body.items.find((i: { id: number }) => i.id === type.id).active).toBe(false)
    })

    test('when a type is renamed to another type’s name, then 409 activity_type_name_taken and the name is kept', async () => {
      const taken = await makeType(t.db.prisma)
      const type = await makeType(t.db.prisma)

      const res = await t.http.patch(`/api/activity-types/${type.id}`).set('Authorization', await asOffice()).send({ name: taken.name })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_type_name_taken')
      expect((await t.db.prisma.activityType.findUniqueOrThrow({ where: { id: type.id } })).name).toBe(type.name)
    })

    test('when the cap is edited to 2.3 h, then 400 and the cap is unchanged', async () => {
      const type = await makeType(t.db.prisma)

      const res = await t.http
        .patch(`/api/activity-types/${type.id}`)
        .set('Authorization', await asOffice())
        .send({ maxHoursPerActivity: 2.3 })

      expect(res.status).toBe(400)
      expect(detailsOf(res)).toEqual([{ path: 'body.maxHoursPerActivity', message: '单次活动最多计时以 0.5 小时为单位' }])
      expect((await t.db.prisma.activityType.findUniqueOrThrow({ where: { id: type.id } })).maxHoursPerActivity!.toNumber()).toBe(4)
    })

    test('when the body is empty, then 400 saying there is nothing to change', async () => {
      const type = await makeType(t.db.prisma)

      const res = await t.http.patch(`/api/activity-types/${type.id}`).set('Authorization', await asOffice()).send({})

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(detailsOf(res).map((d) => d.message)).toEqual(['没有需要修改的内容'])
    })

    test('when the type does not exist, then 404 activity_type_not_found', async () => {
      const res = await t.http.patch('/api/activity-types/987654').set('Authorization', await asOffice()).send({ pointsPerHour: 1 })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('activity_type_not_found')
    })

    test('when a volunteer edits a type, then 403 and the rule is unchanged', async () => {
      const type = await makeType(t.db.prisma)

      const res = await t.http.patch(`/api/activity-types/${type.id}`).set('Authorization', await bearer()).send({ pointsPerHour: 999 })

      expect(res.status).toBe(403)
      expect((await t.db.prisma.activityType.findUniqueOrThrow({ where: { id: type.id } })).pointsPerHour.toNumber()).toBe(10)
    })
  })
})
