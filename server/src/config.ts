/**
 * Configuration, parsed once from the environment with zod. Development defaults are explicit
 * and refused in production; production refuses to start without its secrets.
 */
import path from 'node:path'
import { z } from 'zod'

export const REPO_ROOT = path.resolve(__dirname, '..', '..')

const DEV_SESSION_SECRET = 'development-only-session-secret-do-not-use-in-production'
/** 32 bytes, base64; development only */
const DEV_DATA_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1kYXRhLWtleS0zMmJ5dGU='

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'))

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('pglite:./data/pglite')
    .refine((u) => u.startsWith('pglite:') || /^postgres(ql)?:\/\//.test(u), {
      error: 'DATABASE_URL must be pglite:<dir>, pglite:memory or postgresql://…',
    }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_SECRET: z.string().min(32, { error: 'SESSION_SECRET must be at least 32 characters' }).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  DATA_KEY: z
    .string()
    .refine((k) => Buffer.from(k, 'base64').length === 32, { error: 'DATA_KEY must be 32 bytes, base64-encoded' })
    .optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  AUTH_DEV_LOGIN: flag,
  SEED_DEMO: flag,
  H5_DIR: z.string().optional(),
  CORS_ORIGINS: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(256),
  NO_SHOW_LIMIT: z.coerce.number().int().min(1).max(100).default(5),
  CHECKIN_TOKEN_TTL_S: z.coerce.number().int().min(5).max(600).default(30),
  CHECKIN_ROTATE_S: z.coerce.number().int().min(3).max(300).default(15),
  CHECKIN_OPENS_MIN: z.coerce.number().int().min(0).max(24 * 60).default(30),
  CHECKOUT_CLOSES_MIN: z.coerce.number().int().min(0).max(24 * 60).default(120),
  OFFICE_NAME: z.string().max(50).default('文明办（创城办）'),
  /** shared rate limits across API instances (in memory per instance when unset) */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { error: 'REDIS_URL must be redis://… or rediss://…' }).optional(),
  /** prefix of the rate-limit keys in Redis (one per deployment sharing a Redis) */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/).default('civic'),
  RATE_LOGIN_IP_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(30),
  RATE_LOGIN_OPENID_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
  RATE_SCAN_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(30),
  RATE_UPLOAD_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(120),
  HOURS_STEP: z.coerce.number().min(0.1).max(4).default(0.5),
  /** 随手拍 photos: local disk (default) or S3-compatible object storage */
  STORAGE: z.enum(['local', 's3']).default('local'),
  UPLOAD_DIR: z.string().default('./data/uploads'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'S3_BUCKET is not a valid bucket name' }).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: flag,
  /** validity of the signed photo URLs */
  FILE_URL_TTL_S: z.coerce.number().int().min(30).max(7 * 24 * 3600).default(3600),
  REPORTS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(10),
  /** points credited to the reporter when the office closes the report */
  REPORT_POINTS: z.coerce.number().int().min(0).max(10_000).default(5),
  STAR_THRESHOLDS: z
    .string()
    .default('100,300,600,1000,1500')
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .refine((a) => a.length > 0 && a.every((n, i) => Number.isFinite(n) && n > 0 && (i === 0 || n > a[i - 1])), {
      error: 'STAR_THRESHOLDS must be increasing positive hours, e.g. 100,300,600,1000,1500',
    }),
})

