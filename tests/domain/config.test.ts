/** Configuration (server/src/config.ts): no default secrets in production, development defaults refused there. */
import { randomBytes } from 'node:crypto'
import { ConfigError, loadConfig } from '../../server/src/config'

// the development defaults, copied here on purpose: production must refuse exactly these
const DEV_SESSION_SECRET = 'development-only-session-secret-do-not-use-in-production'
const DEV_DATA_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1kYXRhLWtleS0zMmJ5dGU='

function production(overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    WECHAT_APPID: 'wx1234567890abcdef',
    WECHAT_SECRET: randomBytes(16).toString('hex'),
    DATABASE_URL: 'postgresql://civic@db.internal:5432/civic',
    ...overrides,
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
  return env as NodeJS.ProcessEnv
}

/** The message of the error loadConfig throws (fails the test when it does not throw). */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error('loadConfig accepted the configuration')
}

describe('loadConfig in production', () => {
  test('when nothing but NODE_ENV=production is set, then it refuses, naming the session secret, the data key and the WeChat settings', () => {
    const message = refusal({ NODE_ENV: 'production' })

    expect(message).toMatch(/SESSION_SECRET is required/)
    expect(message).toMatch(/DATA_KEY is required/)
    expect(message).toMatch(/WECHAT_APPID and WECHAT_SECRET are required/)
  })

  test.each(['SESSION_SECRET', 'DATA_KEY', 'WECHAT_APPID', 'WECHAT_SECRET'])('when only %s is missing, then it refuses', (name) => {
    expect(refusal(production({ [name]: undefined }))).toContain(name)
  })

  test('when AUTH_DEV_LOGIN=1 in production, then it refuses', () => {
    expect(refusal(production({ AUTH_DEV_LOGIN: '1' }))).toMatch(/AUTH_DEV_LOGIN must not be on in production/)
  })

  test('when the development session secret is used in production, then it refuses', () => {
    expect(refusal(production({ SESSION_SECRET: DEV_SESSION_SECRET }))).toMatch(/SESSION_SECRET is the development default/)
  })

  test('when the development data key is used in production, then it refuses', () => {
    expect(refusal(production({ DATA_KEY: DEV_DATA_KEY }))).toMatch(/DATA_KEY is the development default/)
  })

  test('when the session secret is shorter than 32 characters, then it refuses', () => {
    expect(refusal(production({ SESSION_SECRET: 'short' }))).toMatch(/SESSION_SECRET must be at least 32 characters/)
  })

  test('when the data key is not 32 bytes, then it refuses', () => {
    expect(refusal(production({ DATA_KEY: randomBytes(16).toString('base64') }))).toMatch(/DATA_KEY must be 32 bytes/)
  })

  test('when the configuration is complete, then it is accepted with the dev login and demo seed off', () => {
    const env = production()

    const config = loadConfig(env)

    expect(config.env).toBe('production')
    expect(config.devLogin).toBe(false)
    expect(config.seedDemo).toBe(false)
    expect(Buffer.from(config.sessionSecret).toString()).toBe(env.SESSION_SECRET)
    expect(config.dataKey.equals(Buffer.from(env.DATA_KEY!, 'base64'))).toBe(true)
    expect(config.wechat).toEqual({ appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: 'https://api.weixin.qq.com' })
    expect(config.logLevel).toBe('info')
  })
})

describe('loadConfig outside production', () => {
  test('when nothing is set, then development defaults are used and the dev login is on', () => {
    const config = loadConfig({})

    expect(config.env).toBe('development')
    expect(config.devLogin).toBe(true)
    expect(Buffer.from(config.sessionSecret).toString()).toBe(DEV_SESSION_SECRET)
    expect(config.dataKey).toHaveLength(32)
  })

  test('when NODE_ENV=test, then logs are silent unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent')
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug')
  })

  test('when AUTH_DEV_LOGIN=0, then the dev login is off even in development', () => {
    expect(loadConfig({ AUTH_DEV_LOGIN: '0' }).devLogin).toBe(false)
  })

  test('when DATABASE_URL is neither pglite nor postgresql, then it refuses', () => {
    expect(refusal({ DATABASE_URL: 'mysql://localhost/civic' })).toMatch(/DATABASE_URL/)
  })
})
