/**
 * The demo city: the fictional district 清河区 with communities, units, pairings (包联), the demo
 * accounts, ~150 synthetic volunteers, six weeks of activities around `today` (four past, two
 * ahead), sign-ups, attendance and the points they earned.
 *
 * Reproducible: every random choice comes from a seeded PRNG and every date is relative to the
 * China date `today`, so the same `today` gives the same rows (phone ciphertexts aside: their IVs
 * are random) and the demo always shows recent weeks. The whole seed is one transaction.
 */
import {
  capDailyPoints,
  chinaDayStart,
  chinaToday,
  chinaWallClock,
  DEFAULT_HOURS_STEP,
  pointsForHours,
  serviceHours,
} from '@civic/shared'
import type { Prisma, PrismaClient } from '../generated/prisma/client'
import {
  ACTIVITY_TYPES,
  type ActivityTypeDef,
  COMMUNITIES,
  COMMUNITY_SPOTS,
  DEMO_CENTRE,
  DEMO_DISTRICT,
  DEMO_USERS,
  DUTY_SLOTS,
  DUTY_SPOTS,
  GIVEN_NAMES_FEMALE,
  GIVEN_NAMES_MALE,
  MANUAL_REASON,
  type Organiser,
  PHONE_PREFIXES,
  SERIES,
  type SeriesDef,
  SKILLS,
  SURNAMES,
  SYNTHETIC_USERS,
  TODAY_POST,
  UNITS,
} from './demo-data'
import { createRng, type Rng } from './random'
import { seedDemoReports } from '../modules/reports/seed'
import type { Storage } from '../storage'

export interface SeedOptions {
  /** China date `YYYY-MM-DD` the demo is built around; default chinaToday() */
  today?: string
  cipher: { encrypt(s: string): string; hash(s: string): string }
  /** also seed 随手拍 reports, their photos stored here, closed ones earning `points` */
  reports?: { storage: Storage; points: number }
}

export interface SeedSummary {
  communities: number
  units: number
  pairings: number
  users: number
  activities: number
  signups: number
  attendances: number
  pointsEntries: number
}

type Tx = Prisma.TransactionClient

const SEED = 20_261_121
/** pg_advisory_xact_lock key: two processes starting at once seed once */
const SEED_LOCK_KEY = 72_641_935
const TX_OPTIONS = { timeout: 120_000, maxWait: 20_000 }
/** days before `today` the demo starts, and days from `today` it runs on (6 weeks in all) */
const PAST_DAYS = 28
const FUTURE_DAYS = 14
const WEEKS = (PAST_DAYS + FUTURE_DAYS) / 7
const WAITLIST_LENGTH = 3
/** staff each unit must field on its weekly 周上街 (small units with few registered staff miss it) */
const DUTY_REQUIRED = 3
const KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

export async function seedDemo(prisma: PrismaClient, opts: SeedOptions): Promise<SeedSummary> {
  return prisma.$transaction(async (tx) => {
    await lock(tx)
    return seedInTransaction(tx, opts)
  }, TX_OPTIONS)
}

/**
 * Seeds only when the database holds no community and no user; returns null when it did nothing.
 * Holds pg_advisory_xact_lock so two processes starting at once seed once.
 */
export async function seedDemoIfEmpty(prisma: PrismaClient, opts: SeedOptions): Promise<SeedSummary | null> {
  return prisma.$transaction(async (tx) => {
    await lock(tx)
    const communities = await tx.community.count()
    const users = await tx.user.count()
    if (communities > 0 || users > 0) return null
    return seedInTransaction(tx, opts)
  }, TX_OPTIONS)
}