export interface Config {
  env: 'development' | 'test' | 'production'
  host: string
  port: number
  databaseUrl: string
  databasePoolSize: number
  sessionSecret: Uint8Array
  sessionTtlHours: number
  dataKey: Buffer
  wechat: { appid: string | null; secret: string | null; apiBase: string }
  devLogin: boolean
  seedDemo: boolean
  h5Dir: string
  corsOrigins: string[]
  logLevel: string
  bodyLimitKb: number
  /** unexcused no-shows in a rolling year that suspend sign-up */
  noShowLimit: number
  checkin: {
    tokenTtlS: number
    rotateS: number
    /** check-in opens this long before the start; closes at the end */
    opensMin: number
    /** check-out is possible from the start until this long after the end */
    checkoutClosesMin: number
  }
  /** service hours are floored to this step */
  hoursStep: number
  starThresholds: number[]
  /** the issuing body on certificates */
  officeName: string
  redisUrl: string | null
  /** where 随手拍 photos are stored; served through signed URLs valid `fileUrlTtlS` */
  storage:
    | { kind: 'local'; dir: string }
    | {
        kind: 's3'
        bucket: string
        endpoint: string | null
        region: string
        accessKeyId: string
        secretAccessKey: string
        forcePathStyle: boolean
      }
  fileUrlTtlS: number
  /** reports a person may submit per China day, and the points a closed report earns them */
  reports: { perDay: number; points: number }
  redisPrefix: string
  /** requests allowed per window; beyond it 429 with Retry-After */
  rateLimits: { loginIpPerMin: number; loginOpenidPerMin: number; scanPerMin: number; uploadPerHour: number }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable counts as unset
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  const devLogin = e.AUTH_DEV_LOGIN ?? !production
  const problems: string[] = []
  if (production) {
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET is required in production')
    if (e.SESSION_SECRET === DEV_SESSION_SECRET) problems.push('SESSION_SECRET is the development default')
    if (!e.DATA_KEY) problems.push('DATA_KEY is required in production (32 random bytes, base64)')
    if (e.DATA_KEY === DEV_DATA_KEY) problems.push('DATA_KEY is the development default')
    if (devLogin) problems.push('AUTH_DEV_LOGIN must not be on in production')
    if (!devLogin && (!e.WECHAT_APPID || !e.WECHAT_SECRET)) {
      problems.push('WECHAT_APPID and WECHAT_SECRET are required in production')
    }
  }
  if (e.STORAGE === 's3' && (!e.S3_BUCKET || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY)) {
    problems.push('STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY')
  }
  if (problems.length) throw new ConfigError(`Refusing to start:\n${problems.map((p) => `  ${p}`).join('\n')}`)

  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sessionSecret: new TextEncoder().encode(e.SESSION_SECRET ?? DEV_SESSION_SECRET),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    dataKey: Buffer.from(e.DATA_KEY ?? DEV_DATA_KEY, 'base64'),
    wechat: { appid: e.WECHAT_APPID ?? null, secret: e.WECHAT_SECRET ?? null, apiBase: e.WECHAT_API_BASE },
    devLogin,
    seedDemo: e.SEED_DEMO ?? !production,
    h5Dir: path.resolve(REPO_ROOT, e.H5_DIR ?? 'miniapp/dist/h5'),
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    bodyLimitKb: e.BODY_LIMIT_KB,
    noShowLimit: e.NO_SHOW_LIMIT,
    checkin: {
      tokenTtlS: e.CHECKIN_TOKEN_TTL_S,
      rotateS: Math.min(e.CHECKIN_ROTATE_S, e.CHECKIN_TOKEN_TTL_S),
      opensMin: e.CHECKIN_OPENS_MIN,
      checkoutClosesMin: e.CHECKOUT_CLOSES_MIN,
    },
    hoursStep: e.HOURS_STEP,
    starThresholds: e.STAR_THRESHOLDS,
    officeName: e.OFFICE_NAME,
    redisUrl: e.REDIS_URL ?? null,
    storage:
      e.STORAGE === 's3'
        ? {
            kind: 's3',
            bucket: e.S3_BUCKET!,
            endpoint: e.S3_ENDPOINT ?? null,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
            // MinIO and most self-hosted S3 services want path-style URLs
            forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT != null,
          }
        : { kind: 'local', dir: path.resolve(REPO_ROOT, e.UPLOAD_DIR) },
    fileUrlTtlS: e.FILE_URL_TTL_S,
    reports: { perDay: e.REPORTS_PER_DAY, points: e.REPORT_POINTS },
    redisPrefix: e.REDIS_PREFIX,
    rateLimits: {
      loginIpPerMin: e.RATE_LOGIN_IP_PER_MIN,
      loginOpenidPerMin: e.RATE_LOGIN_OPENID_PER_MIN,
      scanPerMin: e.RATE_SCAN_PER_MIN,
      uploadPerHour: e.RATE_UPLOAD_PER_HOUR,
    },
  }
}
