/**
 * Activities as organisers publish, edit and cancel them and volunteers browse them: who may
 * do what, validation, filters in China dates, nearest first, remaining places, the caller's
 * sign-up, waitlist promotion on a larger capacity, in-app notices and the masked roster.
 */
import { chinaDate, chinaWallClock, distanceMetres } from '@civic/shared'
import { type TestApp, createTestApp } from '../helpers/app'
import { type ActivitySpec, makeActivity, makeType, makeVolunteers } from '../helpers/activities'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'

const HOUR = 3_600_000
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

type ErrorDetails = Array<{ path: string; message: string }>

describe('activities', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const bearer = async (userId: number) => `Bearer ${await t.tokenFor(userId)}`
  const userAuth = async (spec: Parameters<typeof makeUser>[1] = {}) => bearer((await makeUser(t.db.prisma, spec)).id)

  /** A unit with its organiser, a community and an active type: what publishing needs. */
  async function world() {
    const unit = await makeUnit(t.db.prisma)
    const community = await makeCommunity(t.db.prisma)
    const type = await makeType(t.db.prisma)
    const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
    return { unit, community, type, organiser, auth: await bearer(organiser.id) }
  }

  const body = (w: { unit: { id: number }; community: { id: number }; type: { id: number } }, over: Record<string, unknown> = {}) => ({
    title: '文明交通劝导',
    typeId: w.type.id,
    description: '在路口引导行人文明过马路',
    organiserUnitId: w.unit.id,
    communityId: w.community.id,
    address: '人民路与解放路交叉口',
    latitude: 34.26,
    longitude: 108.94,
    radiusM: 300,
    startAt: inHours(48),
    endAt: inHours(50),
    capacity: 10,
    signupDeadline: inHours(47),
    ...over,
  })

  const signUp = async (activityId: number, userId: number) =>
    t.http.post(`/api/activities/${activityId}/signups`).set('Authorization', await bearer(userId))
  /** Sign-ups one after another, so confirmed and waitlist order follow the array. */
  async function signUpInOrder(activityId: number, userIds: number[]) {
    for (const id of userIds) expect((await signUp(activityId, id)).status).toBe(201)
  }
  const cancelMine = async (activityId: number, userId: number) =>
    t.http.delete(`/api/activities/${activityId}/signups/me`).set('Authorization', await bearer(userId))
  const list = async (query: Record<string, string | number>, auth?: string) =>
    t.http
      .get('/api/activities')
      .query(query)
      .set('Authorization', auth ?? (await userAuth()))
  const idsOf = (res: { body: { items: Array<{ id: number }> } }) => res.body.items.map((i) => i.id)
  const statusOf = async (activityId: number, userId: number) =>
    (await t.db.prisma.signup.findUnique({ where: { activityId_userId: { activityId, userId } } }))?.status

  // ------------------------------------------------------------------ publishing

  describe('POST /api/activities', () => {
    test('when an organiser of a unit publishes for that unit, then 201 with the activity as volunteers will see it', async () => {
      const w = await world()

      const res = await t.http.post('/api/activities').set('Authorization', w.auth).send(body(w))

      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        id: expect.any(Number),
        shortKey: expect.stringMatching(/^[0-9A-Za-z]{1,32}$/),
        title: '文明交通劝导',
        type: { id: w.type.id, name: w.type.name, duty: false },
        organiser: { kind: 'unit', id: w.unit.id, name: w.unit.name },
        community: { id: w.community.id, name: w.community.name },
        radiusM: 300,
        capacity: 10,
        allowWalkIn: false,
        waitlistEnabled: true,
        audience: 'everyone',
        status: 'published',
        cancelReason: null,
        requiredHeadcount: null,
        scheduleId: null,
        confirmedCount: 0,
        waitlistCount: 0,
        remaining: 10,
        distanceM: null,
        mySignup: null,
        canManage: true,
      })
      const row = await t.db.prisma.activity.findUniqueOrThrow({ where: { id: res.body.id } })
      expect(row).toMatchObject({ organiserUnitId: w.unit.id, organiserCommunityId: null, createdById: w.organiser.id })
    })

    test('when an organiser of a community publishes for that community, then 201 with the community as organiser', async () => {
      const w = await world()
      const organiser = await makeUser(t.db.prisma, { organiserOfCommunity: w.community.id })

      const res = await t.http
        .post('/api/activities')
        .set('Authorization', await bearer(organiser.id))
        .send(body(w, { organiserUnitId: undefined, organiserCommunityId: w.community.id, audience: 'community_residents' }))

      expect(res.status).toBe(201)
      expect(res.body.organiser).toEqual({ kind: 'community', id: w.community.id, name: w.community.name })
      expect(res.body.audience).toBe('community_residents')
    })

    test('when the office publishes for any unit, then 201', async () => {
      const w = await world()

      const res = await t.http
        .post('/api/activities')
        .set('Authorization', await userAuth({ office: true }))
        .send(body(w))

      expect(res.status).toBe(201)
      expect(res.body.organiser.id).toBe(w.unit.id)
    })

    test('when a volunteer publishes, then 403 forbidden and nothing is stored', async () => {
      const w = await world()

      const res = await t.http.post('/api/activities').set('Authorization', await userAuth()).send(body(w))

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(await t.db.prisma.activity.count({ where: { communityId: w.community.id } })).toBe(0)
    })

    test('when an organiser of unit A publishes for unit B, then 403 forbidden and nothing is stored', async () => {
      const w = await world()
      const unitB = await makeUnit(t.db.prisma)

      const res = await t.http.post('/api/activities').set('Authorization', w.auth).send(body(w, { organiserUnitId: unitB.id }))

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(await t.db.prisma.activity.count({ where: { organiserUnitId: unitB.id } })).toBe(0)
    })

    test('when an organiser of a community publishes in the name of a unit, then 403 forbidden', async () => {
      const w = await world()
      const communityOrganiser = await makeUser(t.db.prisma, { organiserOfCommunity: w.community.id })

      const res = await t.http.post('/api/activities').set('Authorization', await bearer(communityOrganiser.id)).send(body(w))

      expect(res.status).toBe(403)
    })

    test.each([
      ['the end is before the start', { startAt: inHours(50), endAt: inHours(48) }, 'body.endAt', '结束时间必须晚于开始时间'],
      ['it lasts over 24 hours', { endAt: inHours(73) }, 'body.endAt', '单次活动不超过 24 小时'],
      ['the sign-up deadline is after the end', { signupDeadline: inHours(51) }, 'body.signupDeadline', '报名截止时间不能晚于结束时间'],
      ['both organiser ids are given', { organiserCommunityId: 1 }, 'body.organiserUnitId', '请选择主办单位或主办社区（二选一）'],
      ['neither organiser id is given', { organiserUnitId: undefined }, 'body.organiserUnitId', '请选择主办单位或主办社区（二选一）'],
      ['the radius is under 10 m', { radiusM: 5 }, 'body.radiusM', '签到范围至少 10 米'],
      ['the radius is over 50 km', { radiusM: 50_001 }, 'body.radiusM', '签到范围不超过 50 公里'],
      ['the capacity is 0', { capacity: 0 }, 'body.capacity', '名额至少 1 人'],
      ['the latitude is out of range', { latitude: 91 }, 'body.latitude', '纬度超出范围'],
      ['the start is not a date', { startAt: '明天上午' }, 'body.startAt', '开始时间格式不正确'],
      ['the end has no time zone', { endAt: '2030-01-01T10:00:00' }, 'body.endAt', '结束时间格式不正确'],
      ['the deadline is not a date', { signupDeadline: 'soon' }, 'body.signupDeadline', '报名截止时间格式不正确'],
      ['the title is missing', { title: undefined }, 'body.title', '请填写活动名称'],
    ])('when %s, then 400 validation_failed with the field path and nothing is stored', async (_case, over, path, message) => {
      const w = await world()

      const res = await t.http.post('/api/activities').set('Authorization', w.auth).send(body(w, over))

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details as ErrorDetails).toContainEqual({ path, message })
      expect(await t.db.prisma.activity.count({ where: { communityId: w.community.id } })).toBe(0)
    })

    test('when the end is already past, then 400 activity_in_past', async () => {
      const w = await world()

      const res = await t.http
        .post('/api/activities')
        .set('Authorization', w.auth)
        .send(body(w, { startAt: inHours(-3), endAt: inHours(-1), signupDeadline: inHours(-4) }))

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('activity_in_past')
    })

    test('when the type has been deactivated, then 409 activity_type_inactive', async () => {
      const w = await world()
      await t.db.prisma.activityType.update({ where: { id: w.type.id }, data: { active: false } })

      const res = await t.http.post('/api/activities').set('Authorization', w.auth).send(body(w))

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_type_inactive')
      expect(await t.db.prisma.activity.count({ where: { typeId: w.type.id } })).toBe(0)
    })

    test('when the type or the community does not exist, then 404 with the matching code', async () => {
      const w = await world()

      const noType = await t.http.post('/api/activities').set('Authorization', w.auth).send(body(w, { typeId: 987654 }))
      const noCommunity = await t.http.post('/api/activities').set('Authorization', w.auth).send(body(w, { communityId: 987654 }))

      expect([noType.status, noType.body.error.code]).toEqual([404, 'activity_type_not_found'])
      expect([noCommunity.status, noCommunity.body.error.code]).toEqual([404, 'community_not_found'])
    })
  })

  // ------------------------------------------------------------------ browsing

  describe('GET /api/activities', () => {
    test('when browsing, then upcoming activities come first by start time and past or cancelled ones are left out', async () => {
      const community = await makeCommunity(t.db.prisma)
      const inThreeDays = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: 72 })
      const tomorrow = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: 24 })
      const inTwoDays = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: 48 })
      const underWay = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: -1, durationHours: 3 })
      await makeActivity(t.db.prisma, { communityId: community.id, startInHours: -5, durationHours: 2 })
      const cancelled = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: 12 })
      await t.db.prisma.activity.update({ where: { id: cancelled.id }, data: { status: 'cancelled', cancelReason: '下雨' } })

      const res = await list({ communityId: community.id })

      expect(res.status).toBe(200)
      expect(idsOf(res)).toEqual([underWay.id, tomorrow.id, inTwoDays.id, inThreeDays.id])
      expect(res.body.total).toBe(4)
    })

    test('when filtering by type, then only that type’s activities are listed', async () => {
      const community = await makeCommunity(t.db.prisma)
      const a = await makeActivity(t.db.prisma, { communityId: community.id })
      await makeActivity(t.db.prisma, { communityId: community.id })

      const res = await list({ typeId: a.typeId })

      expect(idsOf(res)).toEqual([a.id])
    })

    test('when filtering by community, then activities elsewhere are left out', async () => {
      const [here, there] = [await makeCommunity(t.db.prisma), await makeCommunity(t.db.prisma)]
      const a = await makeActivity(t.db.prisma, { communityId: here.id })
      await makeActivity(t.db.prisma, { communityId: there.id })

      const res = await list({ communityId: here.id })

      expect(idsOf(res)).toEqual([a.id])
      expect(res.body.items[0].community).toEqual({ id: here.id, name: here.name })
    })

    test('when filtering by China dates, then an activity at 00:30 or 23:30 China time counts on that China date', async () => {
      const community = await makeCommunity(t.db.prisma)
      const day = chinaDate(Date.now() + 3 * 24 * HOUR)
      const dayBefore = chinaDate(Date.now() + 2 * 24 * HOUR)
      const dayAfter = chinaDate(Date.now() + 4 * 24 * HOUR)
      const at = async (date: string, time: string) => {
        const a = await makeActivity(t.db.prisma, { communityId: community.id })
        const startAt = chinaWallClock(date, time)
        return t.db.prisma.activity.update({
          where: { id: a.id },
          data: { startAt, endAt: new Date(startAt.getTime() + 20 * 60_000), signupDeadline: startAt },
        })
      }
      await at(dayBefore, '23:30')
      const earliest = await at(day, '00:30')
      const latest = await at(day, '23:30')
      await at(dayAfter, '00:00')
      // 23:30 in China is 15:30 UTC, 00:30 in China is 16:30 UTC on the day before
      expect(chinaDate(latest.startAt)).toBe(day)
      expect(earliest.startAt.toISOString().slice(0, 10)).not.toBe(day)

      const oneDay = await list({ communityId: community.id, from: day, to: day })
      const fromDay = await list({ communityId: community.id, from: day })
      const toDay = await list({ communityId: community.id, to: day })

      expect(idsOf(oneDay)).toEqual([earliest.id, latest.id])
      expect(fromDay.body.total).toBe(3)
      expect(toDay.body.total).toBe(3)
    })

    test('when the date is not in YYYY-MM-DD form, then 400 validation_failed at query.from', async () => {
      const res = await list({ from: '2026/11/30' })

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'query.from', message: '日期格式应为 YYYY-MM-DD' }])
    })

    test.each(['2026-13-45', '2026-02-30'])('when the date %s has the right shape but does not exist, then 400 validation_failed', async (to) => {
      const res = await list({ to })

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'query.to', message: '日期不存在' }])
    })

    test('when asking for past activities, then those that ended are listed most recent first, without cancelled ones', async () => {
      const community = await makeCommunity(t.db.prisma)
      const lastWeek = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: -24 * 7 })
      const yesterday = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: -24 })
      const cancelledPast = await makeActivity(t.db.prisma, { communityId: community.id, startInHours: -30 })
      await t.db.prisma.activity.update({ where: { id: cancelledPast.id }, data: { status: 'cancelled' } })
      await makeActivity(t.db.prisma, { communityId: community.id, startInHours: 24 })

      const past = await list({ communityId: community.id, status: 'past' })
      const cancelled = await list({ communityId: community.id, status: 'cancelled' })

      expect(idsOf(past)).toEqual([yesterday.id, lastWeek.id])
      expect(idsOf(cancelled)).toEqual([cancelledPast.id])
    })

    test('when a location is given, then the nearest come first, each with its distance in metres', async () => {
      const community = await makeCommunity(t.db.prisma)
      const place = async (lat: number, lng: number, startInHours: number) => {
        const a = await makeActivity(t.db.prisma, { communityId: community.id, startInHours })
        return t.db.prisma.activity.update({ where: { id: a.id }, data: { latitude: lat, longitude: lng } })
      }
      const me = { lat: 34.26, lng: 108.94 }
      const far = await place(34.31, 108.94, 24)
      const near = await place(34.261, 108.94, 72)
      const middle = await place(34.27, 108.95, 48)

      const res = await list({ communityId: community.id, near: `${me.lat},${me.lng}` })
      const plain = await list({ communityId: community.id })

      expect(res.status).toBe(200)
      expect(idsOf(res)).toEqual([near.id, middle.id, far.id])
      const distances = res.body.items.map((i: { distanceM: number }) => i.distanceM)
      expect(distances).toEqual(
        [near, middle, far].map((a) => Math.round(distanceMetres(me, { lat: a.latitude, lng: a.longitude }))),
      )
      expect(distances[0]).toBeGreaterThan(100)
      expect(distances[0]).toBeLessThan(120)
      expect(idsOf(plain)).toEqual([far.id, middle.id, near.id])
      expect(plain.body.items.every((i: { distanceM: unknown }) => i.distanceM === null)).toBe(true)
    })

    test('when the location is malformed, then 400 validation_failed at query.near', async () => {
      const res = await list({ near: '北京' })

      expect(res.status).toBe(400)
      expect(res.body.error.details[0].path).toBe('query.near')
    })

    test('when an organiser asks for mine=organised, then only the activities of the units they organise are listed', async () => {
      const unit = await makeUnit(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const first = await makeActivity(t.db.prisma, { unitId: unit.id, startInHours: 24 })
      const second = await makeActivity(t.db.prisma, { unitId: unit.id, startInHours: 30 })
      const other = await makeActivity(t.db.prisma, { startInHours: 26 })

      const res = await list({ mine: 'organised' }, await bearer(organiser.id))

      expect(idsOf(res)).toEqual([first.id, second.id])
      expect(res.body.items.every((i: { canManage: boolean }) => i.canManage)).toBe(true)
      const detail = await t.http.get(`/api/activities/${other.id}`).set('Authorization', await bearer(organiser.id))
      expect(detail.body.canManage).toBe(false)
    })

    test('when a volunteer asks for mine=signed_up, then their confirmed and waitlisted sign-ups are listed, not cancelled ones', async () => {
      const [me, other] = await makeVolunteers(t.db.prisma, 2)
      const confirmed = await makeActivity(t.db.prisma, { startInHours: 24 })
      const full = await makeActivity(t.db.prisma, { startInHours: 30, capacity: 1 })
      const dropped = await makeActivity(t.db.prisma, { startInHours: 36 })
      await makeActivity(t.db.prisma, { startInHours: 40 })
      await signUpInOrder(confirmed.id, [me.id])
      await signUpInOrder(full.id, [other.id, me.id])
      await signUpInOrder(dropped.id, [me.id])
      expect((await cancelMine(dropped.id, me.id)).status).toBe(200)

      const res = await list({ mine: 'signed_up' }, await bearer(me.id))

      expect(idsOf(res)).toEqual([confirmed.id, full.id])
      expect(res.body.items.map((i: { mySignup: unknown }) => i.mySignup)).toEqual([
        { status: 'confirmed', position: null },
        { status: 'waitlisted', position: 1 },
      ])
    })

    test('when places are taken, then the list and the detail show remaining places, counts and the caller’s sign-up', async () => {
      const a = await makeActivity(t.db.prisma, { capacity: 2 })
      const [first, second, third, fourth, stranger] = await makeVolunteers(t.db.prisma, 5)
      await signUpInOrder(a.id, [first.id, second.id, third.id, fourth.id])

      const asFourth = await list({ communityId: a.communityId }, await bearer(fourth.id))
      const detailAsFirst = await t.http.get(`/api/activities/${a.id}`).set('Authorization', await bearer(first.id))
      const detailAsStranger = await t.http.get(`/api/activities/${a.id}`).set('Authorization', await bearer(stranger.id))

      expect(asFourth.body.items[0]).toMatchObject({
        id: a.id,
        capacity: 2,
        confirmedCount: 2,
        waitlistCount: 2,
        remaining: 0,
        mySignup: { status: 'waitlisted', position: 2 },
        canManage: false,
      })
      expect(detailAsFirst.body).toMatchObject({ remaining: 0, mySignup: { status: 'confirmed', position: null } })
      expect(detailAsStranger.body.mySignup).toBeNull()

      expect((await cancelMine(a.id, first.id)).status).toBe(200)
      const afterCancel = await t.http.get(`/api/activities/${a.id}`).set('Authorization', await bearer(fourth.id))
      expect(afterCancel.body).toMatchObject({ confirmedCount: 2, waitlistCount: 1, remaining: 0, mySignup: { status: 'waitlisted', position: 1 } })
    })

    test('when a place is free, then remaining counts it', async () => {
      const a = await makeActivity(t.db.prisma, { capacity: 3 })
      const [first] = await makeVolunteers(t.db.prisma, 1)
      await signUpInOrder(a.id, [first.id])

      const res = await t.http.get(`/api/activities/${a.id}`).set('Authorization', await userAuth())

      expect(res.body).toMatchObject({ confirmedCount: 1, waitlistCount: 0, remaining: 2 })
    })

    test('when the activity does not exist, then 404 activity_not_found', async () => {
      const res = await t.http.get('/api/activities/987654').set('Authorization', await userAuth())

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('activity_not_found')
    })

    test('when nobody is logged in, then browsing is 401', async () => {
      const res = await t.http.get('/api/activities')

      expect(res.status).toBe(401)
    })
  })

  // ------------------------------------------------------------------ editing

  describe('PATCH /api/activities/:id', () => {
    /** An activity of a fresh unit, with its organiser's Authorization header. */
    async function managed(spec: ActivitySpec = {}) {
      const unit = await makeUnit(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const activity = await makeActivity(t.db.prisma, { ...spec, unitId: unit.id })
      return { unit, activity, auth: await bearer(organiser.id) }
    }
    const patch = (id: number, auth: string, data: Record<string, unknown>) =>
      t.http.patch(`/api/activities/${id}`).set('Authorization', auth).send(data)
    const noticesOf = (activityId: number, kind: string) =>
      t.db.prisma.notice.findMany({ where: { activityId, kind: kind as 'activity_changed' }, orderBy: { userId: 'asc' } })

    test('when the capacity grows, then the first waitlisted move up in order and each gets a waitlist_promoted notice', async () => {
      const { activity, auth } = await managed({ capacity: 1 })
      const [a, b, c, d] = await makeVolunteers(t.db.prisma, 4)
      await signUpInOrder(activity.id, [a.id, b.id, c.id, d.id])

      const res = await patch(activity.id, auth, { capacity: 3 })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ capacity: 3, confirmedCount: 3, waitlistCount: 1, remaining: 0 })
      expect([await statusOf(activity.id, b.id), await statusOf(activity.id, c.id), await statusOf(activity.id, d.id)]).toEqual([
        'confirmed',
        'confirmed',
        'waitlisted',
      ])
      const notices = await noticesOf(activity.id, 'waitlist_promoted')
      expect(notices.map((n) => n.userId)).toEqual([b.id, c.id])
      expect(notices[0].title).toContain(activity.title)
      const asD = await t.http.get(`/api/activities/${activity.id}`).set('Authorization', await bearer(d.id))
      expect(asD.body.mySignup).toEqual({ status: 'waitlisted', position: 1 })
    })

    test('when the capacity would drop below the confirmed sign-ups, then 409 capacity_below_confirmed and nothing changes', async () => {
      const { activity, auth } = await managed({ capacity: 3 })
      const people = await makeVolunteers(t.db.prisma, 2)
      await signUpInOrder(activity.id, people.map((p) => p.id))

      const res = await patch(activity.id, auth, { capacity: 1, title: '改了名字' })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('capacity_below_confirmed')
      expect(res.body.error.meta).toEqual({ confirmed: 2 })
      expect(await t.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).toMatchObject({
        capacity: 3,
        title: activity.title,
      })
    })

    test('when the capacity shrinks to exactly the confirmed sign-ups, then it is accepted and nothing is left', async () => {
      const { activity, auth } = await managed({ capacity: 5 })
      const people = await makeVolunteers(t.db.prisma, 2)
      await signUpInOrder(activity.id, people.map((p) => p.id))

      const res = await patch(activity.id, auth, { capacity: 2 })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ capacity: 2, remaining: 0 })
    })

    test('when the time changes, then everyone confirmed or waitlisted gets an activity_changed notice, not those who cancelled', async () => {
      const { activity, auth } = await managed({ capacity: 1, startInHours: 48 })
      const [confirmed, waitlisted, gone] = await makeVolunteers(t.db.prisma, 3)
      await signUpInOrder(activity.id, [confirmed.id, waitlisted.id, gone.id])
      expect((await cancelMine(activity.id, gone.id)).status).toBe(200)
      const startAt = inHours(60)

      const res = await patch(activity.id, auth, { startAt, endAt: inHours(62) })

      expect(res.status).toBe(200)
      expect(res.body.startAt).toBe(startAt)
      const notices = await noticesOf(activity.id, 'activity_changed')
      expect(notices.map((n) => n.userId)).toEqual([confirmed.id, waitlisted.id])
      const mine = await t.http.get('/api/me/notices').set('Authorization', await bearer(confirmed.id))
      expect(mine.body.items[0]).toMatchObject({ kind: 'activity_changed', activityId: activity.id, read: false })
    })

    test('when only the title changes, then nobody is notified', async () => {
      const { activity, auth } = await managed()
      const [person] = await makeVolunteers(t.db.prisma, 1)
      await signUpInOrder(activity.id, [person.id])

      const res = await patch(activity.id, auth, { title: '文明交通劝导（第二期）' })

      expect(res.status).toBe(200)
      expect(res.body.title).toBe('文明交通劝导（第二期）')
      expect(await t.db.prisma.notice.count({ where: { activityId: activity.id } })).toBe(0)
    })

    test('when a time is not a date, then 400 validation_failed at its path (not a server error)', async () => {
      const { activity, auth } = await managed()

      const res = await patch(activity.id, auth, { startAt: '下周一', endAt: inHours(60) })

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'body.startAt', message: '开始时间格式不正确' }])
    })

    test('when only the end moves before the start, then 400 validation_failed and nothing changes', async () => {
      const { activity, auth } = await managed({ startInHours: 48 })

      const res = await patch(activity.id, auth, { endAt: inHours(47) })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect((await t.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).endAt).toEqual(activity.endAt)
    })

    test('when an organiser of another unit edits, then 403 forbidden and nothing changes', async () => {
      const { activity } = await managed()
      const otherUnit = await makeUnit(t.db.prisma)

      const res = await patch(activity.id, await userAuth({ organiserOfUnit: otherUnit.id }), { capacity: 99 })

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect((await t.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).capacity).toBe(10)
    })

    test('when a volunteer edits, then 403 forbidden', async () => {
      const { activity } = await managed()

      const res = await patch(activity.id, await userAuth(), { capacity: 99 })

      expect(res.status).toBe(403)
    })

    test('when the office edits any activity, then 200', async () => {
      const { activity } = await managed()

      const res = await patch(activity.id, await userAuth({ office: true }), { capacity: 12 })

      expect(res.status).toBe(200)
      expect(res.body.capacity).toBe(12)
    })

    test('when the activity was cancelled, then 409 activity_cancelled', async () => {
      const { activity, auth } = await managed()
      await t.db.prisma.activity.update({ where: { id: activity.id }, data: { status: 'cancelled' } })

      const res = await patch(activity.id, auth, { capacity: 20 })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
    })

    test('when the activity has ended, then 409 activity_ended', async () => {
      const { activity, auth } = await managed({ startInHours: -5, durationHours: 2 })

      const res = await patch(activity.id, auth, { capacity: 20 })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_ended')
    })

    test('when the activity does not exist, then 404 activity_not_found', async () => {
      const res = await patch(987654, await userAuth({ office: true }), { capacity: 20 })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('activity_not_found')
    })
  })

  // ------------------------------------------------------------------ cancelling

  describe('POST /api/activities/:id/cancel', () => {
    async function managed(spec: ActivitySpec = {}) {
      const unit = await makeUnit(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const activity = await makeActivity(t.db.prisma, { ...spec, unitId: unit.id })
      return { unit, activity, auth: await bearer(organiser.id) }
    }
    const cancel = (id: number, auth: string, reason = '暴雨预警') =>
      t.http.post(`/api/activities/${id}/cancel`).set('Authorization', auth).send({ reason })

    test('when an organiser cancels, then it is cancelled and everyone confirmed or waitlisted gets a notice on 我的', async () => {
      const { activity, auth } = await managed({ capacity: 1 })
      const [confirmed, waitlisted, gone, stranger] = await makeVolunteers(t.db.prisma, 4)
      await signUpInOrder(activity.id, [confirmed.id, waitlisted.id, gone.id])
      expect((await cancelMine(activity.id, gone.id)).status).toBe(200)

      const res = await cancel(activity.id, auth, '暴雨预警')

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id: activity.id, status: 'cancelled', cancelReason: '暴雨预警' })
      for (const person of [confirmed, waitlisted]) {
        const notices = await t.http.get('/api/me/notices').set('Authorization', await bearer(person.id))
        expect(notices.status).toBe(200)
        expect(notices.body.unread).toBe(1)
        expect(notices.body.items).toEqual([
          {
            id: expect.any(Number),
            kind: 'activity_cancelled',
            title: `活动已取消：${activity.title}`,
            body: expect.stringContaining('原因：暴雨预警'),
            activityId: activity.id,
            createdAt: expect.any(String),
            read: false,
          },
        ])
      }
      for (const person of [gone, stranger]) {
        const notices = await t.http.get('/api/me/notices').set('Authorization', await bearer(person.id))
        expect(notices.body).toEqual({ items: [], unread: 0 })
      }
    })

    test('when the notices are marked read, then the unread count is 0 and each shows read', async () => {
      const { activity, auth } = await managed()
      const [person] = await makeVolunteers(t.db.prisma, 1)
      await signUpInOrder(activity.id, [person.id])
      expect((await cancel(activity.id, auth)).status).toBe(200)
      const personAuth = await bearer(person.id)

      const read = await t.http.post('/api/me/notices/read').set('Authorization', personAuth)
      const after = await t.http.get('/api/me/notices').set('Authorization', personAuth)

      expect(read.status).toBe(200)
      expect(read.body).toEqual({ ok: true })
      expect(after.body.unread).toBe(0)
      expect(after.body.items.map((n: { read: boolean }) => n.read)).toEqual([true])
    })

    test('when someone signs up for a cancelled activity, then 409 activity_cancelled', async () => {
      const { activity, auth } = await managed()
      expect((await cancel(activity.id, auth)).status).toBe(200)
      const [person] = await makeVolunteers(t.db.prisma, 1)

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
      expect(await t.db.prisma.signup.count({ where: { activityId: activity.id } })).toBe(0)
    })

    test('when the activity is cancelled twice, then the second is 409 activity_cancelled and nobody is told twice', async () => {
      const { activity, auth } = await managed()
      const [person] = await makeVolunteers(t.db.prisma, 1)
      await signUpInOrder(activity.id, [person.id])
      expect((await cancel(activity.id, auth)).status).toBe(200)

      const res = await cancel(activity.id, auth)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
      expect(await t.db.prisma.notice.count({ where: { activityId: activity.id, userId: person.id } })).toBe(1)
    })

    test('when a cancelled activity is browsed, then it shows only under status=cancelled', async () => {
      const { activity, auth } = await managed()
      expect((await cancel(activity.id, auth)).status).toBe(200)

      const upcoming = await list({ communityId: activity.communityId })
      const cancelled = await list({ communityId: activity.communityId, status: 'cancelled' })

      expect(idsOf(upcoming)).toEqual([])
      expect(idsOf(cancelled)).toEqual([activity.id])
    })

    test('when an organiser of another unit or a volunteer cancels, then 403 and it stays published', async () => {
      const { activity } = await managed()
      const otherUnit = await makeUnit(t.db.prisma)

      const byOther = await cancel(activity.id, await userAuth({ organiserOfUnit: otherUnit.id }))
      const byVolunteer = await cancel(activity.id, await userAuth())

      expect(byOther.status).toBe(403)
      expect(byVolunteer.status).toBe(403)
      expect((await t.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe('published')
    })

    test('when no reason is given, then 400 validation_failed at body.reason', async () => {
      const { activity, auth } = await managed()

      const res = await t.http.post(`/api/activities/${activity.id}/cancel`).set('Authorization', auth).send({})

      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([{ path: 'body.reason', message: '请填写取消原因' }])
    })
  })

  // ------------------------------------------------------------------ roster

  describe('GET /api/activities/:id/roster', () => {
    const roster = (id: number, auth: string) => t.http.get(`/api/activities/${id}/roster`).set('Authorization', auth)

    test('when the organiser opens the roster, then confirmed, waitlist 1..n in order and cancelled are listed with masked phones', async () => {
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const activity = await makeActivity(t.db.prisma, { unitId: unit.id, capacity: 2 })
      const phones = ['13812345678', '13922220001', '13722220002', '13622220003', '13522220004']
      const people = []
      for (const [i, phone] of phones.entries()) {
        people.push(await makeUser(t.db.prisma, { phone, realName: `志愿者${i}`, communityId: community.id }))
      }
      await signUpInOrder(activity.id, people.map((p) => p.id))
      expect((await cancelMine(activity.id, people[3].id)).status).toBe(200)

      const res = await roster(activity.id, await bearer(organiser.id))

      expect(res.status).toBe(200)
      expect(res.body.confirmed.map((e: { userId: number }) => e.userId)).toEqual([people[0].id, people[1].id])
      expect(res.body.waitlist.map((e: { userId: number; position: number }) => [e.userId, e.position])).toEqual([
        [people[2].id, 1],
        [people[4].id, 2],
      ])
      expect(res.body.cancelled.map((e: { userId: number }) => e.userId)).toEqual([people[3].id])
      expect(res.body.confirmed[0]).toEqual({
        userId: people[0].id,
        name: '志愿者0',
        phone: '138****5678',
        community: { id: community.id, name: community.name },
        unit: null,
        signedUpAt: expect.any(String),
        position: null,
        cancelledAt: null,
      })
      expect(res.body.cancelled[0].cancelledAt).toEqual(expect.any(String))
      const text = JSON.stringify(res.body)
      for (const phone of phones) expect(text).not.toContain(phone)
      expect(text).not.toContain('2220')
    })

    test('when a volunteer opens the roster, then 403', async () => {
      const activity = await makeActivity(t.db.prisma)

      const res = await roster(activity.id, await userAuth())

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    })

    test('when an organiser of another unit opens the roster, then 403', async () => {
      const activity = await makeActivity(t.db.prisma)
      const otherUnit = await makeUnit(t.db.prisma)

      const res = await roster(activity.id, await userAuth({ organiserOfUnit: otherUnit.id }))

      expect(res.status).toBe(403)
    })

    test('when the office or the organising community’s organiser opens the roster, then 200', async () => {
      const community = await makeCommunity(t.db.prisma)
      const activity = await makeActivity(t.db.prisma, { organiserCommunityId: community.id, communityId: community.id })

      const byOffice = await roster(activity.id, await userAuth({ office: true }))
      const byCommunity = await roster(activity.id, await userAuth({ organiserOfCommunity: community.id }))

      expect(byOffice.status).toBe(200)
      expect(byOffice.body).toEqual({ confirmed: [], waitlist: [], cancelled: [] })
      expect(byCommunity.status).toBe(200)
    })

    test('when the activity does not exist, then 404 activity_not_found', async () => {
      const res = await roster(987654, await userAuth({ office: true }))

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('activity_not_found')
    })
  })
})

