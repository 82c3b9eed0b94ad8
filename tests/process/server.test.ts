import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from '../helpers/db-tool'
import { startTestServer } from '../helpers/test-server'

async function login(url: string, openid: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}

async function communityCount(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/communities`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return ((await res.json()) as { items: unknown[] }).items.length
}

describe('the server process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-proc-'))
  const env = { DATABASE_URL: `pglite:${path.join(dir, 'db')}`, LOG_LEVEL: 'info' }
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('when started on an empty database, then it migrates, seeds the demo city once, and stops cleanly on SIGTERM', async () => {
    const server = await startTestServer({ env })
    try {
      const health = await fetch(`${server.url}/api/health`)
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' })
      expect(server.output()).toContain('demo city seeded')
      const token = await login(server.url, 'demo-office')
      expect(await communityCount(server.url, token)).toBe(12)
      const created = await fetch(`${server.url}/api/communities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: '重启测试社区' }),
      })
      expect(created.status).toBe(201)
    } finally {
      const started = Date.now()
      const exit = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)))
      server.process.kill('SIGTERM')
      expect(await exit).toBe(0)
      expect(Date.now() - started).toBeLessThan(10_000)
    }
  })

  test('when restarted on the same database, then nothing is seeded again and the data is kept', async () => {
    const server = await startTestServer({ env })
    try {
      expect(server.output()).not.toContain('demo city seeded')
      const token = await login(server.url, 'demo-office')
      expect(await communityCount(server.url, token)).toBe(13)
    } finally {
      server.process.kill('SIGTERM')
      await new Promise((resolve) => server.process.once('exit', resolve))
    }
  })

  const boot = (extra: Record<string, string>) =>
    spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'server', 'src', 'index.ts')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: '', DATA_KEY: '', PORT: '0', ...extra },
      encoding: 'utf8',
      timeout: 60_000,
    })

  test('when NODE_ENV=production lacks its secrets, then the server refuses to start and says why', () => {
    const r = boot({})
    expect(r.status).toBe(78)
    expect(r.stderr).toContain('SESSION_SECRET is required')
    expect(r.stderr).toContain('DATA_KEY is required')
    expect(r.stderr).toContain('WECHAT_APPID and WECHAT_SECRET are required')
  })

  test('when NODE_ENV=production asks for the dev login, then the server refuses to start', () => {
    const r = boot({
      AUTH_DEV_LOGIN: '1',
      SESSION_SECRET: 'a-production-secret-that-is-long-enough-1234',
      DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    })
    expect(r.status).toBe(78)
    expect(r.stderr).toContain('AUTH_DEV_LOGIN must not be on in production')
  })
})
