/**
 * bench/crash: the server as a child process on PostgreSQL (and PGlite) takes a burst of
 * check-outs (each one credits points: an update, an audit event and a ledger entry in one
 * transaction); it is killed with SIGKILL mid-burst and restarted. Then:
 *  - every check-out the client saw acknowledged is in the database (acknowledged-but-lost = 0),
 *  - no checked-out attendance lacks its ledger credit and no credit lacks its check-out,
 *  - retrying every unacknowledged check-out completes each exactly once.
 * Repeated for several rounds on one database.
 *   npx tsx bench/crash.ts [--db=pglite|postgresql] [--rounds=5] [--people=200]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { issueSession } from '../server/src/auth/session'
import { checkinKey, signCheckin } from '../server/src/modules/attendance/token'

const ROOT = path.resolve(__dirname, '..')
const SECRET = 'crash-test-session-secret-0123456789abcdef'
const SECRET_BYTES = new TextEncoder().encode(SECRET)
const SITE = { latitude: 34.26, longitude: 108.94 }
const CONCURRENCY = 25

export interface RoundResult {
  round: number
  people: number
  acknowledged: number
  failedInFlight: number
  committedUnacknowledged: number
  acknowledgedButLost: number
  inconsistent: number
  retried: number
  retryFailures: number
  creditedTwice: number
  restartMs: number
}

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback

// ---------------------------------------------------------------- the server process

interface Server {
  url: string
  child: ChildProcess
}

async function startServer(databaseUrl: string): Promise<Server & { ms: number }> {
  const started = Date.now()
  // node itself with tsx as a loader (not the tsx CLI, which would run the server as a grandchild
  // that a SIGKILL of its parent leaves running)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'src', 'index.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: SECRET,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      RATE_SCAN_PER_MIN: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${out}`)), 120_000)
    child.stdout!.on('data', () => {
      const m = /is running: (http:\/\/[^\s/]+)\//.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${out}`))
    })
  })
  return { url, child, ms: Date.now() - started }
}

function kill(server: Server, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()))
  server.child.kill(signal)
  return exited
}

// ---------------------------------------------------------------- direct database access

interface Store {
  /** runs fn with a client while the server is down (PGlite is one process's at a time) */
  with<T>(fn: (c: Client) => Promise<T>): Promise<T>
  serverUrl: string
  drop(): Promise<void>
}

async function postgresStore(): Promise<Store> {
  const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
  const name = `civic_crash_${randomBytes(5).toString('hex')}`
  const admin = new Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const u = new URL(base)
  u.pathname = `/${name}`
  return {
    serverUrl: u.toString(),
    async with(fn) {
      const c = new Client({ connectionString: u.toString() })
      await c.connect()
      try {
        return await fn(c)
      } finally {
        await c.end()
      }
    },
    async drop() {
      const a = new Client({ connectionString: base })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await a.end()
    },
  }
}

