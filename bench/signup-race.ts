/**
 * bench/signup-race: 500 simultaneous sign-ups (500 people, real HTTP) for an activity with 50
 * places, on PGlite and on PostgreSQL. Prints the wall time and the final counts.
 *   npx tsx bench/signup-race.ts [--db=pglite|postgresql] [--people=500] [--places=50]
 */
import { randomBytes } from 'node:crypto'
import { fire, kinds, startBenchServer } from './lib'

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt)
const PEOPLE = arg('people', 500)
const PLACES = arg('places', 50)

async function run(kind: 'pglite' | 'postgresql') {
  const s = await startBenchServer(kind)
  try {
    const p = s.db.prisma
    const community = await p.community.create({ data: { name: '基准社区' } })
    const unit = await p.unit.create({ data: { name: '基准单位', kind: '党政机关', headcount: 10 } })
    const type = await p.activityType.create({ data: { name: '基准类型' } })
    const creator = await p.user.create({ data: { openid: 'bench-creator' } })
    const start = new Date(Date.now() + 48 * 3_600_000)
    const activity = await p.activity.create({
      data: {
        shortKey: randomBytes(5).toString('hex'),
        title: '基准活动',
        typeId: type.id,
        organiserUnitId: unit.id,
        communityId: community.id,
        address: '基准路',
        latitude: 34.26,
        longitude: 108.94,
        startAt: start,
        endAt: new Date(start.getTime() + 2 * 3_600_000),
        signupDeadline: start,
        capacity: PLACES,
        createdById: creator.id,
      },
    })
    await p.user.createMany({
      data: Array.from({ length: PEOPLE }, (_, i) => ({
        openid: `bench-${i}`,
        realName: `志愿者${i}`,
        profileCompletedAt: new Date(),
      })),
    })
    const users = await p.user.findMany({ where: { openid: { startsWith: 'bench-' }, NOT: { openid: 'bench-creator' } } })
    const tokens = await Promise.all(users.map((u) => s.token(u.id)))
    // warm the connection pool and the code paths (not counted)
    await fire({ url: s.url, method: 'GET', requests: tokens.slice(0, 50).map((token) => ({ path: '/api/me', token })) })

    const result = await fire({
      url: s.url,
      method: 'POST',
      requests: tokens.map((token) => ({ path: `/api/activities/${activity.id}/signups`, token })),
    })
    const ms = result.ms
    const responses = result.bodies as Array<{ status?: string; position?: number; error?: { code: string } }>
    const errors = PEOPLE - (result.statuses['201'] ?? 0)
    if (errors) console.log(`  non-201 answers: ${JSON.stringify(result.statuses)}`)
    const confirmed = await p.signup.count({ where: { activityId: activity.id, status: 'confirmed' } })
    const waitlisted = await p.signup.count({ where: { activityId: activity.id, status: 'waitlisted' } })
    const positions = responses.filter((r) => r.status === 'waitlisted').map((r) => r.position!).sort((a, b) => a - b)
    const positionsOk = positions.length === PEOPLE - PLACES && positions.every((v, i) => v === i + 1)
    const exact = confirmed === PLACES && waitlisted === PEOPLE - PLACES && errors === 0 && positionsOk
    console.log(
      `${kind.padEnd(10)}  ${PEOPLE} sign-ups for ${PLACES} places: ${ms.toFixed(0).padStart(5)} ms  ` +
        `(${((PEOPLE / ms) * 1000).toFixed(0)} sign-ups/s)  confirmed=${confirmed} waitlisted=${waitlisted} ` +
        `errors=${errors} positions 1..${positions.length} ${positionsOk ? 'ok' : 'WRONG'}  ${exact ? 'EXACT' : 'NOT EXACT'}` +
        `  target <2000 ms: ${ms < 2000 ? 'met' : 'missed'}`,
    )
    return exact
  } finally {
    await s.close()
  }
}

async function main() {
  console.log(`signup-race: ${PEOPLE} people, ${PLACES} places, one HTTP request each, all at once (node ${process.version})`)
  let ok = true
  for (const kind of kinds()) ok = (await run(kind)) && ok
  process.exit(ok ? 0 : 1)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
