import { chinaDate, capDailyPoints, pointsForHours, serviceHours } from '@civic/shared'
import type { PrismaClient } from '../../server/src/generated/prisma/client'
import { type SeedSummary, seedDemo, seedDemoIfEmpty } from '../../server/src/seed/demo'
import { type TestDatabase, createTestDatabase, testCipher } from '../helpers/db'

/** a Wednesday: four weeks back, two ahead */
const TODAY = '2026-11-18'

async function tableCounts(prisma: PrismaClient): Promise<SeedSummary & Record<string, number>> {
  return {
    communities: await prisma.community.count(),
    units: await prisma.unit.count(),
    pairings: await prisma.pairing.count(),
    users: await prisma.user.count(),
    activities: await prisma.activity.count(),
    signups: await prisma.signup.count(),
    attendances: await prisma.attendance.count(),
    pointsEntries: await prisma.pointsEntry.count(),
    activityTypes: await prisma.activityType.count(),
    organiserRoles: await prisma.organiserRole.count(),
  }
}

/** what should be equal between two databases seeded for the same day */
async function fingerprint(prisma: PrismaClient) {
  const activities = await prisma.activity.findMany({
    orderBy: { id: 'asc' },
    select: {
      shortKey: true,
      title: true,
      startAt: true,
      endAt: true,
      capacity: true,
      latitude: true,
      longitude: true,
      type: { select: { name: true } },
      community: { select: { name: true } },
    },
  })
  const attendances = await prisma.attendance.findMany({
    orderBy: { id: 'asc' },
    select: {
      status: true,
      source: true,
      hours: true,
      checkInAt: true,
      checkOutAt: true,
      activity: { select: { shortKey: true } },
      user: { select: { openid: true } },
    },
  })
  const points = await prisma.pointsEntry.findMany({
    orderBy: { id: 'asc' },
    select: { amount: true, reason: true, user: { select: { openid: true } } },
  })
  return {
    activities,
    attendances: attendances.map((a) => ({ ...a, hours: a.hours.toString() })),
    points,
  }
}

