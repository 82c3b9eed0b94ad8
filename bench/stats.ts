/**
 * bench/stats: the latency of each figures endpoint on the synthetic city (npm run seed:city),
 * through real HTTP, next to a hand-written SQL aggregate of the same figure measured in the same
 * run on its own connection, and the ratio of the medians. Also checks that both give the same
 * numbers. Target: community participation for a year ≤ 300 ms and ≤ 1.5× the hand-written SQL.
 *
 *   npx tsx bench/stats.ts [--db=pglite|postgresql] [--runs=9] [--from=YYYY-MM-DD --to=YYYY-MM-DD]
 *
 * Databases: --pglite-url (default pglite:./data/city) and --pg-url (default civic_city on the
 * server of BENCH_DATABASE_URL / TEST_DATABASE_URL / 127.0.0.1:5432). Seed them first:
 *   npm run seed:city -- --volunteers 100000 --weeks 52
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/civic_city npm run seed:city -- --volunteers 100000 --weeks 52
 * The default period is the 52 weeks that ended last Sunday (China time), as seeded.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client, type ClientConfig } from 'pg'
import { chinaDateRange, chinaToday } from '../shared/src/time'
import { createApp } from '../server/src/app'
import { issueSession } from '../server/src/auth/session'
import { loadConfig } from '../server/src/config'
import { openDatabase } from '../server/src/db/client'
import { applyMigrations } from '../server/src/db/migrate'
import type { Deps } from '../server/src/deps'
import { createDataCipher } from '../server/src/lib/crypto'
import { createLogger } from '../server/src/logger'
import { createWechatClient } from '../server/src/wechat/client'
import { PG_URL, kinds, percentile } from './lib'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const RUNS = Number(arg('runs') ?? 9)
const DAY_MS = 86_400_000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
const lastMonday = addDays(chinaToday(), -((new Date(`${chinaToday()}T00:00:00Z`).getUTCDay() + 6) % 7))
const FROM = arg('from') ?? addDays(lastMonday, -7 * 52)
const TO = arg('to') ?? addDays(lastMonday, -1)
const pgCity = () => {
  const u = new URL(PG_URL)
  u.pathname = '/civic_city'
  return u.toString()
}
const URLS = { pglite: arg('pglite-url') ?? 'pglite:./data/city', postgresql: arg('pg-url') ?? pgCity() }

// ---------------------------------------------------------------- the hand-written SQL

const COUNTED = `t.status = 'approved' AND a.status <> 'cancelled' AND a.start_at >= $1::timestamptz AND a.start_at < $2::timestamptz`
const WEEK = `date_trunc('week', a.start_at AT TIME ZONE 'Asia/Shanghai')`

const HAND: Record<string, string[]> = {
  community: [
    `SELECT c.id, (SELECT count(*) FROM app_user r WHERE r.community_id = c.id) AS registered, x.participants, x.vh, x.dh
     FROM community c LEFT JOIN (
       SELECT u.community_id, count(DISTINCT t.user_id) FILTER (WHERE NOT ty.duty) AS participants,
              SUM(t.hours) FILTER (WHERE NOT ty.duty) AS vh, SUM(t.hours) FILTER (WHERE ty.duty) AS dh
       FROM attendance t JOIN activity a ON a.id = t.activity_id JOIN activity_type ty ON ty.id = a.type_id JOIN app_user u ON u.id = t.user_id
       WHERE ${COUNTED} GROUP BY u.community_id) x ON x.community_id = c.id`,
  ],
  unit: [
    `SELECT n.id, (SELECT count(*) FROM app_user r WHERE r.unit_id = n.id) AS registered, x.participants, x.vh, x.dh
     FROM unit n LEFT JOIN (
       SELECT u.unit_id, count(DISTINCT t.user_id) AS participants,
              SUM(t.hours) FILTER (WHERE NOT ty.duty) AS vh, SUM(t.hours) FILTER (WHERE ty.duty) AS dh
       FROM attendance t JOIN activity a ON a.id = t.activity_id JOIN activity_type ty ON ty.id = a.type_id JOIN app_user u ON u.id = t.user_id
       WHERE ${COUNTED} GROUP BY u.unit_id) x ON x.unit_id = n.id`,
  ],
  pairing: [
    `SELECT p.id, count(DISTINCT a.id) AS activities, count(DISTINCT t.user_id) AS participants, SUM(t.hours) AS hours
     FROM pairing p
     LEFT JOIN activity a ON a.organiser_unit_id = p.unit_id AND a.community_id = p.community_id
          AND a.status <> 'cancelled' AND a.start_at >= $1::timestamptz AND a.start_at < $2::timestamptz
     LEFT JOIN attendance t ON t.activity_id = a.id AND t.status = 'approved'
     GROUP BY p.id`,
    // the total counts a person once across pairings
    `SELECT count(DISTINCT t.user_id) AS participants
     FROM pairing p
     JOIN activity a ON a.organiser_unit_id = p.unit_id AND a.community_id = p.community_id
          AND a.status <> 'cancelled' AND a.start_at >= $1::timestamptz AND a.start_at < $2::timestamptz
     JOIN attendance t ON t.activity_id = a.id AND t.status = 'approved'`,
  ],
  weekly: [
    `SELECT ${WEEK} AS wk, count(DISTINCT t.user_id) AS participants, count(*) AS attendances,
            SUM(t.hours) FILTER (WHERE NOT ty.duty) AS vh, SUM(t.hours) FILTER (WHERE ty.duty) AS dh
     FROM attendance t JOIN activity a ON a.id = t.activity_id JOIN activity_type ty ON ty.id = a.type_id
     WHERE ${COUNTED} GROUP BY 1`,
  ],
  'street-duty': [
    `SELECT a.organiser_unit_id, ${WEEK} AS wk, max(a.required_headcount) AS required, count(DISTINCT u.id) AS on_duty
     FROM activity a JOIN activity_type ty ON ty.id = a.type_id AND ty.duty
     LEFT JOIN attendance t ON t.activity_id = a.id AND t.status = 'approved' AND t.check_in_at IS NOT NULL
     LEFT JOIN app_user u ON u.id = t.user_id AND u.unit_id = a.organiser_unit_id
     WHERE a.status <> 'cancelled' AND a.start_at >= $1::timestamptz AND a.start_at < $2::timestamptz
     GROUP BY 1, 2`,
  ],
}
HAND.city = [
  `SELECT count(DISTINCT t.user_id) FILTER (WHERE NOT ty.duty) AS served, SUM(t.hours) FILTER (WHERE NOT ty.duty) AS vh,
          (SELECT count(*) FROM app_user) AS registered
   FROM attendance t JOIN activity a ON a.id = t.activity_id JOIN activity_type ty ON ty.id = a.type_id WHERE ${COUNTED}`,
  ...HAND.weekly,
]
HAND.rankings = [...HAND.unit, ...HAND.community, ...HAND['street-duty']]

interface Case {
  name: string
  path: string
  hand: string[]
  /** compare one figure of the endpoint with the hand SQL's */
  check?: (body: any, rows: any[][]) => boolean
}

