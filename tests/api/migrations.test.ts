/**
 * The committed migrations, applied to an empty database, yield exactly prisma/schema.prisma
 * (no drift), are recorded in _prisma_migrations as `prisma migrate deploy` records them, and
 * applying them again does nothing. Runs on PGlite and on PostgreSQL (the jest project).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { ROOT, dbTool } from '../helpers/db-tool'
import { testDbKind } from '../helpers/db'
import { adminQuery, urlFor } from '../helpers/postgres-admin'

const migrationsDir = path.join(ROOT, 'prisma', 'migrations')
const committed = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()

describe('migrations', () => {
  let url: string
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    if (testDbKind() === 'postgres') {
      const name = `civic_mig_${process.pid}_${Date.now().toString(36)}`
      await adminQuery(`CREATE DATABASE "${name}"`)
      url = urlFor(name)
      cleanup = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-mig-'))
      url = `pglite:${dir}`
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true })
    }
  })
  afterAll(() => cleanup())

  test('when applied to an empty database, then every migration applies and the schema has no drift', () => {
    const first = dbTool('drift', url)
    expect(first.applied).toEqual(committed)
    expect(first.drift).toBe('')
  })

  test('when applied again, then nothing is applied and there is still no drift', () => {
    const again = dbTool('drift', url)
    expect(again.applied).toEqual([])
    expect(again.drift).toBe('')
  })

  // _prisma_migrations is readable only over the wire on PostgreSQL; PGlite's directory is
  // locked by nobody once the tool exits, so check the same rows there through a fresh server
  test('when recorded, then _prisma_migrations holds each migration with the sha256 checksum Prisma uses', async () => {
    if (testDbKind() !== 'postgres') {
      const { spawn } = await import('node:child_process')
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'pglite-serve.mjs'), url.slice('pglite:'.length), '3'], {
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      const port = await new Promise<number>((resolve) => child.stdout.once('data', (d) => resolve(JSON.parse(String(d)).port)))
      try {
        await checkRows(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`)
      } finally {
        const exited = new Promise((r) => child.once('exit', r))
        child.stdin.end()
        await exited
      }
    } else {
      await checkRows(url)
    }
  })
})

// an embedded database belongs to one process; only a shared server sees two at once, so this
// case exists in the PostgreSQL project only
if (testDbKind() === 'postgres') describe('migrations started by two processes at once', () => {
  test('when two processes migrate the same empty database together, then each migration is applied exactly once', async () => {
    const name = `civic_conc_${process.pid}_${Date.now().toString(36)}`
    await adminQuery(`CREATE DATABASE "${name}"`)
    try {
      const { execFile } = await import('node:child_process')
      const run = () =>
        new Promise<{ applied: string[] }>((resolve, reject) =>
          execFile(
            path.join(ROOT, 'node_modules', '.bin', 'tsx'),
            [path.join(ROOT, 'scripts', 'db-tool.ts'), 'migrate', urlFor(name)],
            { cwd: ROOT, timeout: 120_000 },
            (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout.trim().split('\n').pop()!))),
          ),
        )
      const [a, b] = await Promise.all([run(), run()])
      expect([...a.applied, ...b.applied].sort()).toEqual(committed)
      const client = new Client({ connectionString: urlFor(name) })
      await client.connect()
      const { rows } = await client.query('SELECT count(*)::int AS n FROM _prisma_migrations')
      await client.end()
      expect(rows[0].n).toBe(committed.length)
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    }
  })
})

async function checkRows(connectionString: string) {
  const client = new Client({ connectionString })
  await client.connect()
  try {
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    )
    expect(rows.map((r) => r.migration_name)).toEqual(committed)
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(migrationsDir, row.migration_name, 'migration.sql'))
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'))
      expect(row.finished_at).not.toBeNull()
      expect(row.rolled_back_at).toBeNull()
      expect(row.applied_steps_count).toBe(1)
    }
    // invariants the later features rely on are in the database itself
    const checks = await client.query("SELECT conname FROM pg_constraint WHERE contype = 'c' AND conname LIKE '%_check'")
    expect(checks.rows.map((r) => r.conname)).toEqual(
      expect.arrayContaining(['activity_capacity_check', 'organiser_role_one_target_check', 'points_entry_amount_check']),
    )
    // the points ledger is append-only, whoever asks
    const user = await client.query("INSERT INTO app_user (openid, updated_at) VALUES ('ledger-probe', now()) RETURNING id")
    await client.query(
      "INSERT INTO points_entry (user_id, amount, reason, source_type) VALUES ($1, 10, 'probe', 'adjustment')",
      [user.rows[0].id],
    )
    await expect(client.query('UPDATE points_entry SET amount = 20')).rejects.toThrow(/append-only/)
    await expect(client.query('DELETE FROM points_entry')).rejects.toThrow(/append-only/)
    await expect(
      client.query("INSERT INTO points_entry (user_id, amount, reason, source_type) VALUES ($1, 0, 'zero', 'adjustment')", [
        user.rows[0].id,
      ]),
    ).rejects.toThrow(/points_entry_amount_check/)
  } finally {
    await client.end()
  }
}
