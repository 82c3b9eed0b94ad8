/**
 * The real Koa app on a fresh test database, driven through supertest (no port opened), with
 * the fake WeChat server as its WeChat and the logs captured for assertions.
 */
import { Writable } from 'node:stream'
import supertest from 'supertest'
import { createApp } from '../../server/src/app'
import { limitsOf } from '../../server/src/http/rate-limit'
import { createHttpServer } from '../../server/src/http/server'
import { issueSession } from '../../server/src/auth/session'
import { type Config, loadConfig } from '../../server/src/config'
import type { Deps } from '../../server/src/deps'
import { createLogger } from '../../server/src/logger'
import { createWechatClient } from '../../server/src/wechat/client'
import { type FakeWechat, startFakeWechat } from '../../server/src/wechat/fake-server'
import { type TestDatabase, createTestDatabase, testCipher } from './db'

export const WECHAT_APPID = 'wx-test-appid'
export const WECHAT_SECRET = 'test-secret'

export interface TestApp {
  db: TestDatabase
  deps: Deps
  http: ReturnType<typeof supertest>
  wechat: FakeWechat
  /** every log line written, parsed */
  logs: Array<Record<string, unknown>>
  /** the raw log text (to scan for personal data) */
  logText(): string
  tokenFor(userId: number): Promise<string>
  close(): Promise<void>
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase()
  const wechat = await startFakeWechat({ appid: WECHAT_APPID, secret: WECHAT_SECRET })
  const raw: string[] = []
  const sink = new Writable({
    write(chunk, _enc, cb) {
      raw.push(chunk.toString())
      cb()
    },
  })
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    WECHAT_APPID,
    WECHAT_SECRET,
    WECHAT_API_BASE: wechat.url,
    LOG_LEVEL: 'info',
    // rate limits are proved in tests/api/rate-limits.test.ts; elsewhere bursts test the invariants
    RATE_LOGIN_IP_PER_MIN: '100000',
    RATE_LOGIN_OPENID_PER_MIN: '100000',
    RATE_SCAN_PER_MIN: '100000',
    RATE_UPLOAD_PER_HOUR: '100000',
    ...env,
  })
  const logger = createLogger(config.logLevel, sink)
  const deps: Deps = {
    config,
    db,
    prisma: db.prisma,
    cipher: testCipher,
    logger,
    wechat: createWechatClient({ apiBase: config.wechat.apiBase, appid: config.wechat.appid, secret: config.wechat.secret }),
  }
  const app = createApp(deps)
  return {
    db,
    deps,
    http: supertest(createHttpServer(app)),
    wechat,
    get logs() {
      return raw.flatMap((chunk) => chunk.split('\n').filter(Boolean).map((l) => JSON.parse(l)))
    },
    logText: () => raw.join(''),
    tokenFor: async (userId) => (await issueSession(config.sessionSecret, userId, 1)).token,
    async close() {
      await limitsOf(app.context).close()
      await wechat.close()
      await db.close()
    },
  }
}
