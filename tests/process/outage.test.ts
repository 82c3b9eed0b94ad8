/**
 * Database outage under load: the server process runs on a private PostgreSQL server that the
 * test stops (immediate mode: connections cut) while clients keep calling. The API answers 503
 * `database_unavailable` promptly (no hangs, no crash), /api/health says the database is
 * unavailable, and when PostgreSQL is back the same process recovers without a restart.
 */
import { type PrivatePostgres, startPrivatePostgres } from '../helpers/private-postgres'
import { type TestServer, startTestServer } from '../helpers/test-server'

interface Sample {
  at: number
  ms: number
  path: string
  status: number
  code?: string
  database?: string
}

describe('database outage', () => {
  let pg: PrivatePostgres
  let server: TestServer
  let token: string

  beforeAll(async () => {
    pg = await startPrivatePostgres()
    server = await startTestServer({ seed: false, env: { DATABASE_URL: pg.url, DATABASE_POOL_SIZE: '5' } })
    const res = await fetch(`${server.url}/api/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'outage-volunteer' }),
    })
    token = ((await res.json()) as { token: string }).token
  }, 180_000)
  afterAll(async () => {
    await server?.close()
    pg?.destroy()
  })

  test('when PostgreSQL stops under load, then 503 database_unavailable within seconds; when it returns, the same process answers 200 again', async () => {
    const samples: Sample[] = []
    let running = true
    const call = async (path: string) => {
      const started = Date.now()
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) })
      const body = (await res.json().catch(() => ({}))) as { error?: { code: string }; database?: string }
      samples.push({ at: started, ms: Date.now() - started, path, status: res.status, code: body.error?.code, database: body.database })
    }
    const clients = Array.from({ length: 6 }, (_, i) =>
      (async () => {
        while (running) await call(i % 3 === 0 ? '/api/health' : '/api/me')
      })(),
    )
    const pid = server.process.pid
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

    await wait(1000)
    const stopAt = Date.now()
    pg.stop('immediate')
    const stopped = Date.now()
    await wait(3000)
    const restartAt = Date.now()
    pg.start()
    const started = Date.now()
    // until both the API and the health check answer 200 again (at most 30 s)
    let recoveredAt = 0
    while (!recoveredAt && Date.now() - started < 30_000) {
      await wait(100)
      const after = samples.filter((s) => s.at >= started)
      if (after.some((s) => s.path === '/api/me' && s.status === 200) && after.some((s) => s.path === '/api/health' && s.status === 200)) {
        recoveredAt = Date.now()
      }
    }
    await wait(1000)
    running = false
    await Promise.all(clients)

    const before = samples.filter((s) => s.at + s.ms < stopAt)
    const during = samples.filter((s) => s.at > stopped && s.at + s.ms < restartAt)
    const tail = samples.filter((s) => s.at > recoveredAt)
    process.stdout.write(
      `\noutage: ${before.length} calls before, ${during.length} during (slowest ${Math.max(...during.map((s) => s.ms))} ms), ` +
        `recovery ${recoveredAt - started} ms after PostgreSQL started, ${tail.length} calls after\n`,
    )

    expect(before.length).toBeGreaterThan(5)
    expect(before.every((s) => s.status === 200)).toBe(true)
    expect(during.length).toBeGreaterThan(5)
    expect(during.filter((s) => s.path === '/api/me').every((s) => s.status === 503 && s.code === 'database_unavailable')).toBe(true)
    expect(during.filter((s) => s.path === '/api/health').every((s) => s.status === 503 && s.database === 'unavailable')).toBe(true)
    expect(during.some((s) => s.path === '/api/health')).toBe(true)
    expect(Math.max(...during.map((s) => s.ms))).toBeLessThan(5000)
    expect(recoveredAt).toBeGreaterThan(0)
    expect(tail.length).toBeGreaterThan(5)
    expect(tail.every((s) => s.status === 200)).toBe(true)
    // the same process throughout: no crash, no restart
    expect(server.process.exitCode).toBeNull()
    expect(server.process.pid).toBe(pid)
  }, 120_000)
})
