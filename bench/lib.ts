/** Shared set-up for benchmarks: a real server (HTTP on an ephemeral port) on a fresh database. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client } from 'pg'
import { createApp } from '../server/src/app'
import { issueSession } from '../server/src/auth/session'
import { loadConfig } from '../server/src/config'
import { type Database, openDatabase } from '../server/src/db/client'
import { applyMigrations } from '../server/src/db/migrate'
import type { Deps } from '../server/src/deps'
import { createDataCipher } from '../server/src/lib/crypto'
import { createLogger } from '../server/src/logger'
import { createWechatClient } from '../server/src/wechat/client'

export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export interface BenchServer {
  url: string
  deps: Deps
  db: Database
  /** the PostgreSQL database created for this run (null on PGlite) */
  dbName: string | null
  token(userId: number): Promise<string>
  close(): Promise<void>
}

async function admin(sql: string) {
  const c = new Client({ connectionString: PG_URL })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

export async function startBenchServer(kind: 'pglite' | 'postgresql', poolSize = 20): Promise<BenchServer> {
  let url: string
  let drop = async () => {}
  let dbName: string | null = null
  if (kind === 'postgresql') {
    const name = `civic_bench_${Date.now().toString(36)}`
    await admin(`CREATE DATABASE "${name}"`)
    const u = new URL(PG_URL)
    u.pathname = `/${name}`
    url = u.toString()
    drop = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    dbName = name
  } else {
    url = 'pglite:memory'
  }
  const db = await openDatabase({ url, poolSize })
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deps,
    db,
    dbName,
    token: async (userId) => (await issueSession(config.sessionSecret, userId, 1)).token,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await db.close()
      await drop()
    },
  }
}

export const kinds = (): Array<'pglite' | 'postgresql'> => {
  const only = process.argv.find((a) => a.startsWith('--db='))?.slice(5)
  return only ? [only as 'pglite' | 'postgresql'] : ['pglite', 'postgresql']
}

export interface FireResult {
  ms: number
  statuses: Record<string, number>
  bodies: unknown[]
  latencies: number[]
}

/** Fires requests from a separate process (bench/fire.mjs), all at once unless `concurrency`. */
export async function fire(job: {
  url: string
  method: string
  requests: Array<{ path: string; token: string; body?: unknown }>
  concurrency?: number
}): Promise<FireResult> {
  const { spawn } = await import('node:child_process')
  const path = await import('node:path')
  const child = spawn(process.execPath, [path.join(__dirname, 'fire.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stdin.end(JSON.stringify(job))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`load generator exited with ${code}`)
  return JSON.parse(out)
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