async function pgliteStore(): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-crash-'))
  const dataDir = path.join(dir, 'db')
  return {
    serverUrl: `pglite:${dataDir}`,
    async with(fn) {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'pglite-serve.mjs'), dataDir, '4'], { stdio: ['pipe', 'pipe', 'inherit'] })
      const port = await new Promise<number>((resolve, reject) => {
        let buf = ''
        child.stdout.on('data', (d) => {
          buf += d
          if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]).port)
        })
        child.once('exit', (code) => reject(new Error(`pglite-serve exited with ${code}`)))
      })
      const c = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres` })
      await c.connect()
      try {
        return await fn(c)
      } finally {
        await c.end()
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.stdin.end()
        await exited
      }
    },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------- one round

/** A running activity with `people` volunteers checked in at its start, 2 h ago. */
async function prepare(c: Client, round: number, people: number): Promise<{ activityId: number; userIds: number[] }> {
  const tag = `crash-${round}-${randomBytes(3).toString('hex')}`
  const { rows: [community] } = await c.query(`INSERT INTO community (name, updated_at) VALUES ($1, now()) RETURNING id`, [`社区${tag}`])
  const { rows: [unit] } = await c.query(`INSERT INTO unit (name, kind, headcount, updated_at) VALUES ($1, '党政机关', 10, now()) RETURNING id`, [`单位${tag}`])
  const { rows: [type] } = await c.query(`INSERT INTO activity_type (name, updated_at) VALUES ($1, now()) RETURNING id`, [`类型${tag}`.slice(0, 20)])
  const { rows: users } = await c.query(
    `INSERT INTO app_user (openid, real_name, profile_completed_at, updated_at)
     SELECT $1 || '-' || g, '志愿者' || g, now(), now() FROM generate_series(1, $2) g RETURNING id`,
    [tag, people],
  )
  const userIds = users.map((u: { id: number }) => u.id)
  const start = new Date(Date.now() - 2 * 3_600_000)
  const { rows: [activity] } = await c.query(
    `INSERT INTO activity (short_key, title, type_id, organiser_unit_id, community_id, address, latitude, longitude, radius_m,
                           start_at, end_at, capacity, signup_deadline, created_by_id, updated_at)
     VALUES ($1, '崩溃测试活动', $2, $3, $4, '测试路口', $5, $6, 500, $7, $8, $9, $7, $10, now()) RETURNING id`,
    [tag.replace(/[^a-z0-9]/gi, '').slice(0, 16), type.id, unit.id, community.id, SITE.latitude, SITE.longitude, start, new Date(start.getTime() + 3 * 3_600_000), people, userIds[0]],
  )
  await c.query(`INSERT INTO signup (activity_id, user_id, status, updated_at) SELECT $1, unnest($2::int[]), 'confirmed', now()`, [activity.id, userIds])
  await c.query(
    `INSERT INTO attendance (activity_id, user_id, source, status, check_in_at, updated_at)
     SELECT $1, unnest($2::int[]), 'scan', 'approved', $3, now()`,
    [activity.id, userIds, start],
  )
  return { activityId: activity.id, userIds }
}

async function checkOut(url: string, session: string, token: string): Promise<{ ok: boolean; status?: number }> {
  try {
    const res = await fetch(`${url}/api/attendance/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}` },
      body: JSON.stringify({ token, ...SITE }),
    })
    await res.arrayBuffer()
    return { ok: res.status === 200, status: res.status }
  } catch {
    return { ok: false }
  }
}

interface Ledger {
  checkedOut: Set<number>
  credited: Map<number, number>
  inconsistent: number
}

async function ledger(c: Client, activityId: number): Promise<Ledger> {
  const { rows } = await c.query(
    `SELECT x.user_id, x.check_out_at IS NOT NULL AS out, x.credited_points,
            (SELECT count(*)::int FROM points_entry p WHERE p.source_type = 'attendance' AND p.source_id = x.id::text) AS entries,
            (SELECT COALESCE(sum(p.amount), 0)::int FROM points_entry p WHERE p.source_type = 'attendance' AND p.source_id = x.id::text) AS amount
     FROM attendance x WHERE x.activity_id = $1`,
    [activityId],
  )
  const checkedOut = new Set<number>()
  const credited = new Map<number, number>()
  let inconsistent = 0
  for (const r of rows) {
    if (r.out) checkedOut.add(r.user_id)
    if (r.entries) credited.set(r.user_id, r.entries)
    // checked out ⇔ exactly the credited points in the ledger
    if (r.out !== r.entries > 0 || (r.out && r.amount !== r.credited_points)) inconsistent++
  }
  return { checkedOut, credited, inconsistent }
}

export async function crashRound(store: Store, round: number, people: number): Promise<RoundResult> {
  const { activityId, userIds } = await store.with((c) => prepare(c, round, people))
  const sessions = new Map<number, string>()
  for (const id of userIds) sessions.set(id, (await issueSession(SECRET_BYTES, id, 2)).token)
  const token = signCheckin(checkinKey(SECRET_BYTES), activityId, 'out', new Date(Date.now() + 15 * 60_000))

  // the burst, killed once a random share of it has been acknowledged
  const server = await startServer(store.serverUrl)
  const killAt = Math.floor(people * (0.2 + Math.random() * 0.4))
  const acknowledged = new Set<number>()
  const failed = new Set<number>()
  let killed: Promise<void> | null = null
  const queue = [...userIds]
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (killed) {
          failed.add(id)
          continue
        }
        const r = await checkOut(server.url, sessions.get(id)!, token)
        if (r.ok) acknowledged.add(id)
        else failed.add(id)
        if (acknowledged.size >= killAt && !killed) killed = kill(server, 'SIGKILL')
      }
    }),
  )
  await (killed ?? kill(server, 'SIGKILL'))

  const afterCrash = await store.with((c) => ledger(c, activityId))
  const lost = [...acknowledged].filter((id) => !afterCrash.checkedOut.has(id) || !afterCrash.credited.has(id)).length
  const committedUnacknowledged = [...failed].filter((id) => afterCrash.checkedOut.has(id)).length

  // restart and retry everything that was not acknowledged
  const again = await startServer(store.serverUrl)
  let retryFailures = 0
  const retry = [...failed]
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = retry.shift(); id !== undefined; id = retry.shift()) {
        if (!(await checkOut(again.url, sessions.get(id)!, token)).ok) retryFailures++
      }
    }),
  )
  await kill(again, 'SIGTERM')
  const final = await store.with((c) => ledger(c, activityId))
  return {
    round,
    people,
    acknowledged: acknowledged.size,
    failedInFlight: failed.size,
    committedUnacknowledged,
    acknowledgedButLost: lost,
    inconsistent: afterCrash.inconsistent + final.inconsistent,
    retried: failed.size,
    retryFailures: retryFailures + userIds.filter((id) => !final.checkedOut.has(id)).length,
    creditedTwice: [...final.credited.values()].filter((n) => n !== 1).length,
    restartMs: again.ms,
  }
}

export async function crashRounds(kind: 'pglite' | 'postgresql', rounds: number, people: number, log = (l: string) => process.stdout.write(`${l}\n`)) {
  const store = kind === 'postgresql' ? await postgresStore() : await pgliteStore()
  const results: RoundResult[] = []
  try {
    // first start: migrations
    const first = await startServer(store.serverUrl)
    await kill(first, 'SIGTERM')
    for (let round = 1; round <= rounds; round++) {
      const r = await crashRound(store, round, people)
      results.push(r)
      log(
        `  ${kind} round ${r.round}: ${r.acknowledged}/${r.people} acknowledged before SIGKILL, ${r.committedUnacknowledged} committed but unacknowledged, ` +
          `acknowledged-but-lost ${r.acknowledgedButLost}, inconsistent ${r.inconsistent}, retried ${r.retried} (failures ${r.retryFailures}), ` +
          `credited twice ${r.creditedTwice}, restart ${r.restartMs} ms`,
      )
    }
  } finally {
    await store.drop()
  }
  return results
}

async function main() {
  const rounds = Number(arg('rounds', '5'))
  const people = Number(arg('people', '200'))
  const db = arg('db', 'all')
  const kinds = db === 'all' ? (['postgresql', 'pglite'] as const) : [db as 'pglite' | 'postgresql']
  console.log(`crash: ${rounds} rounds × ${people} check-outs over ${CONCURRENCY} connections, SIGKILL mid-burst, restart, retry`)
  let ok = true
  for (const kind of kinds) {
    const results = await crashRounds(kind, rounds, people)
    const bad = results.filter((r) => r.acknowledgedButLost || r.inconsistent || r.retryFailures || r.creditedTwice)
    console.log(`  ${kind}: ${results.length} rounds, ${bad.length ? `${bad.length} FAILED` : 'all held'}`)
    ok = ok && bad.length === 0
  }
  process.exit(ok ? 0 : 1)
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
