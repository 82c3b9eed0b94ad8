/**
 * bench/checkin-burst: 1,000 volunteers signed up for a running activity check in at once —
 * 1,000 scans over 100 connections (autocannon, its own process) — on PostgreSQL and PGlite.
 * Prints check-ins/s, p50/p99 latency and errors next to a bare Koa endpoint doing one Prisma
 * insert, measured in the same run on the same database, and the ratio.
 *   npx tsx bench/checkin-burst.ts [--db=pglite|postgresql] [--profile=<dir>]
 * It also prints the CPU time per request of the server process and of the PostgreSQL
 * backends; --profile writes a CPU profile of the server during the scans.
 * Targets: ratio ≥ 0.5, p99 < 100 ms, 0 errors, exactly 1,000 attendances.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import inspector from 'node:inspector'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import Koa from 'koa'
import { checkinKey, signCheckin } from '../server/src/modules/attendance/token'
import type { Db } from '../server/src/db/client'
import { kinds, startBenchServer } from './lib'

const PEOPLE = 1000
const WARM_UP = 200
const CONNECTIONS = 100
const SITE = { latitude: 34.26, longitude: 108.94 }

interface Run {
  rps: number
  total: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  statusCodes: Record<string, { count: number }>
  ms: number
}

/** CPU seconds (user + system) of a process, from /proc (Linux; 0 when unavailable). */
function cpuOf(pid: number): number {
  try {
    // the fields after the command's closing parenthesis: utime and stime are the 12th and 13th
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(f[11]) + Number(f[12])) / 100 // USER_HZ
  } catch {
    return 0
  }
}

type Measured = Run & { serverMs: number; dbMs: number | null }

/**
 * CPU per request — robust to other load on the machine, unlike requests per second: this
 * process (the API and the bare endpoint, and PGlite when embedded) from process.cpuUsage,
 * and the PostgreSQL backends serving the bench database from /proc (when local).
 */
async function measured(p: Db, dbName: string | null, fn: () => Promise<Run>): Promise<Measured> {
  const backends = async () =>
    dbName
      ? (await p.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = ${dbName}`).map(
          (r) => r.pid,
        )
      : []
  const start = new Map((await backends()).map((pid) => [pid, cpuOf(pid)]))
  const before = process.cpuUsage()
  const r = await fn()
  const used = process.cpuUsage(before)
  let db = 0
  for (const pid of await backends()) db += cpuOf(pid) - (start.get(pid) ?? 0)
  return { ...r, serverMs: (used.user + used.system) / 1000 / r.total, dbMs: dbName ? (db * 1000) / r.total : null }
}

/** `--profile=<dir>`: a CPU profile (.cpuprofile) of this process during the scans alone. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.argv.find((a) => a.startsWith('--profile='))?.slice(10)
  if (!dir) return fn()
  const session = new inspector.Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))))
  await post('Profiler.enable')
  await post('Profiler.setSamplingInterval', { interval: 500 })
  await post('Profiler.start')
  try {
    return await fn()
  } finally {
    const { profile } = await post('Profiler.stop')
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `${name}-${Date.now()}.cpuprofile`)
    fs.writeFileSync(file, JSON.stringify(profile))
    console.log(`  profile: ${file}`)
    session.disconnect()
  }
}

function autocannon(job: object): Promise<Run> {
  const child = spawn(process.execPath, [path.join(__dirname, 'autocannon-run.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stdin.end(JSON.stringify(job))
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited ${code}`)))),
  )
}

