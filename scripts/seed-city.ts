/**
 * `npm run seed:city -- --volunteers 100000 --weeks 52`: a synthetic city for the figures and
 * their benchmark — 300 communities, 150 units each paired with two communities, the volunteers
 * as residents (one in eight also unit staff, plus staff who live elsewhere), four volunteer
 * activities per community per week and one 周上街 per unit per week, over the `--weeks` weeks
 * that ended last Sunday (China time), and about 20 attendance records per volunteer a year
 * (2,000,000 for 100,000 volunteers): mostly approved, some pending, rejected and no-shows, 2 % of
 * the activities cancelled. Written with INSERT … SELECT over generate_series, week by week.
 *
 *   DATABASE_URL=postgresql://…/civic_city npm run seed:city -- --volunteers 100000 --weeks 52
 *   npm run seed:city -- --volunteers 100000 --weeks 52            (PGlite at ./data/city)
 *
 * Options: --database <url> (else DATABASE_URL, else pglite:./data/city), --communities 300,
 * --units 150, --per-week 4 (volunteer activities per community and week), --seed 0.42, --force.
 * A PostgreSQL database that does not exist is created. A database that already holds people or
 * activities is refused unless --force (the city is then added beside them, nothing is deleted).
 * No signups, points or audit events are generated: the figures read attendance only.
 */
import { randomBytes } from 'node:crypto'
import cliProgress from 'cli-progress'
import { Client, type ClientConfig } from 'pg'
import { chinaToday } from '../shared/src/time'
import { openDatabase } from '../server/src/db/client'
import { applyMigrations } from '../server/src/db/migrate'