async function lock(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`
}

// ---------------------------------------------------------------- calendar helpers

function checkDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new RangeError(`today must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`)
  }
  return date
}

/** calendar arithmetic on `YYYY-MM-DD` (no time zone involved) */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** ISO weekday, 1 = Monday … 7 = Sunday */
function isoWeekday(date: string): number {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay()
  return dow === 0 ? 7 : dow
}

/** the k-th (0-based) date with `weekday` on or after `from` */
function nthWeekday(from: string, weekday: number, k: number): string {
  return addDays(from, ((weekday - isoWeekday(from) + 7) % 7) + 7 * k)
}

function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + Math.round(minutes * 60_000))
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
const round6 = (n: number) => Math.round(n * 1e6) / 1e6
const formatHours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1))

// ---------------------------------------------------------------- plans (built in memory, then inserted)

interface PersonPlan {
  openid: string
  realName: string
  gender: 'male' | 'female'
  birthYear: number
  skills: string[]
  phone: string
  community: string | null
  unit: string | null
  isOffice: boolean
  organiserOf: Organiser | null
  /** relative chance of signing up for optional activities (0 = registered but never came) */
  enthusiasm: number
  demo: boolean
  createdAt: Date
}

interface ActivityPlan {
  shortKey: string
  title: string
  type: ActivityTypeDef
  organiser: Organiser
  community: string
  address: string
  latitude: number
  longitude: number
  radiusM: number
  date: string
  startAt: Date
  endAt: Date
  capacity: number
  /** 周上街: the staff the unit must field that week */
  requiredHeadcount?: number
  audience: SeriesDef['audience']
  allowWalkIn: boolean
  creator: string
  createdAt: Date
  past: boolean
  fullNext: boolean
  pinConfirmed: string[]
  pinWaitlist: string[]
}

interface SignupPlan {
  activity: ActivityPlan
  openid: string
  waitlisted: boolean
  createdAt: Date
}

interface AttendancePlan {
  activity: ActivityPlan
  openid: string
  source: 'scan' | 'manual'
  status: 'approved' | 'pending' | 'no_show'
  checkInAt: Date | null
  checkOutAt: Date | null
  hours: number
  reason: string | null
  recordedBy: string | null
}

const organiserKey = (o: Organiser) => ('unit' in o ? `unit:${o.unit}` : `community:${o.community}`)

// ---------------------------------------------------------------- the seed

async function seedInTransaction(tx: Tx, opts: SeedOptions): Promise<SeedSummary> {
  const today = checkDate(opts.today ?? chinaToday())
  const rng = createRng(SEED)
  const todayStart = chinaDayStart(today)
  /** creation times are kept before the seed date: nothing looks created in the future */
  const notAfterToday = (d: Date, fallbackMinutesBefore: number) =>
    d.getTime() < todayStart.getTime() ? d : addMinutes(todayStart, -fallbackMinutesBefore)

  // ---- activity types
  const types = await tx.activityType.createManyAndReturn({
    data: ACTIVITY_TYPES.map((t) => ({
      name: t.name,
      duty: t.duty,
      pointsPerHour: t.pointsPerHour,
      maxHoursPerActivity: t.maxHoursPerActivity,
      maxPointsPerDay: t.maxPointsPerDay,
    })),
    select: { id: true, name: true },
  })
  const typeId = new Map(types.map((t) => [t.name, t.id]))

  // ---- communities and units
  const communities = await tx.community.createManyAndReturn({
    data: COMMUNITIES.map((c) => ({
      name: c.name,
      street: c.street,
      district: DEMO_DISTRICT,
      residentPopulation: c.residentPopulation,
    })),
    select: { id: true, name: true },
  })
  const communityId = new Map(communities.map((c) => [c.name, c.id]))

  const units = await tx.unit.createManyAndReturn({
    data: UNITS.map((u) => ({ name: u.name, kind: u.kind, headcount: u.headcount })),
    select: { id: true, name: true },
  })
  const unitId = new Map(units.map((u) => [u.name, u.id]))

  // ---- pairings: every community gets a unit first, then each unit 0–2 more (1–3 in all)
  const pr = rng.fork('pairings')
  const communityOrder = pr.shuffle(COMMUNITIES.map((c) => c.name))
  const paired = new Map<string, string[]>()
  UNITS.forEach((u, i) => {
    const mine = [communityOrder[i % communityOrder.length]]
    const extra = pr.int(0, 2)
    for (const c of pr.shuffle(communityOrder)) {
      if (mine.length > extra) break
      if (!mine.includes(c)) mine.push(c)
    }
    paired.set(u.name, mine)
  })
  const pairingRows = UNITS.flatMap((u) =>
    paired.get(u.name)!.map((c) => ({ unitId: unitId.get(u.name)!, communityId: communityId.get(c)! })),
  )
  await tx.pairing.createMany({ data: pairingRows })
  const communitiesOfUnit = (unit: string) => paired.get(unit) ?? []
  const unitsOfCommunity = new Map<string, Set<string>>(COMMUNITIES.map((c) => [c.name, new Set()]))
  for (const [unit, cs] of paired) for (const c of cs) unitsOfCommunity.get(c)!.add(unit)

  // ---- people
  const people = planPeople(rng.fork('people'), today)
  const byOpenid = new Map(people.map((p) => [p.openid, p]))
  const userRows = await tx.user.createManyAndReturn({
    data: people.map((p) => ({
      openid: p.openid,
      realName: p.realName,
      gender: p.gender,
      birthYear: p.birthYear,
      skills: p.skills,
      communityId: p.community ? communityId.get(p.community)! : null,
      unitId: p.unit ? unitId.get(p.unit)! : null,
      phoneEnc: opts.cipher.encrypt(p.phone),
      phoneHash: opts.cipher.hash(p.phone),
      isOffice: p.isOffice,
      createdAt: p.createdAt,
      profileCompletedAt: addMinutes(p.createdAt, 3 + (p.birthYear % 7)),
    })),
    select: { id: true, openid: true },
  })
  const userId = new Map(userRows.map((u) => [u.openid, u.id]))
  const office = people.find((p) => p.isOffice)!

  // organisers: the demo ones, then the first staff member of every other unit and the first
  // resident of every other community (one role per synthetic person)
  const organiserOf = new Map<string, string>()
  for (const p of people) if (p.organiserOf) organiserOf.set(organiserKey(p.organiserOf), p.openid)
  const appointed = new Set(organiserOf.values())
  const appoint = (key: string, match: (p: PersonPlan) => boolean) => {
    if (organiserOf.has(key)) return
    const p = people.find((q) => !q.demo && !appointed.has(q.openid) && match(q))
    if (!p) throw new Error(`demo seed: nobody to organise ${key}`)
    organiserOf.set(key, p.openid)
    appointed.add(p.openid)
  }
  for (const u of UNITS) appoint(organiserKey({ unit: u.name }), (p) => p.unit === u.name)
  for (const c of COMMUNITIES) appoint(organiserKey({ community: c.name }), (p) => p.community === c.name)
  await tx.organiserRole.createMany({
    data: [...organiserOf].map(([key, openid]) => {
      const [kind, name] = key.split(':')
      const p = byOpenid.get(openid)!
      return {
        userId: userId.get(openid)!,
        unitId: kind === 'unit' ? unitId.get(name)! : null,
        communityId: kind === 'community' ? communityId.get(name)! : null,
        grantedById: userId.get(office.openid)!,
        createdAt: addMinutes(p.createdAt, 60 * 24),
      }
    }),
  })

  // ---- activities
  const activities = planActivities(rng.fork('activities'), today, organiserOf, office.openid, communitiesOfUnit)
  for (const a of activities) a.createdAt = notAfterToday(a.createdAt, 60 * 14)
  const activityRows = await tx.activity.createManyAndReturn({
    data: activities.map((a) => ({
      shortKey: a.shortKey,
      title: a.title,
      typeId: typeId.get(a.type.name)!,
      description: a.type.description,
      organiserUnitId: 'unit' in a.organiser ? unitId.get(a.organiser.unit)! : null,
      organiserCommunityId: 'community' in a.organiser ? communityId.get(a.organiser.community)! : null,
      communityId: communityId.get(a.community)!,
      address: a.address,
      latitude: a.latitude,
      longitude: a.longitude,
      radiusM: a.radiusM,
      startAt: a.startAt,
      endAt: a.endAt,
      capacity: a.capacity,
      requiredHeadcount: a.requiredHeadcount ?? null,
      signupDeadline: addMinutes(a.startAt, -120),
      allowWalkIn: a.allowWalkIn,
      audience: a.audience,
      createdById: userId.get(a.creator)!,
      createdAt: a.createdAt,
    })),
    select: { id: true, shortKey: true },
  })
  const activityId = new Map(activityRows.map((a) => [a.shortKey, a.id]))

  // ---- sign-ups
  const signups = planSignups(rng.fork('signups'), activities, people, unitsOfCommunity)
  for (const s of signups) s.createdAt = notAfterToday(s.createdAt, 30)
  const waiting = signups.filter((s) => s.waitlisted)
  const seqs = waiting.length
    ? (
        await tx.$queryRaw<Array<{ v: bigint }>>`SELECT nextval('signup_queue_seq') AS v FROM generate_series(1, ${waiting.length}::int)`
      )
        .map((r) => BigInt(r.v))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    : []
  const queueSeq = new Map(waiting.map((s, i) => [s, seqs[i]]))
  await tx.signup.createMany({
    data: signups.map((s) => ({
      activityId: activityId.get(s.activity.shortKey)!,
      userId: userId.get(s.openid)!,
      status: s.waitlisted ? ('waitlisted' as const) : ('confirmed' as const),
      queueSeq: queueSeq.get(s) ?? null,
      createdAt: s.createdAt,
    })),
  })

  // ---- attendance for past activities
  const attendances = planAttendance(rng.fork('attendance'), signups, organiserOf)
  const attendanceRows = await tx.attendance.createManyAndReturn({
    data: attendances.map((a) => ({
      activityId: activityId.get(a.activity.shortKey)!,
      userId: userId.get(a.openid)!,
      source: a.source,
      status: a.status,
      checkInAt: a.checkInAt,
      checkOutAt: a.checkOutAt,
      hours: a.hours,
      reason: a.reason,
      recordedById: a.recordedBy ? userId.get(a.recordedBy)! : null,
      createdAt: a.checkInAt ?? a.activity.endAt,
    })),
    select: { id: true, activityId: true, userId: true },
  })
  const attendanceId = new Map(attendanceRows.map((r) => [`${r.activityId}:${r.userId}`, r.id]))

  // ---- points: one credit per approved attendance, capped per person, type and China day
  const credited = attendances
    .filter((a) => a.status === 'approved' && a.hours > 0)
    .sort((x, y) => x.checkOutAt!.getTime() - y.checkOutAt!.getTime() || x.openid.localeCompare(y.openid))
  const earnedThatDay = new Map<string, number>()
  const pointsRows: Prisma.PointsEntryCreateManyInput[] = []
  for (const a of credited) {
    const full = pointsForHours(a.hours, a.activity.type)
    const dayKey = `${a.openid}|${a.activity.type.name}|${a.activity.date}`
    const already = earnedThatDay.get(dayKey) ?? 0
    const amount = capDailyPoints(full, already, a.activity.type.maxPointsPerDay)
    if (amount <= 0) continue
    earnedThatDay.set(dayKey, already + amount)
    const id = attendanceId.get(`${activityId.get(a.activity.shortKey)}:${userId.get(a.openid)}`)!
    pointsRows.push({
      userId: userId.get(a.openid)!,
      amount,
      reason:
        `参加「${a.activity.title}」服务 ${formatHours(a.hours)} 小时` + (amount < full ? '（已达当日积分上限）' : ''),
      sourceType: 'attendance',
      sourceId: String(id),
      dedupeKey: `attendance:${id}:credit`,
      actorId: null,
      createdAt: addMinutes(a.checkOutAt!, 1),
    })
  }
  await tx.pointsEntry.createMany({ data: pointsRows })

  // ---- 随手拍 reports in every state (when a storage for their photos is given)
  const reports = opts.reports
    ? await seedDemoReports(tx, {
        today,
        rng: rng.fork('reports'),
        storage: opts.reports.storage,
        points: opts.reports.points,
        userId: (openid) => userId.get(openid)!,
        officeId: userId.get(office.openid)!,
        organiserOfUnit: (unit) => userId.get(organiserOf.get(organiserKey({ unit }))!)!,
        unitId: (name) => unitId.get(name)!,
        communityId: (name) => communityId.get(name)!,
        communitiesOfUnit,
        centre: (name) => COMMUNITY_CENTRES.get(name)!,
      })
    : null

  return {
    communities: communities.length,
    units: units.length,
    pairings: pairingRows.length,
    users: userRows.length,
    activities: activityRows.length,
    signups: signups.length,
    attendances: attendanceRows.length,
    pointsEntries: pointsRows.length + (reports?.pointsEntries ?? 0),
  }
}

// ---------------------------------------------------------------- people

function planPeople(rng: Rng, today: string): PersonPlan[] {
  const phones = new Set<string>()
  const names = new Set<string>()
  // everyone registered well before the first demo activity was published
  const registered = (r: Rng) =>
    chinaWallClock(addDays(today, -r.int(PAST_DAYS + 14, 150)), hhmm(r.int(7, 22), r.int(0, 59)))

  const demo: PersonPlan[] = DEMO_USERS.map((d) => {
    phones.add(d.phone)
    names.add(d.realName)
    return {
      openid: d.openid,
      realName: d.realName,
      gender: d.gender,
      birthYear: d.birthYear,
      skills: [...d.skills],
      phone: d.phone,
      community: d.community,
      unit: d.unit,
      isOffice: d.isOffice ?? false,
      organiserOf: d.organiserOf ?? null,
      enthusiasm: d.isOffice ? 0 : d.organiserOf ? 0.8 : 3,
      demo: true,
      createdAt: chinaWallClock(addDays(today, -160), hhmm(9, 0)),
    }
  })

  // residents spread by community weight; ~45% are (also or only) staff of a unit, spread by
  // headcount and how seriously the unit takes 周上街; every unit and community gets a few first
  const communityWeight = (c: (typeof COMMUNITIES)[number]) => c.weight
  const unitWeight = (u: (typeof UNITS)[number]) => Math.sqrt(u.headcount) * (0.4 + u.dutyRate)
  const weightedPick = <T>(items: readonly T[], w: (t: T) => number): T => {
    const total = items.reduce((s, t) => s + w(t), 0)
    let x = rng.next() * total
    for (const t of items) {
      x -= w(t)
      if (x < 0) return t
    }
    return items[items.length - 1]
  }

  const synthetic: PersonPlan[] = []
  let residents = 0
  let staff = 0
  for (let i = 1; i <= SYNTHETIC_USERS; i++) {
    const gender = rng.chance(0.52) ? 'female' : 'male'
    let realName = ''
    do {
      realName = rng.pick(SURNAMES) + rng.pick(gender === 'female' ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE)
    } while (names.has(realName))
    names.add(realName)
    let phone = ''
    do {
      phone = rng.pick(PHONE_PREFIXES) + rng.string(8, '0123456789')
    } while (phones.has(phone))
    phones.add(phone)

    const role = rng.next()
    const isResident = role < 0.8
    const isStaff = role >= 0.55
    let community: string | null = null
    let unit: string | null = null
    if (isResident) {
      community =
        residents < COMMUNITIES.length * 3
          ? COMMUNITIES[residents % COMMUNITIES.length].name
          : weightedPick(COMMUNITIES, communityWeight).name
      residents++
    }
    if (isStaff) {
      unit = staff < UNITS.length * 2 ? UNITS[staff % UNITS.length].name : weightedPick(UNITS, unitWeight).name
      staff++
    }
    const skills = rng.shuffle(SKILLS).slice(0, rng.int(1, 3))
    const enthusiasm = rng.chance(0.22) ? 0 : round6(0.3 + 1.7 * rng.next() ** 2)
    synthetic.push({
      openid: `seed-${String(i).padStart(4, '0')}`,
      realName,
      gender,
      birthYear: rng.int(1955, 2005),
      skills,
      phone,
      community,
      unit,
      isOffice: false,
      organiserOf: null,
      enthusiasm,
      demo: false,
      createdAt: registered(rng),
    })
  }
  return [...demo, ...synthetic]
}

// ---------------------------------------------------------------- activities

function planActivities(
  rng: Rng,
  today: string,
  organiserOf: Map<string, string>,
  officeOpenid: string,
  communitiesOfUnit: (unit: string) => string[],
): ActivityPlan[] {
  const first = addDays(today, -PAST_DAYS)
  const plans: ActivityPlan[] = []
  const keys = new Set<string>()
  const shortKey = () => {
    let k = ''
    do k = rng.string(10, KEY_ALPHABET)
    while (keys.has(k))
    keys.add(k)
    return k
  }
  const typeOf = (name: string) => ACTIVITY_TYPES.find((t) => t.name === name)!
  const near = (community: string, spread: number) => {
    const c = COMMUNITY_CENTRES.get(community)!
    return { latitude: round6(c.lat + rng.float(-spread, spread)), longitude: round6(c.lng + rng.float(-spread, spread)) }
  }
  const make = (
    p: Omit<ActivityPlan, 'shortKey' | 'startAt' | 'endAt' | 'past' | 'createdAt' | 'pinConfirmed' | 'pinWaitlist'> & {
      start: string
      end: string
    },
  ): ActivityPlan => {
    const startAt = chinaWallClock(p.date, p.start)
    const { start: _s, end: _e, ...rest } = p
    return {
      ...rest,
      shortKey: shortKey(),
      startAt,
      endAt: chinaWallClock(p.date, p.end),
      past: p.date < today,
      createdAt: chinaWallClock(addDays(p.date, -rng.int(4, 9)), hhmm(rng.int(8, 17), rng.int(0, 59))),
      pinConfirmed: [],
      pinWaitlist: [],
    }
  }

  // 周上街: each unit on its own weekday and slot, in its paired communities in turn; units that do
  // not keep it up skip weeks
  for (const u of UNITS) {
    const weekday = rng.int(1, 5)
    const slot = rng.pick(DUTY_SLOTS)
    const where = communitiesOfUnit(u.name)
    for (let k = 0; k < WEEKS; k++) {
      const held = rng.next() < u.dutyRate
      const community = where[k % where.length]
      const spot = rng.pick(DUTY_SPOTS)
      if (!held) continue
      plans.push(
        make({
          title: `${u.name}周上街（${community}）`,
          type: typeOf('周上街'),
          organiser: { unit: u.name },
          community,
          address: `${DEMO_DISTRICT}${community}${spot}`,
          ...near(community, 0.004),
          radiusM: 50 * rng.int(6, 16),
          date: nthWeekday(first, weekday, k),
          start: slot.start,
          end: slot.end,
          capacity: rng.int(10, 12),
          requiredHeadcount: DUTY_REQUIRED,
          audience: 'unit_staff',
          allowWalkIn: false,
          creator: organiserOf.get(organiserKey({ unit: u.name }))!,
          fullNext: false,
        }),
      )
    }
  }

  // the recurring volunteer activities
  for (const s of SERIES) {
    const place = near(s.community, 0.004)
    const radiusM = 50 * rng.int(6, 16)
    // fortnightly series run in weeks 1, 3 and 5: two held, one ahead (never on the seed date)
    for (let k = s.every - 1; k < WEEKS; k += s.every) {
      const date = nthWeekday(first, s.weekday, k)
      plans.push(
        make({
          title: s.title,
          type: typeOf(s.type),
          organiser: s.organiser,
          community: s.community,
          address: s.address,
          ...place,
          radiusM,
          date,
          start: s.start,
          end: s.end,
          capacity: s.capacity,
          audience: s.audience,
          allowWalkIn: s.type === '文明交通',
          creator: s.byOffice ? officeOpenid : organiserOf.get(organiserKey(s.organiser))!,
          fullNext: false,
        }),
      )
    }
    if (s.fullNext) {
      const next = plans.filter((p) => p.title === s.title && p.date > today).sort((a, b) => +a.startAt - +b.startAt)[0]
      if (next) next.fullNext = true
    }
  }

  // an all-day post on the seed date, for showing check-in at any hour
  const post = make({
    title: TODAY_POST.title,
    type: typeOf(TODAY_POST.type),
    organiser: TODAY_POST.organiser,
    community: TODAY_POST.community,
    address: TODAY_POST.address,
    ...near(TODAY_POST.community, 0.002),
    radiusM: 800,
    date: today,
    start: TODAY_POST.start,
    end: TODAY_POST.end,
    capacity: TODAY_POST.capacity,
    audience: TODAY_POST.audience,
    allowWalkIn: true,
    creator: organiserOf.get(organiserKey(TODAY_POST.organiser))!,
    fullNext: false,
  })
  post.pinConfirmed = ['demo-volunteer-1', 'demo-volunteer-3', 'demo-volunteer-6']
  plans.push(post)

  // the demo volunteers see a full activity from both sides: one has a seat, one waits
  const full = plans.filter((p) => p.fullNext).sort((a, b) => +a.startAt - +b.startAt)
  if (full[0]) {
    full[0].pinConfirmed = ['demo-volunteer-1', 'demo-volunteer-4']
    full[0].pinWaitlist = ['demo-volunteer-2']
  }
  if (full[1]) full[1].pinWaitlist = ['demo-volunteer-5']

  return plans.sort((a, b) => +a.startAt - +b.startAt || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
}

/** fixed community centres (their own stream, so they do not move when the activity plan changes) */
const COMMUNITY_CENTRES = (() => {
  const geo = createRng(SEED).fork('geo')
  return new Map(
    COMMUNITIES.map((c) => [
      c.name,
      { lat: DEMO_CENTRE.lat + geo.float(-0.03, 0.03), lng: DEMO_CENTRE.lng + geo.float(-0.04, 0.04) },
    ]),
  )
})()

// ---------------------------------------------------------------- sign-ups

function planSignups(
  rng: Rng,
  activities: ActivityPlan[],
  people: PersonPlan[],
  unitsOfCommunity: Map<string, Set<string>>,
): SignupPlan[] {
  const personOf = new Map(people.map((p) => [p.openid, p]))
  const busy = new Map<string, Array<[number, number]>>()
  const isFree = (openid: string, a: ActivityPlan) =>
    !(busy.get(openid) ?? []).some(([s, e]) => a.startAt.getTime() < e && s < a.endAt.getTime())
  const book = (openid: string, a: ActivityPlan) => {
    const list = busy.get(openid) ?? []
    list.push([a.startAt.getTime(), a.endAt.getTime()])
    busy.set(openid, list)
  }
  const eligible = (p: PersonPlan, a: ActivityPlan) => {
    if (p.isOffice || p.openid === a.creator) return false
    if (a.audience === 'unit_staff') return 'unit' in a.organiser && p.unit === a.organiser.unit
    if (a.audience === 'community_residents') return p.community === a.community
    return true
  }
  const weight = (a: ActivityPlan) => (p: PersonPlan) => {
    if (!eligible(p, a)) return 0
    // 周上街 is a work duty: staff are rostered whatever their enthusiasm for volunteering
    if (a.type.duty) return 1 + p.enthusiasm
    let w = p.enthusiasm
    if (p.community === a.community) w *= 3
    if (p.unit && unitsOfCommunity.get(a.community)?.has(p.unit)) w *= 1.5
    return w
  }
  const signedAt = (a: ActivityPlan) => {
    const from = a.createdAt.getTime()
    const until = Math.max(from + 3_600_000, a.startAt.getTime() - 3 * 3_600_000)
    return new Date(Math.round(from + rng.next() * (until - from)))
  }

  const out: SignupPlan[] = []
  // pinned activities first, so the demo accounts get their places before the crowd
  const order = [
    ...activities.filter((a) => a.pinConfirmed.length || a.pinWaitlist.length),
    ...activities.filter((a) => !a.pinConfirmed.length && !a.pinWaitlist.length),
  ]
  for (const a of order) {
    const fill = a.fullNext ? 1 : a.type.duty ? rng.float(0.5, 0.9) : a.past ? rng.float(0.55, 0.95) : rng.float(0.25, 0.65)
    const candidates = rng.weightedOrder(people, weight(a))
    const target = a.type.duty
      ? Math.min(a.capacity, Math.max(1, Math.round(candidates.length * fill)))
      : Math.min(a.capacity, Math.round(a.capacity * fill))
    const confirmed: string[] = []
    const waitlist: string[] = []
    const take = (openid: string, list: string[]) => {
      if (confirmed.includes(openid) || waitlist.includes(openid) || !isFree(openid, a)) return
      book(openid, a)
      list.push(openid)
    }
    const pinned = (list: string[]) => list.filter((openid) => eligible(personOf.get(openid)!, a))
    for (const openid of pinned(a.pinConfirmed)) if (confirmed.length < target) take(openid, confirmed)
    for (const p of candidates) {
      if (confirmed.length >= target) break
      if (!a.pinWaitlist.includes(p.openid)) take(p.openid, confirmed)
    }
    if (a.fullNext && confirmed.length === a.capacity) {
      for (const openid of pinned(a.pinWaitlist)) take(openid, waitlist)
      for (const p of candidates) {
        if (waitlist.length >= WAITLIST_LENGTH) break
        take(p.openid, waitlist)
      }
    }
    const confirmedAt = confirmed.map(() => signedAt(a)).sort((x, y) => +x - +y)
    const lastConfirmed = confirmedAt.length ? confirmedAt[confirmedAt.length - 1] : a.createdAt
    confirmed.forEach((openid, i) => out.push({ activity: a, openid, waitlisted: false, createdAt: confirmedAt[i] }))
    waitlist.forEach((openid, i) =>
      out.push({ activity: a, openid, waitlisted: true, createdAt: addMinutes(lastConfirmed, 7 + 11 * i) }),
    )
  }
  // insertion order: by activity, then by sign-up time
  const rank = new Map(activities.map((a, i) => [a, i]))
  return out.sort((x, y) => rank.get(x.activity)! - rank.get(y.activity)! || +x.createdAt - +y.createdAt)
}

// ---------------------------------------------------------------- attendance

function planAttendance(rng: Rng, signups: SignupPlan[], organiserOf: Map<string, string>): AttendancePlan[] {
  const hoursFor = (a: ActivityPlan, checkIn: Date, checkOut: Date) =>
    serviceHours({
      checkIn,
      checkOut,
      start: a.startAt,
      end: a.endAt,
      step: DEFAULT_HOURS_STEP,
      cap: a.type.maxHoursPerActivity,
    })
  const out: AttendancePlan[] = []
  for (const s of signups) {
    const a = s.activity
    if (!a.past || s.waitlisted) continue
    const base = { activity: a, openid: s.openid, source: 'scan' as const, reason: null, recordedBy: null }
    if (rng.chance(0.07)) {
      out.push({ ...base, status: 'no_show', checkInAt: null, checkOutAt: null, hours: 0 })
      continue
    }
    // most arrive within a few minutes of the start (early arrival is not credited); some come
    // late, some leave early
    const inMinutes = rng.chance(0.1) ? rng.float(12, 45) : rng.float(-15, 6)
    const outMinutes = rng.chance(0.1) ? -rng.float(20, 60) : rng.float(-3, 12)
    const checkInAt = addMinutes(a.startAt, inMinutes)
    let checkOutAt = addMinutes(a.endAt, outMinutes)
    if (checkOutAt <= checkInAt) checkOutAt = addMinutes(checkInAt, 30)
    out.push({ ...base, status: 'approved', checkInAt, checkOutAt, hours: hoursFor(a, checkInAt, checkOutAt) })
  }

  // two hand-made records awaiting approval: in the latest past activity of each demo organiser,
  // for someone who came without a phone
  for (const key of [organiserKey({ unit: '区教育局' }), organiserKey({ community: '东风社区' })]) {
    const latest = out
      .filter((r) => organiserKey(r.activity.organiser) === key && r.source === 'scan' && !r.openid.startsWith('demo-'))
      .sort((x, y) => +y.activity.startAt - +x.activity.startAt)[0]
    if (!latest) continue
    const a = latest.activity
    Object.assign(latest, {
      source: 'manual',
      status: 'pending',
      checkInAt: a.startAt,
      checkOutAt: a.endAt,
      hours: hoursFor(a, a.startAt, a.endAt),
      reason: MANUAL_REASON,
      recordedBy: organiserOf.get(key)!,
    } satisfies Partial<AttendancePlan>)
  }
  return out
}