async function run(kind: 'pglite' | 'postgresql') {
  const s = await startBenchServer(kind, 20)
  const p = s.db.prisma
  // the reference: a bare Koa endpoint doing one Prisma insert, on the same database
  const bare = new Koa()
  bare.use(async (ctx) => {
    await p.notice.create({ data: { userId: 1, kind: 'activity_changed', title: 'bench', body: 'bench' } })
    ctx.status = 201
    ctx.body = { ok: true }
  })
  const bareServer = http.createServer(bare.callback())
  await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve))
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`
  try {
    const community = await p.community.create({ data: { name: '基准社区' } })
    const unit = await p.unit.create({ data: { name: '基准单位', kind: '党政机关', headcount: 10 } })
    const type = await p.activityType.create({ data: { name: '基准类型' } })
    const start = new Date(Date.now() - 10 * 60_000)
    /** `n` volunteers signed up for a running activity of their own; their session tokens and its check-in code */
    const crowd = async (tag: string, n: number) => {
      await p.user.createMany({
        data: Array.from({ length: n }, (_, i) => ({ openid: `${tag}-${i}`, realName: `志愿者${i}`, profileCompletedAt: new Date() })),
      })
      const users = await p.user.findMany({ where: { openid: { startsWith: `${tag}-` } }, orderBy: { id: 'asc' } })
      const activity = await p.activity.create({
        data: {
          shortKey: `${tag}${Date.now().toString(36)}`,
          title: '基准签到活动',
          typeId: type.id,
          organiserUnitId: unit.id,
          communityId: community.id,
          address: '基准路口',
          ...SITE,
          radiusM: 500,
          startAt: start,
          endAt: new Date(start.getTime() + 3 * 3_600_000),
          signupDeadline: start,
          capacity: n,
          createdById: users[0].id,
        },
      })
      await p.signup.createMany({ data: users.map((u) => ({ activityId: activity.id, userId: u.id, status: 'confirmed' as const })) })
      const tokens = await Promise.all(users.map((u) => s.token(u.id)))
      const code = signCheckin(checkinKey(s.deps.config.sessionSecret), activity.id, 'in', new Date(Date.now() + 120_000))
      return { activity, tokens, code }
    }
    const { activity, tokens, code } = await crowd('burst', PEOPLE)
    const warm = await crowd('warm', WARM_UP)

    // warm-up (not counted), the same for both: each endpoint's own path (JIT, connection
    // pools, the database's plans per connection) — the scans of other people at another activity
    await autocannon({ url: bareUrl, method: 'POST', path: '/', amount: WARM_UP, connections: 20 })
    const warmed = await autocannon({
      url: s.url,
      method: 'POST',
      path: '/api/attendance/scan',
      body: { token: warm.code, ...SITE },
      tokens: warm.tokens,
      amount: WARM_UP,
      connections: 20,
    })
    if (warmed.errors + warmed.non2xx) throw new Error(`warm-up scans failed: ${JSON.stringify(warmed.statusCodes)}`)

    const ref = await measured(p, s.dbName, () => autocannon({ url: bareUrl, method: 'POST', path: '/', amount: PEOPLE, connections: CONNECTIONS }))
    const scans = await measured(p, s.dbName, () => profiled(`${kind}-scans`, () => autocannon({
      url: s.url,
      method: 'POST',
      path: '/api/attendance/scan',
      body: { token: code, ...SITE },
      tokens,
      amount: PEOPLE,
      connections: CONNECTIONS,
    })))
    const attendances = await p.attendance.count({ where: { activityId: activity.id } })
    const ratio = scans.rps / ref.rps
    const cpu = (r: Measured) =>
      `CPU/req: server ${r.serverMs.toFixed(2)} ms${r.dbMs == null ? ' (database in process)' : `, database ${r.dbMs.toFixed(2)} ms`}`
    const line = (label: string, r: Measured) =>
      `  ${label.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}   non-2xx ${r.non2xx}   ${cpu(r)}`
    console.log(`${kind}:`)
    console.log(line('bare Koa + 1 Prisma insert', ref))
    console.log(line('check-in scans', scans))
    console.log(
      `  ratio ${ratio.toFixed(2)} (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'missed'})   p99 < 100 ms: ${scans.p99 < 100 ? 'met' : 'missed'}   ` +
        `attendances ${attendances} (${attendances === PEOPLE ? 'exact' : 'WRONG'})   errors ${scans.errors + scans.non2xx === 0 ? 'none' : scans.errors + scans.non2xx}`,
    )
    if (scans.non2xx) console.log(`  status codes: ${JSON.stringify(scans.statusCodes)}`)
    return attendances === PEOPLE && scans.errors + scans.non2xx === 0
  } finally {
    bareServer.close()
    await s.close()
  }
}

async function main() {
  console.log(`checkin-burst: ${PEOPLE} check-ins over ${CONNECTIONS} connections (autocannon), node ${process.version}`)
  let ok = true
  for (const kind of kinds()) ok = (await run(kind)) && ok
  process.exit(ok ? 0 : 1)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