function option(name: string): string | undefined {
  const args = process.argv.slice(2)
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return undefined
  const a = args[i]
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1]
}
function intOption(name: string, dflt: number, min: number, max: number): number {
  const raw = option(name)
  const n = raw == null ? dflt : Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer between ${min} and ${max}`)
    process.exit(2)
  }
  return n
}

const VOLUNTEERS = intOption('volunteers', 100_000, 100, 5_000_000)
const WEEKS = intOption('weeks', 52, 1, 104)
const COMMUNITIES = intOption('communities', 300, 2, 10_000)
const UNITS = intOption('units', 150, 1, 5_000)
const PER_WEEK = intOption('per-week', 4, 1, 50)
const SEED = Number(option('seed') ?? 0.42)
const FORCE = process.argv.includes('--force')
const URL_ = option('database') ?? process.env.DATABASE_URL ?? 'pglite:./data/city'
/** attendance records per volunteer and year */
const PER_PERSON_YEAR = 20

const DAY_MS = 86_400_000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7))

async function ensurePostgresDatabase(url: string) {
  const u = new URL(url)
  const name = decodeURIComponent(u.pathname.slice(1))
  if (!name) throw new Error('the PostgreSQL URL names no database')
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const c = new Client({ connectionString: admin.toString() })
  await c.connect()
  try {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!found.rowCount) {
      // a database name cannot be a parameter: quote it as an identifier
      await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
      console.log(`created database ${name}`)
    }
  } finally {
    await c.end()
  }
}

async function main() {
  const started = Date.now()
  if (/^postgres(ql)?:\/\//.test(URL_)) await ensurePostgresDatabase(URL_)
  const db = await openDatabase({ url: URL_, poolSize: 1 })
  const c = new Client(db.connection as ClientConfig)
  try {
    await applyMigrations(db.connection)
    await c.connect()
    const q = (sql: string, params: unknown[] = []) => c.query(sql, params)

    const existing = (await q('SELECT (SELECT count(*) FROM app_user)::int AS people, (SELECT count(*) FROM activity)::int AS activities')).rows[0]
    if ((existing.people > 0 || existing.activities > 0) && !FORCE) {
      console.error(
        `refusing to seed: ${db.kind} database ${URL_} already holds ${existing.people} people and ${existing.activities} activities.\n` +
          'Use a fresh database (e.g. DATABASE_URL=postgresql://…/civic_city, or the default pglite:./data/city), or --force to add the city beside them.',
      )
      process.exitCode = 3
      return
    }
    // names are unique: a second city in the same database gets a suffix
    const tag = existing.people > 0 || existing.activities > 0 ? `-${randomBytes(2).toString('hex')}` : ''
    const keyTag = randomBytes(2).toString('hex')
    const lastMonday = mondayOf(chinaToday())
    const firstMonday = addDays(lastMonday, -7 * WEEKS)
    const lastSunday = addDays(lastMonday, -1)
    const perActivity = Math.max(1, Math.round((PER_PERSON_YEAR * VOLUNTEERS) / (52 * COMMUNITIES * PER_WEEK)))
    console.log(
      `seed:city → ${db.kind} ${URL_}\n` +
        `  ${COMMUNITIES} communities, ${UNITS} units, ${VOLUNTEERS} volunteers, ${WEEKS} weeks ${firstMonday} … ${lastSunday} (China time)\n` +
        `  ${PER_WEEK} volunteer activities per community and week (~${perActivity} people each), one 周上街 per unit and week`,
    )

    const bar = new cliProgress.SingleBar(
      { format: '  {bar} {percentage}% | {step} | {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
      cliProgress.Presets.shades_classic,
    )
    const steps = 5 + WEEKS
    bar.start(steps, 0, { step: 'directory' })
    const step = (name: string) => bar.increment(1, { step: name })

    await q('SELECT setseed($1)', [SEED])
    await q('BEGIN')
    // ------------------------------------------------------------ directory
    await q(
      `INSERT INTO community (name, street, district, resident_population, updated_at)
       SELECT '合成社区' || lpad(n::text, 4, '0') || $2, '第' || ((n - 1) / 20 + 1) || '街道', '合成区',
              CASE WHEN n % 3 = 0 THEN NULL ELSE 2000 + (n * 7919) % 12000 END, now()
       FROM generate_series(1, $1::int) n`,
      [COMMUNITIES, tag],
    )
    await q(
      `CREATE TEMP TABLE cc AS
       SELECT (substring(name from 5 for 4)::int - 1) AS k, id FROM community WHERE name ~ ('^合成社区[0-9]{4}' || $1 || '$')`,
      [tag],
    )
    await q(
      `INSERT INTO unit (name, kind, headcount, updated_at)
       SELECT '合成单位' || lpad(n::text, 4, '0') || $2, (ARRAY['党政机关','事业单位','国有企业','群团组织','驻区单位'])[1 + n % 5],
              CASE WHEN n = 1 THEN 0 ELSE 40 + (n * 37) % 160 END, now()
       FROM generate_series(1, $1::int) n`,
      [UNITS, tag],
    )
    await q(
      `CREATE TEMP TABLE cu AS
       SELECT (substring(name from 5 for 4)::int - 1) AS k, id, headcount FROM unit WHERE name ~ ('^合成单位[0-9]{4}' || $1 || '$')`,
      [tag],
    )
    // unit k serves communities 2k and 2k+1 (mod the number of communities)
    await q(
      `INSERT INTO pairing (unit_id, community_id)
       SELECT DISTINCT u.id, c.id FROM cu u JOIN cc c ON c.k IN ((2 * u.k) % $1::int, (2 * u.k + 1) % $1::int)`,
      [COMMUNITIES],
    )
    const types = (
      await q(
        `INSERT INTO activity_type (name, duty, updated_at)
         VALUES ('文明交通' || $1, false, now()), ('环境整治' || $1, false, now()), ('文明宣传' || $1, false, now()), ('周上街' || $1, true, now())
         RETURNING id, duty`,
        [tag],
      )
    ).rows as Array<{ id: number; duty: boolean }>
    const volTypes = types.filter((t) => !t.duty).map((t) => t.id)
    const dutyType = types.find((t) => t.duty)!.id
    step('people')

    // ------------------------------------------------------------ people
    const prefix = `city${tag}-`
    const office = (
      await q(
        `INSERT INTO app_user (openid, real_name, is_office, profile_completed_at, updated_at) VALUES ($1, '合成文明办', true, now(), now()) RETURNING id`,
        [`${prefix}office`],
      )
    ).rows[0].id as number
    // every volunteer lives in a community; one in eight is also staff of a unit
    await q(
      `INSERT INTO app_user (openid, real_name, gender, birth_year, community_id, unit_id, profile_completed_at, created_at, updated_at)
       SELECT $1 || i, '志愿者' || i, (CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END)::"Gender", 1950 + i % 55,
              c.id, u.id, now(), now() - (i % 700) * interval '1 day', now()
       FROM generate_series(0, $2::int - 1) i
       JOIN cc c ON c.k = i % $3::int
       LEFT JOIN cu u ON i % 8 = 0 AND u.k = (i / 8) % $4::int`,
      [prefix, VOLUNTEERS, COMMUNITIES, UNITS],
    )
    // staff registered without a community (they live elsewhere)
    await q(
      `INSERT INTO app_user (openid, real_name, gender, birth_year, unit_id, profile_completed_at, updated_at)
       SELECT $1 || 'staff-' || i, '职工' || i, 'female'::"Gender", 1970 + i % 30, u.id, now(), now()
       FROM generate_series(0, $2::int - 1) i JOIN cu u ON u.k = i % $3::int`,
      [prefix, Math.ceil(VOLUNTEERS / 40), UNITS],
    )
    await q(
      `CREATE TEMP TABLE cr AS
       SELECT community_id AS c, (row_number() OVER (PARTITION BY community_id ORDER BY id) - 1)::int AS idx, id
       FROM app_user WHERE openid LIKE $1 || '%' AND community_id IS NOT NULL`,
      [prefix],
    )
    await q('CREATE INDEX ON cr (c, idx)')
    await q(
      `CREATE TEMP TABLE st AS
       SELECT unit_id AS u, (row_number() OVER (PARTITION BY unit_id ORDER BY id) - 1)::int AS idx, id
       FROM app_user WHERE openid LIKE $1 || '%' AND unit_id IS NOT NULL`,
      [prefix],
    )
    await q('CREATE INDEX ON st (u, idx)')
    step('activities')

    // ------------------------------------------------------------ activities
    // plan: one row per activity with who organises it, when, and how many attend
    await q(
      `CREATE TEMP TABLE plan AS
       SELECT s AS seq, w, c.id AS community_id,
              CASE WHEN slot % 2 = 0 THEN c.id END AS org_community,
              CASE WHEN slot % 2 = 1 THEN u.id END AS org_unit,
              ($5::int[])[1 + slot % array_length($5::int[], 1)] AS type_id,
              ((($1::date + w * 7 + (c.k + slot * 2) % 7)::timestamp + make_interval(hours => 8 + (c.k * 3 + slot * 5) % 11)) AT TIME ZONE 'Asia/Shanghai') AS start_at,
              NULL::int AS required,
              random() < 0.02 AS cancelled,
              greatest(1, least(n.n, floor($6::int * (0.5 + random()))::int)) AS m,
              floor(random() * n.n)::int AS off, n.n, c.id AS pool, false AS duty
       FROM generate_series(0, $2::int - 1) w
       CROSS JOIN generate_series(0, $4::int - 1) slot
       CROSS JOIN cc c
       JOIN cu u ON u.k = (c.k / 2) % $3::int
       JOIN (SELECT c, count(*)::int AS n FROM cr GROUP BY c) n ON n.c = c.id
       CROSS JOIN LATERAL (SELECT (w * $7::int + c.k) * $4::int + slot AS s) seqs`,
      [firstMonday, WEEKS, UNITS, PER_WEEK, volTypes, perActivity, COMMUNITIES],
    )
    // 周上街: each unit once a week in its first paired community, needing a tenth of its headcount;
    // turnout varies around it, so some weeks are missed
    await q(
      `INSERT INTO plan
       SELECT 1000000000 + w * $4::int + u.k, w, c.id, NULL, u.id, $5::int,
              ((($1::date + w * 7 + u.k % 5)::timestamp + interval '8 hours') AT TIME ZONE 'Asia/Shanghai'),
              greatest(1, round(u.headcount * 0.1))::int,
              random() < 0.01,
              least(n.n, greatest(0, round(u.headcount * 0.1)::int + floor(random() * 5)::int - 2)),
              floor(random() * n.n)::int, n.n, u.id, true
       FROM generate_series(0, $2::int - 1) w
       CROSS JOIN cu u
       JOIN cc c ON c.k = (2 * u.k) % $3::int
       JOIN (SELECT u, count(*)::int AS n FROM st GROUP BY u) n ON n.u = u.id`,
      [firstMonday, WEEKS, COMMUNITIES, UNITS, dutyType],
    )
    await q(
      `INSERT INTO activity (short_key, title, type_id, organiser_unit_id, organiser_community_id, community_id, address, latitude, longitude,
                             start_at, end_at, capacity, signup_deadline, required_headcount, status, cancel_reason, created_by_id, updated_at)
       SELECT 'c' || $1 || lpad(to_hex(seq), 10, '0'), CASE WHEN duty THEN '周上街' ELSE '志愿服务' END || ' 第' || (w + 1) || '周',
              type_id, org_unit, org_community, community_id, '合成路' || (seq % 97) || '号', 34.2 + (seq % 100) / 1000.0, 108.9 + (seq % 77) / 1000.0,
              start_at, start_at + interval '2 hours', greatest(m, 1) + 10, start_at - interval '1 hour', required,
              (CASE WHEN cancelled THEN 'cancelled' ELSE 'closed' END)::"ActivityStatus", CASE WHEN cancelled THEN '天气原因' END, $2, now()
       FROM plan`,
      [keyTag, office],
    )
    await q(`ALTER TABLE plan ADD COLUMN id int`)
    await q(`UPDATE plan SET id = a.id FROM activity a WHERE a.short_key = 'c' || $1 || lpad(to_hex(plan.seq), 10, '0')`, [keyTag])
    await q('CREATE INDEX ON plan (w)')
    await q('COMMIT')
    step('attendance')

    // ------------------------------------------------------------ attendance, week by week
    // one transaction: the figures' rollups are paused for it (a trigger per weekly batch would
    // refresh each person 52 times) and rebuilt from the raw rows before it commits
    await q('BEGIN')
    await q(`SET LOCAL civic.rollup_paused = 'on'`)
    for (let w = 0; w < WEEKS; w++) {
      await q(
        `INSERT INTO attendance (activity_id, user_id, source, status, check_in_at, check_out_at, hours, reason, recorded_by_id, updated_at)
         SELECT p.id, r.id, x.source::"AttendanceSource", x.status::"AttendanceStatus",
                CASE WHEN x.status <> 'no_show' THEN p.start_at + x.early END,
                CASE WHEN x.status <> 'no_show' THEN p.start_at + make_interval(mins => (x.hours * 60)::int) END,
                CASE WHEN x.status = 'no_show' THEN 0 ELSE x.hours END,
                CASE WHEN x.source = 'manual' THEN '现场登记' END,
                CASE WHEN x.source = 'manual' THEN $2::int END,
                now()
         FROM plan p
         CROSS JOIN LATERAL generate_series(0, p.m - 1) j
         JOIN cr r ON NOT p.duty AND r.c = p.pool AND r.idx = (p.off + j) % p.n
         CROSS JOIN LATERAL (
           SELECT CASE WHEN v < 0.02 THEN 'pending' WHEN v < 0.025 THEN 'rejected' WHEN v < 0.04 THEN 'no_show' ELSE 'approved' END AS status,
                  CASE WHEN v < 0.025 THEN 'manual' ELSE 'scan' END AS source,
                  CASE WHEN v2 < 0.1 THEN 1.5 WHEN v2 < 0.15 THEN 1.0 ELSE 2.0 END::numeric AS hours,
                  make_interval(mins => floor(v2 * 10)::int) AS early
           FROM (SELECT random() AS v, random() AS v2, j) rnd) x
         WHERE p.w = $1
         UNION ALL
         SELECT p.id, s.id, 'scan', 'approved', p.start_at, p.start_at + interval '2 hours', 2.0, NULL, NULL, now()
         FROM plan p
         CROSS JOIN LATERAL generate_series(0, p.m - 1) j
         JOIN st s ON p.duty AND s.u = p.pool AND s.idx = (p.off + j) % p.n
         WHERE p.w = $1`,
        [w, office],
      )
      step(`attendance week ${w + 1}/${WEEKS}`)
    }
    await q('SELECT civic_rollup_rebuild()')
    await q('COMMIT')
    step('rollups rebuilt')
    await q('ANALYZE')
    step('analyzed')
    bar.stop()

    const counts = (
      await q(
        `SELECT (SELECT count(*) FROM community)::int AS communities, (SELECT count(*) FROM unit)::int AS units,
                (SELECT count(*) FROM pairing)::int AS pairings, (SELECT count(*) FROM app_user)::int AS people,
                (SELECT count(*) FROM activity)::int AS activities, (SELECT count(*) FROM attendance)::int AS attendance`,
      )
    ).rows[0]
    const s = (Date.now() - started) / 1000
    console.log(
      `done in ${s.toFixed(1)} s: ${counts.communities} communities, ${counts.units} units, ${counts.pairings} pairings, ` +
        `${counts.people} people, ${counts.activities} activities, ${counts.attendance} attendance records\n` +
        `period: from=${firstMonday}&to=${lastSunday}  (office user: openid ${prefix}office, id ${office})`,
    )
  } finally {
    await c.end().catch(() => {})
    await db.close()
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
