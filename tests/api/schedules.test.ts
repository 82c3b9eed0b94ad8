/**
 * Weekly 周上街 schedules: a unit's organiser sets the pattern; the generator creates the
 * concrete duty activities for the coming weeks on the right China weekday and wall-clock time,
 * idempotently; deleting a schedule cancels its future activities (and tells who signed up).
 */
import { chinaDate, inChina } from '@civic/shared'
import { generateAll, generateFor } from '../../server/src/modules/activities/schedules'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeType, makeVolunteers } from '../helpers/activities'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'

const DAY = 24 * 3_600_000
const WEEK = 7 * DAY

/** The ISO weekday (1 = Monday) `days` days from today, in China. Three days out keeps every occurrence well clear of now. */
/** ISO weekday (1 = Monday … 7 = Sunday) of an instant in China */
const isoWeekdayInChina = (instant: Date | number) => ((inChina(instant).day() + 6) % 7) + 1
const chinaWeekdayIn = (days: number) => ((isoWeekdayInChina(Date.now()) - 1 + days) % 7) + 1

describe('weekly 周上街 schedules', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const bearer = async (userId: number) => `Bearer ${await t.tokenFor(userId)}`

  /** A unit with its organiser, a community and a duty type. */
  async function world() {
    const unit = await makeUnit(t.db.prisma)
    const community = await makeCommunity(t.db.prisma)
    const type = await makeType(t.db.prisma, { duty: true })
    const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
    return { unit, community, type, organiser, auth: await bearer(organiser.id) }
  }

  const body = (w: { unit: { id: number }; community: { id: number }; type: { id: number } }, over: Record<string, unknown> = {}) => ({
    unitId: w.unit.id,
    typeId: w.type.id,
    title: '周上街：文明交通劝导',
    weekday: chinaWeekdayIn(3),
    // 07:00 in China is 23:00 UTC the day before: a time-zone slip shows as a wrong date
    startTime: '07:00',
    endTime: '08:30',
    communityId: w.community.id,
    address: '人民路与解放路交叉口',
    latitude: 34.26,
    longitude: 108.94,
    requiredHeadcount: 3,
    weeksAhead: 4,
    ...over,
  })
  const post = (auth: string, data: Record<string, unknown>) => t.http.post('/api/schedules').set('Authorization', auth).send(data)
  const generated = (scheduleId: number) =>
    t.db.prisma.activity.findMany({ where: { scheduleId }, orderBy: { startAt: 'asc' } })

  describe('POST /api/schedules', () => {
    test('when a unit organiser sets a pattern, then the coming weeks’ activities are created on that China weekday and time', async () => {
      const w = await world()
      const weekday = chinaWeekdayIn(3)

      const res = await post(w.auth, body(w, { weekday }))

      expect(res.status).toBe(201)
      expect(res.body.created).toBe(4)
      const rows = await generated(res.body.schedule.id)
      expect(rows).toHaveLength(4)
      expect(rows.map((a) => chinaDate(a.startAt))).toEqual([3, 10, 17, 24].map((d) => chinaDate(Date.now() + d * DAY)))
      for (const a of rows) {
        expect(isoWeekdayInChina(a.startAt)).toBe(weekday)
        expect(inChina(a.startAt).format('HH:mm')).toBe('07:00')
        expect(inChina(a.endAt).format('HH:mm')).toBe('08:30')
        expect(chinaDate(a.endAt)).toBe(chinaDate(a.startAt))
      }
      expect(rows.slice(1).map((a, i) => a.startAt.getTime() - rows[i].startAt.getTime())).toEqual([WEEK, WEEK, WEEK])
    })

    test('when activities are generated, then they are unit-staff duty with the required headcount and the deadline at the start', async () => {
      const w = await world()

      const res = await post(w.auth, body(w, { requiredHeadcount: 3, capacity: 5, weeksAhead: 2 }))

      expect(res.status).toBe(201)
      const rows = await generated(res.body.schedule.id)
      expect(rows).toHaveLength(2)
      for (const a of rows) {
        expect(a).toMatchObject({
          title: '周上街：文明交通劝导',
          typeId: w.type.id,
          organiserUnitId: w.unit.id,
          organiserCommunityId: null,
          communityId: w.community.id,
          audience: 'unit_staff',
          requiredHeadcount: 3,
          capacity: 5,
          status: 'published',
          createdById: w.organiser.id,
        })
        expect(a.signupDeadline).toEqual(a.startAt)
      }
      expect(res.body.schedule).toMatchObject({
        unit: { id: w.unit.id, name: w.unit.name },
        type: { id: w.type.id, name: w.type.name },
        community: { id: w.community.id, name: w.community.name },
        requiredHeadcount: 3,
        capacity: 5,
        weeksAhead: 2,
        upcoming: rows.map((a) => ({ id: a.id, startAt: a.startAt.toISOString(), status: 'published' })),
      })
    })

    test('when no capacity is given, then it is the required headcount', async () => {
      const w = await world()

      const res = await post(w.auth, body(w, { requiredHeadcount: 6, capacity: undefined, weeksAhead: 1 }))

      expect(res.body.schedule.capacity).toBe(6)
      expect((await generated(res.body.schedule.id)).map((a) => a.capacity)).toEqual([6])
    })

    test('when no type is given, then the 周上街 type is used', async () => {
      const w = await world()
      const duty = await t.db.prisma.activityType.create({ data: { name: '周上街', duty: true, pointsPerHour: 5 } })

      const res = await post(w.auth, body(w, { typeId: undefined, weeksAhead: 1 }))

      expect(res.status).toBe(201)
      expect(res.body.schedule.type).toEqual({ id: duty.id, name: '周上街' })
      expect((await generated(res.body.schedule.id))[0].typeId).toBe(duty.id)
    })

    test('when generated activities are browsed, then the unit’s staff may sign up and outsiders may not', async () => {
      const w = await world()
      const res = await post(w.auth, body(w, { weeksAhead: 1 }))
      const [first] = await generated(res.body.schedule.id)
      const [staff] = await makeVolunteers(t.db.prisma, 1, { unitId: w.unit.id })
      const [outsider] = await makeVolunteers(t.db.prisma, 1, { communityId: w.community.id })

      const byStaff = await t.http.post(`/api/activities/${first.id}/signups`).set('Authorization', await bearer(staff.id))
      const byOutsider = await t.http.post(`/api/activities/${first.id}/signups`).set('Authorization', await bearer(outsider.id))

      expect(byStaff.status).toBe(201)
      expect([byOutsider.status, byOutsider.body.error.code]).toEqual([403, 'not_eligible'])
    })

    test('when an organiser sets a pattern for a unit they do not organise, then 403 and nothing is created', async () => {
      const w = await world()
      const otherUnit = await makeUnit(t.db.prisma)

      const res = await post(w.auth, body(w, { unitId: otherUnit.id }))

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(await t.db.prisma.schedule.count({ where: { unitId: otherUnit.id } })).toBe(0)
      expect(await t.db.prisma.activity.count({ where: { organiserUnitId: otherUnit.id } })).toBe(0)
    })

    test('when a community organiser or a volunteer sets a pattern, then 403', async () => {
      const w = await world()
      const communityOrganiser = await makeUser(t.db.prisma, { organiserOfCommunity: w.community.id })
      const volunteer = await makeUser(t.db.prisma)

      const byCommunity = await post(await bearer(communityOrganiser.id), body(w))
      const byVolunteer = await post(await bearer(volunteer.id), body(w))

      expect(byCommunity.status).toBe(403)
      expect(byVolunteer.status).toBe(403)
      expect(await t.db.prisma.schedule.count({ where: { unitId: w.unit.id } })).toBe(0)
    })

    test('when the office sets a pattern for any unit, then 201', async () => {
      const w = await world()
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await post(await bearer(office.id), body(w, { weeksAhead: 1 }))

      expect(res.status).toBe(201)
      expect(res.body.created).toBe(1)
    })

    test.each([
      ['the end is before the start', { startTime: '09:00', endTime: '08:00' }, 'body.endTime', '结束时间必须晚于开始时间'],
      ['the end equals the start', { startTime: '09:00', endTime: '09:00' }, 'body.endTime', '结束时间必须晚于开始时间'],
      ['the end is 24:00', { startTime: '22:00', endTime: '24:00' }, 'body.endTime', '结束时间格式应为 HH:mm'],
      ['the start is 7:00 without a leading zero', { startTime: '7:00' }, 'body.startTime', '开始时间格式应为 HH:mm'],
      ['the weekday is 8', { weekday: 8 }, 'body.weekday', '星期应为 1–7'],
      ['the weekday is 0', { weekday: 0 }, 'body.weekday', '星期应为 1–7'],
      ['the capacity is below the required headcount', { requiredHeadcount: 5, capacity: 4 }, 'body.capacity', '名额不能少于应到人数'],
      ['it looks 13 weeks ahead', { weeksAhead: 13 }, 'body.weeksAhead', '最多提前 12 周'],
    ])('when %s, then 400 validation_failed and nothing is stored', async (_case, over, path, message) => {
      const w = await world()

      const res = await post(w.auth, body(w, over))

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details).toContainEqual({ path, message })
      expect(await t.db.prisma.schedule.count({ where: { unitId: w.unit.id } })).toBe(0)
    })

    test('when the type is inactive, then 409 activity_type_inactive', async () => {
      const w = await world()
      await t.db.prisma.activityType.update({ where: { id: w.type.id }, data: { active: false } })

      const res = await post(w.auth, body(w))

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_type_inactive')
    })
  })

  describe('the generator', () => {
    test('when the generator runs again, then it creates nothing new', async () => {
      const w = await world()
      const res = await post(w.auth, body(w))
      const before = await generated(res.body.schedule.id)

      const again = await generateFor(t.deps, res.body.schedule.id)
      const all = await generateAll(t.deps)

      expect(again).toBe(0)
      expect(all).toBe(0)
      expect((await generated(res.body.schedule.id)).map((a) => a.id)).toEqual(before.map((a) => a.id))
    })

    test('when it runs a week later, then exactly one more activity is created, a week after the last', async () => {
      const w = await world()
      const res = await post(w.auth, body(w))
      const before = await generated(res.body.schedule.id)
      const weekLater = new Date(Date.now() + WEEK)

      const created = await generateFor(t.deps, res.body.schedule.id, weekLater)
      const rerun = await generateFor(t.deps, res.body.schedule.id, weekLater)

      expect(created).toBe(1)
      expect(rerun).toBe(0)
      const after = await generated(res.body.schedule.id)
      expect(after).toHaveLength(before.length + 1)
      expect(after.at(-1)!.startAt.getTime() - before.at(-1)!.startAt.getTime()).toBe(WEEK)
    })

    test('when an organiser moved one generated activity to another time, then the generator does not fill that week again', async () => {
      const w = await world()
      const res = await post(w.auth, body(w, { weeksAhead: 2 }))
      const [first] = await generated(res.body.schedule.id)
      const later = (d: Date) => new Date(d.getTime() + 3_600_000).toISOString()
      const moved = await t.http
        .patch(`/api/activities/${first.id}`)
        .set('Authorization', w.auth)
        .send({ startAt: later(first.startAt), endAt: later(first.endAt), signupDeadline: later(first.startAt) })
      expect(moved.status).toBe(200)

      const created = await generateFor(t.deps, res.body.schedule.id)

      expect(created).toBe(0)
      expect(await generated(res.body.schedule.id)).toHaveLength(2)
    })

    test('when the schedule was deleted, then the generator creates nothing for it', async () => {
      const w = await world()
      const res = await post(w.auth, body(w))
      await t.http.delete(`/api/schedules/${res.body.schedule.id}`).set('Authorization', w.auth)

      expect(await generateFor(t.deps, res.body.schedule.id, new Date(Date.now() + 3 * WEEK))).toBe(0)
    })
  })

  describe('GET /api/schedules', () => {
    test('when an organiser lists schedules, then only their own unit’s are there; the office sees every unit’s', async () => {
      const a = await world()
      const b = await world()
      const mine = (await post(a.auth, body(a, { weeksAhead: 1 }))).body.schedule.id
      const theirs = (await post(b.auth, body(b, { weeksAhead: 1 }))).body.schedule.id
      const office = await makeUser(t.db.prisma, { office: true })

      const asOrganiser = await t.http.get('/api/schedules').set('Authorization', a.auth)
      const askingForB = await t.http.get('/api/schedules').query({ unitId: b.unit.id }).set('Authorization', a.auth)
      const asOffice = await t.http.get('/api/schedules').set('Authorization', await bearer(office.id))

      expect(asOrganiser.status).toBe(200)
      expect(asOrganiser.body.items.map((s: { id: number }) => s.id)).toEqual([mine])
      expect(asOrganiser.body.items[0].upcoming).toHaveLength(1)
      expect(askingForB.body.items).toEqual([])
      const officeIds = asOffice.body.items.map((s: { id: number }) => s.id)
      expect(officeIds).toEqual(expect.arrayContaining([mine, theirs]))
    })

    test('when a volunteer lists schedules, then 403', async () => {
      const volunteer = await makeUser(t.db.prisma)

      const res = await t.http.get('/api/schedules').set('Authorization', await bearer(volunteer.id))

      expect(res.status).toBe(403)
    })
  })

  describe('DELETE /api/schedules/:id', () => {
    test('when a schedule is deleted, then its future activities are cancelled with notices and past ones are kept', async () => {
      const w = await world()
      const res = await post(w.auth, body(w))
      const scheduleId = res.body.schedule.id
      // occurrences from two weeks back: two of them are in the past
      expect(await generateFor(t.deps, scheduleId, new Date(Date.now() - 2 * WEEK))).toBe(2)
      const all = await generated(scheduleId)
      const past = all.filter((a) => a.startAt.getTime() < Date.now())
      const future = all.filter((a) => a.startAt.getTime() > Date.now())
      expect([past.length, future.length]).toEqual([2, 4])
      const [staff, other] = await makeVolunteers(t.db.prisma, 2, { unitId: w.unit.id })
      for (const a of future.slice(0, 2)) {
        expect((await t.http.post(`/api/activities/${a.id}/signups`).set('Authorization', await bearer(staff.id))).status).toBe(201)
      }

      const del = await t.http.delete(`/api/schedules/${scheduleId}`).set('Authorization', w.auth)

      expect(del.status).toBe(200)
      expect(del.body).toEqual({ cancelled: 4 })
      const after = await t.db.prisma.activity.findMany({ where: { scheduleId } })
      const statusById = new Map(after.map((a) => [a.id, a.status]))
      expect(future.map((a) => statusById.get(a.id))).toEqual(Array(4).fill('cancelled'))
      expect(past.map((a) => statusById.get(a.id))).toEqual(['published', 'published'])
      expect(after.find((a) => a.id === future[0].id)!.cancelReason).toBe('周上街安排已撤销')
      const notices = await t.http.get('/api/me/notices').set('Authorization', await bearer(staff.id))
      expect(notices.body.unread).toBe(2)
      expect(notices.body.items.map((n: { kind: string; activityId: number }) => [n.kind, n.activityId]).sort()).toEqual(
        future.slice(0, 2).map((a) => ['activity_cancelled', a.id]).sort(),
      )
      expect((await t.http.get('/api/me/notices').set('Authorization', await bearer(other.id))).body.unread).toBe(0)
      const listed = await t.http.get('/api/schedules').set('Authorization', w.auth)
      expect(listed.body.items).toEqual([])
    })

    test('when a schedule is deleted twice, then the second is 404 schedule_not_found', async () => {
      const w = await world()
      const res = await post(w.auth, body(w, { weeksAhead: 1 }))
      expect((await t.http.delete(`/api/schedules/${res.body.schedule.id}`).set('Authorization', w.auth)).status).toBe(200)

      const again = await t.http.delete(`/api/schedules/${res.body.schedule.id}`).set('Authorization', w.auth)

      expect(again.status).toBe(404)
      expect(again.body.error).toEqual({ code: 'schedule_not_found', message: '周上街安排不存在' })
    })

    test('when an organiser of another unit deletes a schedule, then it is refused and the schedule and its activities stay', async () => {
      const w = await world()
      const other = await world()
      const res = await post(w.auth, body(w, { weeksAhead: 2 }))

      const del = await t.http.delete(`/api/schedules/${res.body.schedule.id}`).set('Authorization', other.auth)

      expect(del.status).toBe(404)
      expect(del.body.error.code).toBe('schedule_not_found')
      expect((await t.db.prisma.schedule.findUniqueOrThrow({ where: { id: res.body.schedule.id } })).deletedAt).toBeNull()
      expect((await generated(res.body.schedule.id)).map((a) => a.status)).toEqual(['published', 'published'])
    })
  })
})