const q = `from=${FROM}&to=${TO}`
const sumOf = (rows: any[], f: (r: any) => number) => rows.reduce((s, r) => s + Number(f(r) ?? 0), 0)
const CASES: Case[] = [
  {
    name: 'participation by community',
    path: `/api/stats/participation?groupBy=community&${q}`,
    hand: HAND.community,
    check: (b, [rows]) => b.totals.participants === sumOf(rows, (r) => r.participants) && Math.abs(b.totals.volunteerHours - sumOf(rows, (r) => r.vh)) < 0.05,
  },
  {
    name: 'participation by unit',
    path: `/api/stats/participation?groupBy=unit&${q}`,
    hand: HAND.unit,
    check: (b, [rows]) => b.totals.participants === sumOf(rows, (r) => r.participants),
  },
  {
    name: 'participation by pairing',
    path: `/api/stats/participation?groupBy=pairing&${q}`,
    hand: HAND.pairing,
    check: (b, [rows, [total]]) => b.totals.activities === sumOf(rows, (r) => r.activities) && b.totals.participants === Number(total.participants),
  },
  {
    name: 'weekly trend (city)',
    path: `/api/stats/weekly?${q}`,
    hand: HAND.weekly,
    check: (b, [rows]) => sumOf(b.rows, (r) => r.participants) === sumOf(rows, (r) => r.participants),
  },
  {
    name: '周上街 compliance',
    path: `/api/stats/street-duty?${q}`,
    hand: HAND['street-duty'],
    check: (b, [rows]) =>
      sumOf(b.units, (u) => u.weeksMet) === rows.filter((r) => Number(r.required ?? 0) > 0 && Number(r.on_duty) >= Number(r.required)).length,
  },
  {
    name: 'city',
    path: `/api/stats/city?${q}`,
    hand: HAND.city,
    check: (b, [[row]]) => b.volunteersServed === Number(row.served),
  },
  { name: '红黑榜 (rankings)', path: `/api/stats/rankings?${q}`, hand: HAND.rankings },
  { name: 'participation.xlsx (community)', path: `/api/exports/participation.xlsx?groupBy=community&${q}`, hand: HAND.community },
]

