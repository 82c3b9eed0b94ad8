/**
 * The sign-up rules one person meets: deadlines, a full activity with and without a waitlist,
 * signing up again, eligibility, profile, overlapping times, suspension after repeated no-shows
 * (and the office lifting it), and waitlist promotion passing over someone now busy elsewhere.
 * (Simultaneous sign-ups are in signup-concurrency.test.ts.)
 */
import { type TestApp, createTestApp } from '../helpers/app'
import { makeActivity, makeVolunteers } from '../helpers/activities'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('signing up', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const bearer = async (userId: number, app: TestApp = t) => `Bearer ${await app.tokenFor(userId)}`
  const signUp = async (activityId: number, userId: number, app: TestApp = t) =>
    app.http.post(`/api/activities/${activityId}/signups`).set('Authorization', await bearer(userId, app))
  const cancel = async (activityId: number, userId: number) =>
    t.http.delete(`/api/activities/${activityId}/signups/me`).set('Authorization', await bearer(userId))
  async function signUpInOrder(activityId: number, userIds: number[]) {
    for (const id of userIds) expect((await signUp(activityId, id)).status).toBe(201)
  }
  const statusOf = async (activityId: number, userId: number) =>
    (await t.db.prisma.signup.findUnique({ where: { activityId_userId: { activityId, userId } } }))?.status
  const volunteer = async () => (await makeVolunteers(t.db.prisma, 1))[0]

  describe('deadlines', () => {
    test('when the sign-up deadline has passed, then 409 signup_closed and nothing is stored', async () => {
      const activity = await makeActivity(t.db.prisma, { startInHours: 5, deadlineInHours: -1 })
      const person = await volunteer()

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(409)
      expect(res.body.error).toEqual({ code: 'signup_closed', message: '报名已截止' })
      expect(await statusOf(activity.id, person.id)).toBeUndefined()
    })

    test('when the activity has already ended, then 409 signup_closed', async () => {
      const activity = await makeActivity(t.db.prisma, { startInHours: -5, durationHours: 2 })
      const person = await volunteer()

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('signup_closed')
    })

    test('when the deadline passes after signing up, then cancelling is 409 signup_closed and the place is kept', async () => {
      const activity = await makeActivity(t.db.prisma, { startInHours: 5 })
      const person = await volunteer()
      await signUpInOrder(activity.id, [person.id])
      await t.db.prisma.activity.update({ where: { id: activity.id }, data: { signupDeadline: new Date(Date.now() - 60_000) } })

      const res = await cancel(activity.id, person.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('signup_closed')
      expect(await statusOf(activity.id, person.id)).toBe('confirmed')
    })

    test('when cancelling before the deadline, then 200 and the sign-up is cancelled', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await signUpInOrder(activity.id, [person.id])

      const res = await cancel(activity.id, person.id)

      expect(res.status).toBe(200)
      expect(res.body).toEqual({ ok: true })
      const row = await t.db.prisma.signup.findUniqueOrThrow({ where: { activityId_userId: { activityId: activity.id, userId: person.id } } })
      expect(row.status).toBe('cancelled')
      expect(row.cancelledAt).toBeInstanceOf(Date)
    })
  })

  describe('a full activity', () => {
    test('when it is full and neither waitlist nor walk-ins are on, then 409 activity_full', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 1, waitlistEnabled: false, allowWalkIn: false })
      const [first, second] = await makeVolunteers(t.db.prisma, 2)
      await signUpInOrder(activity.id, [first.id])

      const res = await signUp(activity.id, second.id)

      expect(res.status).toBe(409)
      expect(res.body.error).toEqual({ code: 'activity_full', message: '名额已满' })
      expect(await statusOf(activity.id, second.id)).toBeUndefined()
    })

    test('when it is full with the waitlist off but walk-ins on, then the sign-up is waitlisted, not refused', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 1, waitlistEnabled: false, allowWalkIn: true })
      const [first, second] = await makeVolunteers(t.db.prisma, 2)
      await signUpInOrder(activity.id, [first.id])

      const res = await signUp(activity.id, second.id)

      expect(res.status).toBe(201)
      expect(res.body).toEqual({ status: 'waitlisted', position: 1 })
    })

    test('when it is full with the waitlist on, then later sign-ups are waitlisted with positions 1, 2, …', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 1 })
      const [first, second, third] = await makeVolunteers(t.db.prisma, 3)

      const results = []
      for (const p of [first, second, third]) results.push((await signUp(activity.id, p.id)).body)

      expect(results).toEqual([
        { status: 'confirmed', position: null },
        { status: 'waitlisted', position: 1 },
        { status: 'waitlisted', position: 2 },
      ])
    })
  })

  describe('signing up again and cancelling', () => {
    test('when someone cancels and signs up again while places are free, then they are confirmed again', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 3 })
      const person = await volunteer()
      await signUpInOrder(activity.id, [person.id])
      expect((await cancel(activity.id, person.id)).status).toBe(200)

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(201)
      expect(res.body).toEqual({ status: 'confirmed', position: null })
      const row = await t.db.prisma.signup.findUniqueOrThrow({ where: { activityId_userId: { activityId: activity.id, userId: person.id } } })
      expect(row.cancelledAt).toBeNull()
    })

    test('when a waitlisted person cancels and signs up again, then they go to the end of the waitlist', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 1 })
      const [first, second, third] = await makeVolunteers(t.db.prisma, 3)
      await signUpInOrder(activity.id, [first.id, second.id, third.id])
      expect((await cancel(activity.id, second.id)).status).toBe(200)

      const res = await signUp(activity.id, second.id)

      expect(res.status).toBe(201)
      expect(res.body).toEqual({ status: 'waitlisted', position: 2 })
      const asThird = await t.http.get(`/api/activities/${activity.id}`).set('Authorization', await bearer(third.id))
      expect(asThird.body.mySignup).toEqual({ status: 'waitlisted', position: 1 })
    })

    test('when a confirmed person cancels and the place is taken meanwhile, then signing up again joins the end of the waitlist', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 1 })
      const [first, second, third] = await makeVolunteers(t.db.prisma, 3)
      await signUpInOrder(activity.id, [first.id, second.id, third.id])
      expect((await cancel(activity.id, first.id)).status).toBe(200)

      const res = await signUp(activity.id, first.id)

      expect(res.body).toEqual({ status: 'waitlisted', position: 2 })
      expect(await statusOf(activity.id, second.id)).toBe('confirmed')
    })

    test('when someone not signed up cancels, then 404 signup_not_found', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()

      const res = await cancel(activity.id, person.id)

      expect(res.status).toBe(404)
      expect(res.body.error).toEqual({ code: 'signup_not_found', message: '你没有报名该活动' })
    })

    test('when someone cancels twice, then the second is 404 signup_not_found', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await signUpInOrder(activity.id, [person.id])
      expect((await cancel(activity.id, person.id)).status).toBe(200)

      const res = await cancel(activity.id, person.id)

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('signup_not_found')
    })

    test('when the activity does not exist, then signing up and cancelling are 404 activity_not_found', async () => {
      const person = await volunteer()

      const up = await signUp(987654, person.id)
      const down = await cancel(987654, person.id)

      expect([up.status, up.body.error.code]).toEqual([404, 'activity_not_found'])
      expect([down.status, down.body.error.code]).toEqual([404, 'activity_not_found'])
    })
  })

  describe('who may sign up', () => {
    test('when the profile is incomplete, then 409 profile_incomplete and nothing is stored', async () => {
      const activity = await makeActivity(t.db.prisma)
      const newcomer = await makeUser(t.db.prisma, { profile: false })

      const res = await signUp(activity.id, newcomer.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('profile_incomplete')
      expect(await statusOf(activity.id, newcomer.id)).toBeUndefined()
    })

    test('when the activity is for residents of its community, then outsiders get 403 not_eligible and residents 201', async () => {
      const community = await makeCommunity(t.db.prisma)
      const elsewhere = await makeCommunity(t.db.prisma)
      const activity = await makeActivity(t.db.prisma, { communityId: community.id, audience: 'community_residents' })
      const [resident] = await makeVolunteers(t.db.prisma, 1, { communityId: community.id })
      const [outsider] = await makeVolunteers(t.db.prisma, 1, { communityId: elsewhere.id })
      const [nobody] = await makeVolunteers(t.db.prisma, 1)

      const byOutsider = await signUp(activity.id, outsider.id)
      const byNobody = await signUp(activity.id, nobody.id)
      const byResident = await signUp(activity.id, resident.id)

      expect(byOutsider.status).toBe(403)
      expect(byOutsider.body.error).toEqual({ code: 'not_eligible', message: '你不在该活动的参加对象范围内' })
      expect(byNobody.status).toBe(403)
      expect(byResident.status).toBe(201)
      expect(byResident.body.status).toBe('confirmed')
    })

    test('when the activity is for staff of the organising unit, then other staff get 403 not_eligible and its staff 201', async () => {
      const unit = await makeUnit(t.db.prisma)
      const otherUnit = await makeUnit(t.db.prisma)
      const activity = await makeActivity(t.db.prisma, { unitId: unit.id, audience: 'unit_staff' })
      const [staff] = await makeVolunteers(t.db.prisma, 1, { unitId: unit.id })
      const [otherStaff] = await makeVolunteers(t.db.prisma, 1, { unitId: otherUnit.id })
      const [resident] = await makeVolunteers(t.db.prisma, 1, { communityId: activity.communityId })

      const byOther = await signUp(activity.id, otherStaff.id)
      const byResident = await signUp(activity.id, resident.id)
      const byStaff = await signUp(activity.id, staff.id)

      expect([byOther.status, byOther.body.error.code]).toEqual([403, 'not_eligible'])
      expect([byResident.status, byResident.body.error.code]).toEqual([403, 'not_eligible'])
      expect(byStaff.status).toBe(201)
    })

    test('when nobody is logged in, then 401', async () => {
      const activity = await makeActivity(t.db.prisma)

      const res = await t.http.post(`/api/activities/${activity.id}/signups`)

      expect(res.status).toBe(401)
    })
  })

  describe('overlapping times', () => {
    test('when the person is confirmed for an overlapping activity, then 409 signup_overlaps naming it', async () => {
      const first = await makeActivity(t.db.prisma, { startInHours: 30, durationHours: 2 })
      const second = await makeActivity(t.db.prisma, { startInHours: 31, durationHours: 2 })
      const person = await volunteer()
      await signUpInOrder(first.id, [person.id])

      const res = await signUp(second.id, person.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('signup_overlaps')
      expect(res.body.error.message).toContain(first.title)
      expect(res.body.error.meta).toMatchObject({ activityId: first.id, title: first.title })
      expect(await statusOf(second.id, person.id)).toBeUndefined()
    })

    test('when one activity ends exactly when the other starts, then both sign-ups are confirmed', async () => {
      const first = await makeActivity(t.db.prisma, { startInHours: 30, durationHours: 2 })
      const made = await makeActivity(t.db.prisma, { startInHours: 40 })
      const second = await t.db.prisma.activity.update({
        where: { id: made.id },
        data: { startAt: first.endAt, endAt: new Date(first.endAt.getTime() + 2 * HOUR), signupDeadline: first.startAt },
      })
      const person = await volunteer()

      const a = await signUp(first.id, person.id)
      const b = await signUp(second.id, person.id)

      expect([a.status, b.status]).toEqual([201, 201])
      expect([a.body.status, b.body.status]).toEqual(['confirmed', 'confirmed'])
    })

    test('when the overlapping sign-up is only waitlisted, cancelled, or its activity cancelled, then it does not block', async () => {
      const full = await makeActivity(t.db.prisma, { startInHours: 30, capacity: 1 })
      const dropped = await makeActivity(t.db.prisma, { startInHours: 30 })
      const calledOff = await makeActivity(t.db.prisma, { startInHours: 30 })
      const target = await makeActivity(t.db.prisma, { startInHours: 30.5 })
      const [taker, person] = await makeVolunteers(t.db.prisma, 2)
      await signUpInOrder(full.id, [taker.id, person.id])
      await signUpInOrder(dropped.id, [person.id])
      expect((await cancel(dropped.id, person.id)).status).toBe(200)
      // not yet cancelled: it blocks; afterwards: it does not
      const onCalledOff = await signUp(calledOff.id, person.id)
      expect(onCalledOff.status).toBe(201)
      expect((await signUp(target.id, person.id)).body.error.meta.activityId).toBe(calledOff.id)
      await t.db.prisma.activity.update({ where: { id: calledOff.id }, data: { status: 'cancelled' } })

      const res = await signUp(target.id, person.id)

      expect(res.status).toBe(201)
      expect(res.body.status).toBe('confirmed')
    })
  })

  describe('suspension after no-shows', () => {
    /** `n` past activities, each with an unexcused no-show of the person, `daysAgo` days back and before. */
    async function noShows(prisma: TestApp['db']['prisma'], userId: number, n: number, daysAgo = 10) {
      for (let i = 0; i < n; i++) {
        const a = await makeActivity(prisma, { startInHours: -(daysAgo + i) * 24, durationHours: 2 })
        await prisma.attendance.create({ data: { activityId: a.id, userId, source: 'scan', status: 'no_show' } })
      }
    }

    test('when there are 5 no-shows within a year, then 403 signup_suspended and nothing is stored', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await noShows(t.db.prisma, person.id, 5)

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('signup_suspended')
      expect(await statusOf(activity.id, person.id)).toBeUndefined()
    })

    test('when there are 4 no-shows and an attended activity, then signing up is allowed', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await noShows(t.db.prisma, person.id, 4)
      const attended = await makeActivity(t.db.prisma, { startInHours: -48 })
      await t.db.prisma.attendance.create({ data: { activityId: attended.id, userId: person.id, source: 'scan', status: 'approved' } })

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(201)
    })

    test('when one of 5 no-shows is older than a year, then it does not count and signing up is allowed', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await noShows(t.db.prisma, person.id, 4, 30)
      await noShows(t.db.prisma, person.id, 1, 400)

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(201)
    })

    test('when the office lifts the suspension, then signing up is allowed again', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await noShows(t.db.prisma, person.id, 5)
      expect((await signUp(activity.id, person.id)).status).toBe(403)
      const office = await makeUser(t.db.prisma, { office: true })

      const lifted = await t.http.post(`/api/users/${person.id}/lift-suspension`).set('Authorization', await bearer(office.id))
      const res = await signUp(activity.id, person.id)

      expect(lifted.status).toBe(200)
      expect(lifted.body.user.id).toBe(person.id)
      expect(res.status).toBe(201)
    })

    test('when 5 more no-shows follow a lifted suspension, then the person is suspended again', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await noShows(t.db.prisma, person.id, 5, 40)
      await t.db.prisma.user.update({ where: { id: person.id }, data: { suspensionLiftedAt: new Date(Date.now() - 30 * DAY) } })
      expect((await signUp(activity.id, person.id)).status).toBe(201)
      expect((await cancel(activity.id, person.id)).status).toBe(200)
      await noShows(t.db.prisma, person.id, 5, 10)

      const res = await signUp(activity.id, person.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('signup_suspended')
    })

    test('when a volunteer tries to lift a suspension, then 403 and the person stays suspended', async () => {
      const activity = await makeActivity(t.db.prisma)
      const person = await volunteer()
      await noShows(t.db.prisma, person.id, 5)

      const lifted = await t.http.post(`/api/users/${person.id}/lift-suspension`).set('Authorization', await bearer(person.id))

      expect(lifted.status).toBe(403)
      expect((await signUp(activity.id, person.id)).status).toBe(403)
    })

    test('when the office lifts the suspension of someone unknown, then 404 user_not_found', async () => {
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await t.http.post('/api/users/987654/lift-suspension').set('Authorization', await bearer(office.id))

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('user_not_found')
    })

    test('when NO_SHOW_LIMIT is 2, then 2 no-shows suspend and 1 does not', async () => {
      const strict = await createTestApp({ NO_SHOW_LIMIT: '2' })
      try {
        const activity = await makeActivity(strict.db.prisma)
        const [twice, once] = await makeVolunteers(strict.db.prisma, 2)
        await noShows(strict.db.prisma, twice.id, 2)
        await noShows(strict.db.prisma, once.id, 1)

        const suspended = await signUp(activity.id, twice.id, strict)
        const allowed = await signUp(activity.id, once.id, strict)

        expect([suspended.status, suspended.body.error?.code]).toEqual([403, 'signup_suspended'])
        expect(allowed.status).toBe(201)
      } finally {
        await strict.close()
      }
    })
  })

  describe('waitlist promotion', () => {
    test('when the first waitlisted person is meanwhile confirmed elsewhere at the same time, then they are passed over and the next is promoted', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 1, startInHours: 50 })
      const elsewhere = await makeActivity(t.db.prisma, { startInHours: 50.5 })
      const [leaving, busy, next, last] = await makeVolunteers(t.db.prisma, 4)
      await signUpInOrder(activity.id, [leaving.id, busy.id, next.id, last.id])
      // a waitlisted sign-up does not block an overlapping one
      expect((await signUp(elsewhere.id, busy.id)).body.status).toBe('confirmed')

      expect((await cancel(activity.id, leaving.id)).status).toBe(200)

      expect(await statusOf(activity.id, busy.id)).toBe('waitlisted')
      expect(await statusOf(activity.id, next.id)).toBe('confirmed')
      expect(await statusOf(activity.id, last.id)).toBe('waitlisted')
      const promoted = await t.db.prisma.notice.findMany({ where: { activityId: activity.id, kind: 'waitlist_promoted' } })
      expect(promoted.map((n) => n.userId)).toEqual([next.id])
      const asBusy = await t.http.get(`/api/activities/${activity.id}`).set('Authorization', await bearer(busy.id))
      expect(asBusy.body.mySignup).toEqual({ status: 'waitlisted', position: 1 })
    })

    test('when a waitlisted person cancels, then nobody is promoted and the others move up a position', async () => {
      const activity = await makeActivity(t.db.prisma, { capacity: 1 })
      const [confirmed, first, second] = await makeVolunteers(t.db.prisma, 3)
      await signUpInOrder(activity.id, [confirmed.id, first.id, second.id])

      expect((await cancel(activity.id, first.id)).status).toBe(200)

      expect(await statusOf(activity.id, confirmed.id)).toBe('confirmed')
      expect(await statusOf(activity.id, second.id)).toBe('waitlisted')
      expect(await t.db.prisma.notice.count({ where: { activityId: activity.id } })).toBe(0)
      const asSecond = await t.http.get(`/api/activities/${activity.id}`).set('Authorization', await bearer(second.id))
      expect(asSecond.body.mySignup).toEqual({ status: 'waitlisted', position: 1 })
    })
  })
})
