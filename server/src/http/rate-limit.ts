/**
 * Rate limits (rate-limiter-flexible): in memory per process by default; in Redis when
 * REDIS_URL is set, so several API instances share one budget. If Redis goes away, each
 * instance falls back to its own memory limiter (the insurance limiter) rather than failing
 * requests. Exceeding a limit answers 429 `rate_limited` with `Retry-After`.
 */
import { Redis } from 'ioredis'
import type { BaseContext, Context } from 'koa'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Config } from '../config'
import { AppError } from './errors'

export type LimitName = 'loginIp' | 'loginOpenid' | 'scan' | 'upload'

export interface RateLimits {
  backend: 'memory' | 'redis'
  /** takes one request from `key`'s budget; throws 429 `rate_limited` when it is spent */
  consume(name: LimitName, key: string | number): Promise<void>
  close(): Promise<void>
}

const WHAT: Record<LimitName, string> = {
  loginIp: '登录',
  loginOpenid: '登录',
  scan: '扫码',
  upload: '上传图片',
}

function windows(config: Config): Record<LimitName, { points: number; duration: number }> {
  const r = config.rateLimits
  return {
    loginIp: { points: r.loginIpPerMin, duration: 60 },
    loginOpenid: { points: r.loginOpenidPerMin, duration: 60 },
    scan: { points: r.scanPerMin, duration: 60 },
    upload: { points: r.uploadPerHour, duration: 3600 },
  }
}

export function createRateLimits(config: Config): RateLimits {
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : null
  // a broken Redis is reported by the insurance limiter taking over, not by an unhandled event
  redis?.on('error', () => {})
  const limiters = {} as Record<LimitName, RateLimiterAbstract>
  for (const [name, w] of Object.entries(windows(config)) as Array<[LimitName, { points: number; duration: number }]>) {
    const memory = new RateLimiterMemory({ ...w, keyPrefix: `${config.redisPrefix}:${name}` })
    limiters[name] = redis
      ? new RateLimiterRedis({ storeClient: redis, ...w, keyPrefix: `${config.redisPrefix}:${name}`, insuranceLimiter: memory })
      : memory
  }
  return {
    backend: redis ? 'redis' : 'memory',
    async consume(name, key) {
      try {
        await limiters[name].consume(String(key))
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err
        const retryAfterS = Math.max(1, Math.ceil(err.msBeforeNext / 1000))
        throw new AppError('rate_limited', `${WHAT[name]}太频繁，请 ${retryAfterS} 秒后再试`, { retryAfterS })
      }
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect())
    },
  }
}

/** The limits of the app serving this request (createApp puts them on the context). */
export function limitsOf(ctx: Context | BaseContext): RateLimits {
  return (ctx as unknown as { limits: RateLimits }).limits
}