describe('demo seed', () => {
  let db: TestDatabase
  let summary: SeedSummary | null

  beforeAll(async () => {
    db = await createTestDatabase()
    summary = await seedDemoIfEmpty(db.prisma, { today: TODAY, cipher: testCipher })
  })
  afterAll(() => db?.close())

  test('when the database is empty, then it seeds a district whose summary matches the database', async () => {
    expect(summary).not.toBeNull()
    const counts = await tableCounts(db.prisma)
    expect(counts).toMatchObject(summary!)
    expect(summary).toMatchObject({ communities: 12, units: 20, users: 159 })
    expect(summary!.activities).toBeGreaterThanOrEqual(60)
    expect(summary!.activities).toBeLessThanOrEqual(90)
    expect(summary!.pointsEntries).toBeGreaterThan(0)
    expect(counts.activityTypes).toBe(5)
  })

  test('when seeded again, then seedDemoIfEmpty does nothing and seedDemo fails leaving nothing behind', async () => {
    const before = await tableCounts(db.prisma)
    await expect(seedDemoIfEmpty(db.prisma, { today: TODAY, cipher: testCipher })).resolves.toBeNull()
    expect(await tableCounts(db.prisma)).toEqual(before)
    // seedDemo does not check; it collides with the existing rows and its transaction rolls back
    await expect(seedDemo(db.prisma, { today: '2026-12-01', cipher: testCipher })).rejects.toThrow()
    expect(await tableCounts(db.prisma)).toEqual(before)
  })

  test('when two seeders start at once on another empty database, then one seeds and the result is identical for the same day', async () => {
    const other = await createTestDatabase()
    try {
      const results = await Promise.all([
        seedDemoIfEmpty(other.prisma, { today: TODAY, cipher: testCipher }),
        seedDemoIfEmpty(other.prisma, { today: TODAY, cipher: testCipher }),
      ])
      expect(results.filter((r) => r === null)).toHaveLength(1)
      expect(results.find((r) => r !== null)).toEqual(summary)
      expect(await fingerprint(other.prisma)).toEqual(await fingerprint(db.prisma))
    } finally {
      await other.close()
    }
  })

  test('the directory: named district, units of the known kinds, every unit paired with 1–3 communities and every community with a unit', async () => {
    const communities = await db.prisma.community.findMany({ include: { _count: { select: { pairings: true } } } })
    expect(communities.every((c) => c.district === '清河区' && c.street)).toBe(true)
    expect(communities.filter((c) => c.residentPopulation == null).length).toBeGreaterThanOrEqual(1)
    expect(communities.every((c) => c._count.pairings >= 1)).toBe(true)
    const units = await db.prisma.unit.findMany({ include: { _count: { select: { pairings: true } } } })
    for (const u of units) {
      expect(['党政机关', '事业单位', '国有企业', '群团组织', '驻区单位', '其他']).toContain(u.kind)
      expect(u.headcount).toBeGreaterThanOrEqual(20)
      expect(u.headcount).toBeLessThanOrEqual(300)
      expect(u._count.pairings).toBeGreaterThanOrEqual(1)
      expect(u._count.pairings).toBeLessThanOrEqual(3)
    }
    const types = await db.prisma.activityType.findMany({ orderBy: { id: 'asc' } })
    expect(types.map((t) => t.name)).toEqual(['文明交通', '周上街', '环境整治', '文明宣传', '文明旅游'])
    const duty = types.find((t) => t.name === '周上街')!
    expect([duty.duty, Number(duty.pointsPerHour), Number(duty.maxHoursPerActivity)]).toEqual([true, 5, 2])
    const traffic = types.find((t) => t.name === '文明交通')!
    expect([traffic.duty, Number(traffic.pointsPerHour), Number(traffic.maxHoursPerActivity), traffic.maxPointsPerDay]).toEqual([
      false, 10, 4, 80,
    ])
  })

  test('activities span four weeks back and two ahead, with sign-up deadlines two hours before the start', async () => {
    const activities = await db.prisma.activity.findMany()
    const dates = activities.map((a) => chinaDate(a.startAt)).sort()
    expect(dates[0] >= '2026-10-21').toBe(true)
    expect(dates[dates.length - 1] <= '2026-12-01').toBe(true)
    expect(dates.some((d) => d < TODAY) && dates.some((d) => d > TODAY)).toBe(true)
    for (const a of activities) {
      expect(a.shortKey).toMatch(/^[0-9A-Za-z]{10}$/)
      expect(a.signupDeadline.getTime()).toBe(a.startAt.getTime() - 2 * 3_600_000)
      expect(a.radiusM).toBeGreaterThanOrEqual(300)
      expect(a.radiusM).toBeLessThanOrEqual(800)
      expect(Math.abs(a.latitude - 34.26)).toBeLessThan(0.05)
      expect(Math.abs(a.longitude - 108.94)).toBeLessThan(0.05)
    }
  })

  test('no activity has more confirmed sign-ups than its capacity; the full ones have a waitlist in sequence order', async () => {
    const activities = await db.prisma.activity.findMany({
      include: { signups: { where: { status: { in: ['confirmed', 'waitlisted'] } } } },
    })
    let full = 0
    for (const a of activities) {
      const confirmed = a.signups.filter((s) => s.status === 'confirmed')
      const waiting = a.signups.filter((s) => s.status === 'waitlisted')
      expect(confirmed.length).toBeLessThanOrEqual(a.capacity)
      if (waiting.length > 0) {
        full++
        expect(confirmed.length).toBe(a.capacity)
        expect(a.startAt.getTime()).toBeGreaterThan(Date.parse(`${TODAY}T00:00:00+08:00`))
        expect(waiting.every((s) => s.queueSeq != null)).toBe(true)
      }
    }
    expect(full).toBeGreaterThanOrEqual(1)
    const seqs = (await db.prisma.signup.findMany({ where: { status: 'waitlisted' }, orderBy: { queueSeq: 'asc' } })).map(
      (s) => Number(s.queueSeq),
    )
    expect(new Set(seqs).size).toBe(seqs.length)
  })

  test('nobody holds two confirmed sign-ups that overlap in time', async () => {
    const signups = await db.prisma.signup.findMany({
      where: { status: 'confirmed' },
      select: { userId: true, activity: { select: { startAt: true, endAt: true } } },
    })
    const byUser = new Map<number, Array<{ startAt: Date; endAt: Date }>>()
    for (const s of signups) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s.activity])
    for (const list of byUser.values()) {
      list.sort((x, y) => x.startAt.getTime() - y.startAt.getTime())
      for (let i = 1; i < list.length; i++) expect(list[i].startAt.getTime()).toBeGreaterThanOrEqual(list[i - 1].endAt.getTime())
    }
  })

  test('attendance only for past confirmed sign-ups; hours follow the rule; two manual records await approval', async () => {
    const attendances = await db.prisma.attendance.findMany({
      include: { activity: { include: { type: true, signups: true } }, recordedBy: true },
    })
    const todayStart = Date.parse(`${TODAY}T00:00:00+08:00`)
    for (const a of attendances) {
      expect(a.activity.startAt.getTime()).toBeLessThan(todayStart)
      expect(a.activity.signups.find((s) => s.userId === a.userId)?.status).toBe('confirmed')
      const expected = serviceHours({
        checkIn: a.checkInAt,
        checkOut: a.checkOutAt,
        start: a.activity.startAt,
        end: a.activity.endAt,
        step: 0.5,
        cap: a.activity.type.maxHoursPerActivity == null ? null : Number(a.activity.type.maxHoursPerActivity),
      })
      expect(Number(a.hours)).toBe(expected)
      if (a.status === 'no_show') expect([a.checkInAt, a.checkOutAt, Number(a.hours)]).toEqual([null, null, 0])
    }
    expect(attendances.filter((a) => a.status === 'no_show').length).toBeGreaterThan(0)
    const manual = attendances.filter((a) => a.source === 'manual')
    expect(manual).toHaveLength(2)
    for (const m of manual) {
      expect(m.status).toBe('pending')
      expect(m.reason).toBe('现场未带手机，组织者补录')
      expect(['demo-organiser', 'demo-organiser-community']).toContain(m.recordedBy?.openid)
    }
  })

  test('the ledger holds exactly one credit per approved attendance, of the recomputed points under the daily cap', async () => {
    const attendances = await db.prisma.attendance.findMany({
      where: { status: 'approved' },
      include: { activity: { include: { type: true } } },
    })
    attendances.sort(
      (x, y) => x.checkOutAt!.getTime() - y.checkOutAt!.getTime() || x.userId - y.userId || x.activityId - y.activityId,
    )
    const expected = new Map<string, { userId: number; amount: number }>()
    const day = new Map<string, number>()
    for (const a of attendances) {
      const type = a.activity.type
      const full = pointsForHours(Number(a.hours), { pointsPerHour: Number(type.pointsPerHour) })
      const key = `${a.userId}|${type.id}|${chinaDate(a.activity.startAt)}`
      const amount = capDailyPoints(full, day.get(key) ?? 0, type.maxPointsPerDay)
      day.set(key, (day.get(key) ?? 0) + amount)
      if (amount > 0) expected.set(`attendance:${a.id}:credit`, { userId: a.userId, amount })
    }
    const entries = await db.prisma.pointsEntry.findMany()
    expect(entries.length).toBe(expected.size)
    for (const e of entries) {
      expect(e.sourceType).toBe('attendance')
      expect(e.actorId).toBeNull()
      expect(e.dedupeKey).toBe(`attendance:${e.sourceId}:credit`)
      expect(expected.get(e.dedupeKey!)).toEqual({ userId: e.userId, amount: e.amount })
      expect(e.reason).toMatch(/^参加「.+」服务 \d+(\.5)? 小时/)
    }
  })

  test('the demo accounts exist with their roles and complete, protected profiles', async () => {
    const users = await db.prisma.user.findMany({
      where: { openid: { startsWith: 'demo-' } },
      include: { organiserRoles: { include: { unit: true, community: true } }, unit: true, community: true },
    })
    const byOpenid = new Map(users.map((u) => [u.openid, u]))
    const volunteers = [1, 2, 3, 4, 5, 6].map((i) => `demo-volunteer-${i}`)
    expect([...byOpenid.keys()].sort()).toEqual(['demo-office', 'demo-organiser', 'demo-organiser-community', ...volunteers].sort())

    const office = byOpenid.get('demo-office')!
    expect(office.isOffice).toBe(true)
    expect(office.realName).toBe('王主任')

    const organiser = byOpenid.get('demo-organiser')!
    expect(organiser.organiserRoles.map((r) => r.unit?.name)).toEqual(['区教育局'])
    expect(organiser.unit?.name).toBe('区教育局')
    expect(organiser.isOffice).toBe(false)

    const communityOrganiser = byOpenid.get('demo-organiser-community')!
    expect(communityOrganiser.organiserRoles.map((r) => r.community?.name)).toEqual(['东风社区'])
    expect(communityOrganiser.community?.name).toBe('东风社区')

    for (const openid of volunteers) {
      const v = byOpenid.get(openid)!
      expect(v.community).not.toBeNull()
      expect(v.organiserRoles).toHaveLength(0)
      expect(v.isOffice).toBe(false)
    }
    expect(volunteers.filter((o) => byOpenid.get(o)!.unit != null)).toHaveLength(1)
    expect(new Set(volunteers.map((o) => byOpenid.get(o)!.communityId)).size).toBeGreaterThan(3)

    for (const u of users) {
      expect(u.realName && u.gender && u.birthYear && u.profileCompletedAt).toBeTruthy()
      expect(u.skills.length).toBeGreaterThan(0)
      const phone = testCipher.decrypt(u.phoneEnc!)
      expect(phone).toMatch(/^1[358]\d{9}$/)
      expect(u.phoneHash).toBe(testCipher.hash(phone))
    }
    // the demo volunteers have something to show: past service and points
    const balances = await db.prisma.pointsEntry.groupBy({
      by: ['userId'],
      where: { userId: { in: volunteers.map((o) => byOpenid.get(o)!.id) } },
      _sum: { amount: true },
    })
    expect(balances).toHaveLength(6)
  })

  test('synthetic volunteers give the rates their denominators: residents, staff, and some who never came', async () => {
    const synthetic = await db.prisma.user.findMany({
      where: { openid: { startsWith: 'seed-' } },
      include: { _count: { select: { attendances: true } } },
    })
    expect(synthetic).toHaveLength(150)
    expect(synthetic[0].openid).toMatch(/^seed-\d{4}$/)
    const staff = synthetic.filter((u) => u.unitId != null).length
    expect(staff / synthetic.length).toBeGreaterThan(0.3)
    expect(staff / synthetic.length).toBeLessThan(0.6)
    expect(synthetic.every((u) => u.communityId != null || u.unitId != null)).toBe(true)
    expect(synthetic.filter((u) => u._count.attendances === 0).length).toBeGreaterThan(10)
    expect(new Set(synthetic.map((u) => u.phoneHash)).size).toBe(150)
  })
})