describe('activity rules added after review', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  test('when a finished activity is cancelled, then 409 activity_ended and it stays published', async () => {
    const office = await makeUser(t.db.prisma, { office: true })
    const a = await makeActivity(t.db.prisma, { startInHours: -5, durationHours: 2, deadlineInHours: -6 })
    const res = await t.http
      .post(`/api/activities/${a.id}/cancel`)
      .set('Authorization', `Bearer ${await t.tokenFor(office.id)}`)
      .send({ reason: '补录' })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('activity_ended')
    expect((await t.db.prisma.activity.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('published')
  })

  test('when a community-organised activity is limited to unit staff, then 400 and nothing is created', async () => {
    const community = await makeCommunity(t.db.prisma)
    const organiser = await makeUser(t.db.prisma, { organiserOfCommunity: community.id })
    const type = await makeType(t.db.prisma)
    const start = new Date(Date.now() + 48 * 3_600_000)
    const before = await t.db.prisma.activity.count()
    const res = await t.http
      .post('/api/activities')
      .set('Authorization', `Bearer ${await t.tokenFor(organiser.id)}`)
      .send({
        title: '社区活动',
        typeId: type.id,
        organiserCommunityId: community.id,
        communityId: community.id,
        address: '社区广场',
        latitude: 34.26,
        longitude: 108.94,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 3_600_000).toISOString(),
        signupDeadline: start.toISOString(),
        capacity: 10,
        audience: 'unit_staff',
      })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    expect(await t.db.prisma.activity.count()).toBe(before)
  })
})