// ---------------------------------------------------------------- measuring

async function get(url: string, token: string): Promise<{ ms: number; status: number; body: any }> {
  const t0 = performance.now()
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } })
  const type = res.headers.get('content-type') ?? ''
  const body = type.includes('json') ? await res.json() : await res.arrayBuffer()
  return { ms: performance.now() - t0, status: res.status, body }
}

async function hand(c: Client, sqls: string[], start: Date, end: Date): Promise<{ ms: number; rows: any[][] }> {
  const t0 = performance.now()
  const rows: any[][] = []
  for (const sql of sqls) rows.push((await c.query(sql, [start.toISOString(), end.toISOString()])).rows)
  return { ms: performance.now() - t0, rows }
}

const median = (v: number[]) => percentile(v, 50)
const fmt = (n: number) => n.toFixed(0).padStart(6)

async function run(kind: 'pglite' | 'postgresql') {
  const url = URLS[kind]
  const db = await openDatabase({ url, poolSize: 10 })
  await applyMigrations(db.connection)
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
  const deps: Deps = {
    config,
    db,
    prisma: db.prisma,
    cipher: createDataCipher(config.dataKey),
    logger: createLogger('silent'),
    wechat: createWechatClient({ apiBase: 'http://127.0.0.1:9', appid: null, secret: null }),
  }
  const server = http.createServer(createApp(deps).callback())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const c = new Client(db.connection as ClientConfig)
  await c.connect()
  try {
    const counts = (await c.query('SELECT (SELECT count(*) FROM attendance)::int AS attendance, (SELECT count(*) FROM app_user)::int AS people')).rows[0]
    const office = (await c.query('SELECT id FROM app_user WHERE is_office ORDER BY id LIMIT 1')).rows[0]
    if (!office || counts.attendance === 0) {
      console.log(`${kind}: ${url} holds no city — run npm run seed:city first (see the header of bench/stats.ts)`)
      return true
    }
    const token = (await issueSession(config.sessionSecret, office.id, 1)).token
    const { start, end } = chinaDateRange(FROM, TO)
    console.log(`\n${kind} (${url}): ${counts.people} people, ${counts.attendance} attendance records; period ${FROM} … ${TO}; median / p95 of ${RUNS} runs`)
    console.log(`  ${'endpoint'.padEnd(38)} ${'API ms'.padStart(13)}  ${'hand SQL ms'.padStart(13)}  ratio  same figures`)
    let ok = true
    for (const k of CASES) {
      // warm both (caches, plans), not counted
      await get(base + k.path, token)
      await hand(c, k.hand, start, end)
      const api: number[] = []
      const sql: number[] = []
      let last: { ms: number; status: number; body: any } | null = null
      let rows: any[][] = []
      for (let i = 0; i < RUNS; i++) {
        // alternate which goes first so neither always meets a warmer cache
        if (i % 2 === 0) {
          last = await get(base + k.path, token)
          api.push(last.ms)
          const h = await hand(c, k.hand, start, end)
          sql.push(h.ms)
          rows = h.rows
        } else {
          const h = await hand(c, k.hand, start, end)
          sql.push(h.ms)
          rows = h.rows
          last = await get(base + k.path, token)
          api.push(last.ms)
        }
      }
      if (last!.status !== 200) throw new Error(`${k.path} answered ${last!.status}`)
      const ratio = median(api) / median(sql)
      const same = k.check ? (k.check(last!.body, rows) ? 'yes' : 'NO') : '-'
      if (same === 'NO') ok = false
      let target = ''
      // the target is for a year's figures
      if (k.name === 'participation by community' && Date.parse(TO) - Date.parse(FROM) >= 363 * DAY_MS) {
        const met = median(api) <= 300 && ratio <= 1.5
        target = `  target ≤ 300 ms and ≤ 1.5×: ${met ? 'met' : 'MISSED'}`
        ok = ok && met
      }
      console.log(
        `  ${k.name.padEnd(38)} ${fmt(median(api))} /${fmt(percentile(api, 95))}  ${fmt(median(sql))} /${fmt(percentile(sql, 95))}  ${ratio.toFixed(2).padStart(5)}  ${same}${target}`,
      )
    }
    return ok
  } finally {
    await c.end()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await db.close()
  }
}

async function main() {
  console.log(`bench/stats (node ${process.version})`)
  let ok = true
  for (const kind of kinds()) ok = (await run(kind)) && ok
  process.exit(ok ? 0 : 1)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
