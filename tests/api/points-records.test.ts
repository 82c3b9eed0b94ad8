/**
 * What a volunteer's service adds up to: the per-type daily points cap, duty (周上街) earning
 * points but no 志愿服务 hours, the summary with star level (thresholds from configuration) and
 * rank in the community, the append-only points ledger with office adjustments that never make
 * a balance negative, the attendance list, the 志愿服务记录 (民政部 fields, ID masked, only
 * approved volunteer service in the period) and numbered certificates, also issued by the office.
 */
import { chinaDate, chinaToday } from '@civic/shared'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeActivity, makeType, makeVolunteers } from '../helpers/activities'
import { SITE, confirm, ledgerConsistent, runningActivity, tokenFor } from '../helpers/checkin'
import { makeCommunity, makeUser } from '../helpers/factories'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR)
const OFFICE_NAME = '清河区文明办'

describe('points, summary and service records', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ STAR_THRESHOLDS: '2,4', OFFICE_NAME })
  })
  afterAll(async () => {
    expect(await ledgerConsistent(t.db.prisma)).toBe(true)
    await t.close()
  })

  const bearer = async (userId: number) => `Bearer ${await t.tokenFor(userId)}`
  const get = async (path: string, userId: number, query: Record<string, string> = {}) =>
    t.http.get(path).query(query).set('Authorization', await bearer(userId))
  const post = async (path: string, userId: number, body: Record<string, unknown> = {}) =>
    t.http.post(path).set('Authorization', await bearer(userId)).send(body)
  const volunteer = async () => (await makeVolunteers(t.db.prisma, 1))[0]
  const ledgerOf = (userId: number) => t.db.prisma.pointsEntry.findMany({ where: { userId }, orderBy: { id: 'asc' } })

  interface ServiceSpec {
    /** hours from now to the start (negative: in the past); default 6 h ago */
    startInHours?: number
    durationHours?: number
    typeId?: number
    /** what happens to the record after it is made by hand; default approved */
    outcome?: 'approved' | 'pending' | 'rejected'
  }

  /**
   * `hours` of service recorded by hand by one organiser of the activity's unit and decided by
   * another (the path every organiser-confirmed service takes).
   */
  async function served(userId: number, hours: number, spec: ServiceSpec = {}) {
    const startInHours = spec.startInHours ?? -6
    const activity = await makeActivity(t.db.prisma, {
      startInHours,
      durationHours: spec.durationHours ?? 4,
      deadlineInHours: startInHours - 1,
    })
    if (spec.typeId) await t.db.prisma.activity.update({ where: { id: activity.id }, data: { typeId: spec.typeId } })
    const recorder = await makeUser(t.db.prisma, { organiserOfUnit: activity.organiserUnitId!, realName: '李记录' })
    const approver = await makeUser(t.db.prisma, { organiserOfUnit: activity.organiserUnitId!, realName: '王审核' })
    const recorded = await post(`/api/activities/${activity.id}/attendance`, recorder.id, {
      userId,
      checkInAt: activity.startAt.toISOString(),
      checkOutAt: plus(activity.startAt, hours).toISOString(),
      reason: '纸质签到表补录',
    })
    expect(recorded.status).toBe(201)
    const outcome = spec.outcome ?? 'approved'
    if (outcome !== 'pending') {
      const decided = await post(`/api/attendance/${recorded.body.id}/${outcome === 'approved' ? 'approve' : 'reject'}`, approver.id)
      expect(decided.status).toBe(200)
    }
    return { activity, attendanceId: recorded.body.id as number }
  }

  // ------------------------------------------------------------------ daily cap

  describe('the daily cap per activity type', () => {
    /** `n` activities starting at the same instant (2 h ago, so the same China day), 3 h long. */
    async function sameDay(n: number, typeId: number) {
      const first = await runningActivity(t.db.prisma, 2, 3)
      const rest = await Promise.all(
        Array.from({ length: n - 1 }, () => makeActivity(t.db.prisma, { startInHours: 0, durationHours: 3, capacity: 50 })),
      )
      return Promise.all(
        [first, ...rest].map((a) =>
          t.db.prisma.activity.update({
            where: { id: a.id },
            data: { typeId, startAt: first.startAt, endAt: first.endAt, signupDeadline: first.signupDeadline },
          }),
        ),
      )
    }
    /** Checks in (moved back to the start) and out now by scanning: 2 h. */
    async function serveByScan(activity: { id: number; startAt: Date }, userId: number) {
      await confirm(t.db.prisma, activity.id, [userId])
      const scan = async (mode: 'in' | 'out') => post('/api/attendance/scan', userId, { token: tokenFor(t, activity.id, mode), ...SITE })
      const inRes = await scan('in')
      expect(inRes.status).toBe(200)
      await t.db.prisma.attendance.update({ where: { id: inRes.body.attendance.id }, data: { checkInAt: activity.startAt } })
      const out = await scan('out')
      expect(out.status).toBe(200)
      return out.body.attendance as { hours: number; points: number }
    }

    test('when a person serves two activities of one type on the same China day, then the second is capped at the daily maximum minus the first', async () => {
      const type = await makeType(t.db.prisma)
      await t.db.prisma.activityType.update({ where: { id: type.id }, data: { maxPointsPerDay: 30 } })
      const [a, b] = await sameDay(2, type.id)
      const person = await volunteer()

      const first = await serveByScan(a, person.id)
      const second = await serveByScan(b, person.id)

      expect(first).toMatchObject({ hours: 2, points: 20 })
      expect(second).toMatchObject({ hours: 2, points: 10 })
      expect((await ledgerOf(person.id)).map((e) => e.amount)).toEqual([20, 10])
    })

    test('when the day’s cap is already reached, then a third activity of that type credits its hours but no points and no ledger entry', async () => {
      const type = await makeType(t.db.prisma)
      await t.db.prisma.activityType.update({ where: { id: type.id }, data: { maxPointsPerDay: 30 } })
      const [a, b, c] = await sameDay(3, type.id)
      const person = await volunteer()
      await serveByScan(a, person.id)
      await serveByScan(b, person.id)

      const third = await serveByScan(c, person.id)

      expect(third).toMatchObject({ hours: 2, points: 0 })
      expect((await ledgerOf(person.id)).map((e) => e.amount)).toEqual([20, 10])
    })

    test('when a person checks out of three same-type activities at the same moment, then the points together stay within the daily cap', async () => {
      const type = await makeType(t.db.prisma)
      await t.db.prisma.activityType.update({ where: { id: type.id }, data: { maxPointsPerDay: 45 } })
      const activities = await sameDay(3, type.id)
      const person = await volunteer()
      for (const a of activities) {
        await confirm(t.db.prisma, a.id, [person.id])
        await t.db.prisma.attendance.create({ data: { activityId: a.id, userId: person.id, source: 'scan', status: 'approved', checkInAt: a.startAt } })
      }

      const outs = await Promise.all(activities.map((a) => post('/api/attendance/scan', person.id, { token: tokenFor(t, a.id, 'out'), ...SITE })))

      expect(outs.map((r) => r.status)).toEqual([200, 200, 200])
      expect(outs.map((r) => r.body.attendance.points).sort((x: number, y: number) => y - x)).toEqual([20, 20, 5])
      expect((await ledgerOf(person.id)).reduce((sum, e) => sum + e.amount, 0)).toBe(45)
    })

    test('when the second activity that day is of another type, then it is not capped by the first type’s total', async () => {
      const capped = await makeType(t.db.prisma)
      await t.db.prisma.activityType.update({ where: { id: capped.id }, data: { maxPointsPerDay: 20 } })
      const [a] = await sameDay(1, capped.id)
      const other = await makeType(t.db.prisma)
      const [b] = await sameDay(1, other.id)
      await t.db.prisma.activity.update({ where: { id: b.id }, data: { startAt: a.startAt, endAt: a.endAt } })
      const person = await volunteer()

      await serveByScan(a, person.id)
      const second = await serveByScan(b, person.id)

      expect(second.points).toBe(20)
      expect((await ledgerOf(person.id)).map((e) => e.amount)).toEqual([20, 20])
    })
  })

  // ------------------------------------------------------------------ duty

  describe('duty activities (周上街)', () => {
    test('when a person has approved duty and volunteer service, then both earn points but only volunteer service counts as 志愿服务 hours', async () => {
      const duty = await makeType(t.db.prisma, { duty: true })
      const person = await volunteer()
      const onDuty = await served(person.id, 2, { typeId: duty.id })
      const volunteering = await served(person.id, 1.5)

      const summary = await get('/api/me/summary', person.id)
      const record = await get('/api/me/service-record', person.id)

      expect(summary.status).toBe(200)
      expect(summary.body).toMatchObject({ totalHours: 1.5, dutyHours: 2, points: 35, star: { hours: 1.5, level: 0 } })
      const thisYear = chinaDate(volunteering.activity.startAt).slice(0, 4) === chinaToday().slice(0, 4)
      expect(summary.body.hoursThisYear).toBe(thisYear ? 1.5 : 0)
      expect(record.status).toBe(200)
      expect(record.body.services.map((s: { activityId: number }) => s.activityId)).toEqual([volunteering.activity.id])
      expect(record.body.services.map((s: { activityId: number }) => s.activityId)).not.toContain(onDuty.activity.id)
      expect(record.body.totalHours).toBe(1.5)
    })
  })

  // ------------------------------------------------------------------ summary, star level, rank

  describe('GET /api/me/summary', () => {
    test('when a resident has 2.5 approved volunteer hours and the thresholds are 2,4, then level 1 with 25 % towards 4 h', async () => {
      const person = await volunteer()
      await served(person.id, 2.5)

      const res = await get('/api/me/summary', person.id)

      expect(res.status).toBe(200)
      expect(res.body.star).toEqual({ level: 1, name: '一星志愿者', hours: 2.5, nextThreshold: 4, progress: 0.25 })
      expect(res.body.totalHours).toBe(2.5)
      expect(res.body.points).toBe(25)
    })

    test('when a person reaches the last threshold, then the top level with no next threshold and full progress', async () => {
      const person = await volunteer()
      await served(person.id, 2.5)
      await served(person.id, 2)

      const res = await get('/api/me/summary', person.id)

      expect(res.body.star).toEqual({ level: 2, name: '二星志愿者', hours: 4.5, nextThreshold: null, progress: 1 })
    })

    test('when hours are pending or rejected, then they count neither in hours nor in the star level', async () => {
      const person = await volunteer()
      await served(person.id, 1)
      await served(person.id, 3, { outcome: 'pending' })
      await served(person.id, 3, { outcome: 'rejected' })

      const res = await get('/api/me/summary', person.id)

      expect(res.body).toMatchObject({ totalHours: 1, points: 10, star: { level: 0, hours: 1, nextThreshold: 2, progress: 0.5 } })
    })

    test('when residents of a community have different approved hours, then the rank counts only approved volunteer hours of that community’s residents', async () => {
      const community = await makeCommunity(t.db.prisma)
      const elsewhere = await makeCommunity(t.db.prisma)
      const [first, second, pendingOnly, dutyOnly] = await makeVolunteers(t.db.prisma, 4, { communityId: community.id })
      const [outsider] = await makeVolunteers(t.db.prisma, 1, { communityId: elsewhere.id })
      const duty = await makeType(t.db.prisma, { duty: true })
      await served(first.id, 2.5)
      await served(first.id, 2)
      await served(second.id, 2.5)
      await served(pendingOnly.id, 4, { outcome: 'pending' })
      await served(dutyOnly.id, 4, { typeId: duty.id })
      await served(outsider.id, 4)

      const ranks = await Promise.all([first, second, pendingOnly, dutyOnly].map(async (p) => (await get('/api/me/summary', p.id)).body.rankInCommunity))

      const ref = { id: community.id, name: community.name }
      expect(ranks).toEqual([
        { rank: 1, of: 4, community: ref },
        { rank: 2, of: 4, community: ref },
        // no approved volunteer hours: they share the last rank
        { rank: 3, of: 4, community: ref },
        { rank: 3, of: 4, community: ref },
      ])
      expect((await get('/api/me/summary', outsider.id)).body.rankInCommunity).toMatchObject({ rank: 1, of: 1 })
    })

    test('when a person belongs to no community, then rankInCommunity is null', async () => {
      const person = await makeUser(t.db.prisma)
      await served(person.id, 1)

      const res = await get('/api/me/summary', person.id)

      expect(res.status).toBe(200)
      expect(res.body.rankInCommunity).toBeNull()
    })
  })

  // ------------------------------------------------------------------ points and adjustments

  describe('points', () => {
    const adjust = async (userId: number, byId: number, amount: number, reason = '表彰奖励') =>
      post(`/api/users/${userId}/points-adjustments`, byId, { amount, reason })

    test('when a person reads their points, then the balance is the sum of their entries, newest first', async () => {
      const person = await volunteer()
      const office = await makeUser(t.db.prisma, { office: true })
      await served(person.id, 2)
      expect((await adjust(person.id, office.id, 7)).status).toBe(201)
      expect((await adjust(person.id, office.id, -5, '更正误加积分')).status).toBe(201)

      const res = await get('/api/me/points', person.id)

      expect(res.status).toBe(200)
      const entries = await ledgerOf(person.id)
      expect(res.body.balance).toBe(entries.reduce((s, e) => s + e.amount, 0))
      expect(res.body.balance).toBe(22)
      expect(res.body.total).toBe(3)
      expect(res.body.entries.map((e: { amount: number; sourceType: string }) => [e.amount, e.sourceType])).toEqual([
        [-5, 'adjustment'],
        [7, 'adjustment'],
        [20, 'attendance'],
      ])
    })

    test('when the office adds an adjustment, then 201 with an adjustment entry made by the office user', async () => {
      const person = await volunteer()
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await adjust(person.id, office.id, 50, '文明家庭表彰')

      expect(res.status).toBe(201)
      expect(res.body.balance).toBe(50)
      const entries = await ledgerOf(person.id)
      expect(entries.map((e) => [e.amount, e.sourceType, e.reason, e.actorId])).toEqual([[50, 'adjustment', '文明家庭表彰', office.id]])
    })

    test('when an adjustment would make the balance negative, then 400 and nothing is written', async () => {
      const person = await volunteer()
      const office = await makeUser(t.db.prisma, { office: true })
      await adjust(person.id, office.id, 30)

      const res = await adjust(person.id, office.id, -31, '扣减')

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect((await ledgerOf(person.id)).map((e) => e.amount)).toEqual([30])
    })

    test('when an adjustment brings the balance exactly to 0, then it is accepted', async () => {
      const person = await volunteer()
      const office = await makeUser(t.db.prisma, { office: true })
      await adjust(person.id, office.id, 30)

      const res = await adjust(person.id, office.id, -30, '扣减')

      expect(res.status).toBe(201)
      expect(res.body.balance).toBe(0)
    })

    test('when many deductions arrive at once, then the balance never goes negative', async () => {
      const person = await volunteer()
      const office = await makeUser(t.db.prisma, { office: true })
      await adjust(person.id, office.id, 30)

      const responses = await Promise.all(Array.from({ length: 8 }, () => adjust(person.id, office.id, -10, '扣减')))

      expect(responses.filter((r) => r.status === 201)).toHaveLength(3)
      expect(responses.filter((r) => r.status === 400)).toHaveLength(5)
      expect((await ledgerOf(person.id)).reduce((s, e) => s + e.amount, 0)).toBe(0)
    })

    test.each([
      ['zero', { amount: 0, reason: '无' }],
      ['a fraction', { amount: 1.5, reason: '无' }],
      ['no reason', { amount: 5 }],
    ])('when the adjustment has %s, then 400 validation_failed and nothing is written', async (_what, body) => {
      const person = await volunteer()
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await post(`/api/users/${person.id}/points-adjustments`, office.id, body)

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(await ledgerOf(person.id)).toEqual([])
    })

    test('when the person does not exist, then 404 user_not_found', async () => {
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await adjust(2_000_000_000, office.id, 5)

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('user_not_found')
    })

    test.each([
      ['a volunteer', {}],
      ['an organiser', { organiser: true }],
    ])('when %s adjusts points, then 403 and nothing is written', async (_who, spec) => {
      const person = await volunteer()
      const caller = 'organiser' in spec
        ? await makeUser(t.db.prisma, { organiserOfCommunity: (await makeCommunity(t.db.prisma)).id })
        : await volunteer()

      const res = await adjust(person.id, caller.id, 100)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(await ledgerOf(person.id)).toEqual([])
    })

    test('when anyone updates or deletes a ledger entry in the database, then the database refuses and the entry is unchanged', async () => {
      const person = await volunteer()
      const office = await makeUser(t.db.prisma, { office: true })
      await adjust(person.id, office.id, 40)
      const [entry] = await ledgerOf(person.id)

      await expect(t.db.prisma.$executeRaw`UPDATE points_entry SET amount = 4000 WHERE id = ${entry.id}`).rejects.toThrow(/append-only/)
      await expect(t.db.prisma.$executeRaw`DELETE FROM points_entry WHERE id = ${entry.id}`).rejects.toThrow(/append-only/)
      await expect(t.db.prisma.pointsEntry.update({ where: { id: entry.id }, data: { reason: '改' } })).rejects.toThrow()
      await expect(t.db.prisma.pointsEntry.deleteMany({ where: { userId: person.id } })).rejects.toThrow()

      expect(await ledgerOf(person.id)).toEqual([entry])
    })
  })

  // ------------------------------------------------------------------ records and certificates

  describe('attendance and service records', () => {
    /** A volunteer with an ID number and phone, and services in and around a period. */
    async function history() {
      const person = await makeUser(t.db.prisma, {
        realName: '陈志愿',
        idNumber: '11010119900307123X',
        phone: '13800138000',
        communityId: (await makeCommunity(t.db.prisma)).id,
      })
      await t.db.prisma.user.update({ where: { id: person.id }, data: { gender: 'female', birthYear: 1990, skills: ['急救', '手语'] } })
      const duty = await makeType(t.db.prisma, { duty: true })
      const inPeriod = await served(person.id, 2, { startInHours: -10 * 24 })
      const inPeriodToo = await served(person.id, 1.5, { startInHours: -5 * 24 })
      const before = await served(person.id, 3, { startInHours: -40 * 24 })
      const pending = await served(person.id, 3, { startInHours: -6 * 24, outcome: 'pending' })
      const rejected = await served(person.id, 3, { startInHours: -7 * 24, outcome: 'rejected' })
      const onDuty = await served(person.id, 3, { startInHours: -8 * 24, typeId: duty.id })
      const cancelled = await served(person.id, 3, { startInHours: -9 * 24 })
      await t.db.prisma.activity.update({ where: { id: cancelled.activity.id }, data: { status: 'cancelled' } })
      const period = { from: chinaDate(new Date(Date.now() - 20 * DAY)), to: chinaToday() }
      return { person, period, inPeriod, inPeriodToo, before, excluded: [before, pending, rejected, onDuty, cancelled] }
    }

    test('when a person lists their attendance, then they see their own records, newest first, and nobody else’s', async () => {
      const person = await volunteer()
      const other = await volunteer()
      const older = await served(person.id, 1, { startInHours: -48 })
      const newer = await served(person.id, 2, { startInHours: -6 })
      await served(other.id, 2)

      const res = await get('/api/me/attendance', person.id)

      expect(res.status).toBe(200)
      expect(res.body.total).toBe(2)
      expect(res.body.items.map((i: { id: number }) => i.id)).toEqual([newer.attendanceId, older.attendanceId])
      expect(res.body.items[0]).toMatchObject({ user: { id: person.id }, status: 'approved', hours: 2, points: 20, source: 'manual' })
    })

    test('when a person reads their service record for a period, then the 民政部 fields with the ID masked and only approved volunteer service in the period', async () => {
      const h = await history()

      const res = await get('/api/me/service-record', h.person.id, h.period)

      expect(res.status).toBe(200)
      expect(res.body.volunteer).toEqual({
        id: h.person.id,
        name: '陈志愿',
        gender: expect.any(String),
        birthYear: 1990,
        idType: '居民身份证',
        idNumber: '1101**********123X',
        phone: '138****8000',
        skills: ['急救', '手语'],
        community: expect.objectContaining({ id: expect.any(Number) }),
        unit: null,
      })
      expect(res.body.period).toEqual(h.period)
      expect(res.body.services.map((s: { activityId: number }) => s.activityId)).toEqual([h.inPeriod.activity.id, h.inPeriodToo.activity.id])
      const activity = await t.db.prisma.activity.findUniqueOrThrow({
        where: { id: h.inPeriod.activity.id },
        include: { type: true, organiserUnit: true, createdBy: true },
      })
      expect(res.body.services[0]).toEqual({
        activityId: activity.id,
        name: activity.title,
        type: activity.type.name,
        date: chinaDate(activity.startAt),
        place: activity.address,
        content: activity.type.name,
        hours: 2,
        organiser: activity.organiserUnit!.name,
        personInCharge: activity.createdBy.realName,
        recorder: '李记录',
      })
      expect(res.body.totalHours).toBe(3.5)
      expect(JSON.stringify(res.body)).not.toContain('11010119900307123X')
      expect(JSON.stringify(res.body)).not.toContain('13800138000')
    })

    test('when no period is given, then all approved volunteer service up to today is included', async () => {
      const h = await history()

      const res = await get('/api/me/service-record', h.person.id)

      expect(res.status).toBe(200)
      expect(res.body.services.map((s: { activityId: number }) => s.activityId)).toEqual([
        h.before.activity.id,
        h.inPeriod.activity.id,
        h.inPeriodToo.activity.id,
      ])
      expect(res.body.period.to).toBe(chinaToday())
      expect(res.body.totalHours).toBe(6.5)
    })

    test.each([
      ['the start after the end', { from: '2026-06-02', to: '2026-06-01' }],
      ['a date that does not exist', { from: '2026-02-30', to: '2026-03-31' }],
      ['a month that does not exist', { from: '2026-13-01', to: '2027-01-31' }],
      ['not a date', { from: '20260101', to: '2026-03-31' }],
    ])('when the period has %s, then the record and the certificate are 400 validation_failed and nothing is issued', async (_what, period) => {
      const person = await volunteer()
      await served(person.id, 2)

      const record = await get('/api/me/service-record', person.id, period)
      const cert = await post('/api/me/certificates', person.id, period)

      expect(record.status).toBe(400)
      expect(record.body.error.code).toBe('validation_failed')
      expect(cert.status).toBe(400)
      expect(cert.body.error.code).toBe('validation_failed')
      expect(await t.db.prisma.certificate.count({ where: { userId: person.id } })).toBe(0)
    })

    test('when a person asks for a certificate, then 201 with a ZYFW number and printable HTML holding the number, name, total hours and issuer', async () => {
      const h = await history()

      const res = await post('/api/me/certificates', h.person.id, h.period)

      expect(res.status).toBe(201)
      const year = chinaToday().slice(0, 4)
      expect(res.body.number).toMatch(new RegExp(`^ZYFW-${year}-\\d{6}$`))
      expect(res.body.record.totalHours).toBe(3.5)
      expect(res.body.record.services).toHaveLength(2)
      expect(res.body.html).toContain(res.body.number)
      expect(res.body.html).toContain('陈志愿')
      expect(res.body.html).toContain('<b>3.5</b> 小时')
      expect(res.body.html).toContain(OFFICE_NAME)
      expect(res.body.html).toContain('1101**********123X')
      expect(res.body.html).not.toContain('11010119900307123X')
      const stored = await t.db.prisma.certificate.findUniqueOrThrow({ where: { number: res.body.number } })
      expect([stored.userId, stored.issuedById, stored.fromDate, stored.toDate, stored.hours.toNumber()]).toEqual([
        h.person.id,
        h.person.id,
        h.period.from,
        h.period.to,
        3.5,
      ])
    })

    test('when the name holds markup, then the certificate HTML shows it escaped', async () => {
      const person = await makeUser(t.db.prisma, { realName: '<script>x</script>' })
      await served(person.id, 1)

      const res = await post('/api/me/certificates', person.id)

      expect(res.status).toBe(201)
      expect(res.body.html).not.toContain('<script>x</script>')
      expect(res.body.html).toContain('&lt;script&gt;x&lt;/script&gt;')
    })

    test('when 10 certificates are issued at once, then all succeed with 10 distinct numbers', async () => {
      const person = await volunteer()
      await served(person.id, 2)

      const responses = await Promise.all(Array.from({ length: 10 }, () => post('/api/me/certificates', person.id)))

      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201))
      const numbers = responses.map((r) => r.body.number)
      expect(new Set(numbers).size).toBe(10)
      for (const n of numbers) expect(n).toMatch(/^ZYFW-\d{4}-\d{6}$/)
      expect(await t.db.prisma.certificate.count({ where: { userId: person.id } })).toBe(10)
    })

    test('when the office reads a volunteer’s record and issues a certificate, then it sees the same record and the certificate names the office user as issuer', async () => {
      const h = await history()
      const office = await makeUser(t.db.prisma, { office: true })
      const own = await get('/api/me/service-record', h.person.id, h.period)

      const record = await get(`/api/users/${h.person.id}/service-record`, office.id, h.period)
      const cert = await post(`/api/users/${h.person.id}/certificates`, office.id, h.period)

      expect(record.status).toBe(200)
      expect(record.body).toEqual(own.body)
      expect(cert.status).toBe(201)
      expect(cert.body.record).toEqual(own.body)
      expect(cert.body.html).toContain('陈志愿')
      const stored = await t.db.prisma.certificate.findUniqueOrThrow({ where: { number: cert.body.number } })
      expect([stored.userId, stored.issuedById]).toEqual([h.person.id, office.id])
    })

    test('when the office asks for someone who does not exist, then 404 user_not_found and no certificate', async () => {
      const office = await makeUser(t.db.prisma, { office: true })
      const before = await t.db.prisma.certificate.count()

      const record = await get('/api/users/2000000000/service-record', office.id)
      const cert = await post('/api/users/2000000000/certificates', office.id)

      expect([record.status, cert.status]).toEqual([404, 404])
      expect(cert.body.error.code).toBe('user_not_found')
      expect(await t.db.prisma.certificate.count()).toBe(before)
    })

    test.each([
      ['a volunteer', false],
      ['an organiser', true],
    ])('when %s reads another volunteer’s record or issues their certificate, then 403 and nothing is issued', async (_who, organiser) => {
      const person = await volunteer()
      await served(person.id, 2)
      const caller = organiser
        ? await makeUser(t.db.prisma, { organiserOfCommunity: (await makeCommunity(t.db.prisma)).id })
        : await volunteer()
      const before = await t.db.prisma.certificate.count()

      const record = await get(`/api/users/${person.id}/service-record`, caller.id)
      const cert = await post(`/api/users/${person.id}/certificates`, caller.id)

      expect(record.status).toBe(403)
      expect(record.body.services).toBeUndefined()
      expect(cert.status).toBe(403)
      expect(await t.db.prisma.certificate.count()).toBe(before)
    })
  })
})
