/**
 * Mounts route specs on @koa/router: authenticate (policy) → validate (zod) → handler → JSON.
 */
import Router from '@koa/router'
import type { Context } from 'koa'
import { z } from 'zod'
import { POLICY } from '../auth/policy'
import type { SessionUser } from '../auth/roles'
import type { Deps } from '../deps'
import { authenticate, authenticateToken, requireCaller } from './authenticate'
import { limitsOf } from './rate-limit'
import { AppError } from './errors'
import { zodDetails } from './error-handler'
import { type AnyRoute, routeKey } from './route'

/** what a route without a schema accepts: made once (zod compiles an object schema on its first parse) */
const ANY_PARAMS = z.object({}).loose()
const ANY_BODY = z.unknown()

/** what PostgreSQL's text cannot hold: NUL, and half a UTF-16 surrogate pair */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const wellFormed = (s: string) => !UNSTORABLE.test(s)

/** The path of the first string PostgreSQL could not store (NUL, a lone surrogate), or null. */
function illFormed(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return wellFormed(value) ? null : path
  if (depth > 32 || value === null || typeof value !== 'object') return null
  for (const [k, v] of Object.entries(value)) {
    if (!wellFormed(k)) return [...path, '(key)']
    const found = illFormed(v, [...path, k], depth + 1)
    if (found) return found
  }
  return null
}

function parse(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body') {
  const s = schema ?? (where === 'body' ? ANY_BODY : ANY_PARAMS)
  const result = s.safeParse(value)
  if (!result.success) {
    throw new AppError('validation_failed', undefined, undefined, zodDetails(result.error, where))
  }
  // text the database cannot store (JSON may escape NUL or half a surrogate pair) is refused
  // here when the field's own rules let it through
  const bad = illFormed(result.data)
  if (bad) {
    throw new AppError('validation_failed', undefined, undefined, [{ path: [where, ...bad].join('.'), message: '含有无法识别的字符' }])
  }
  return result.data
}

export function buildRouter(routes: AnyRoute[], deps: Deps): Router {
  const router = new Router()
  const seen = new Set<string>()
  for (const r of routes) {
    const key = routeKey(r)
    if (seen.has(key)) throw new Error(`duplicate route ${key}`)
    seen.add(key)
    const access = POLICY[key]
    if (!access) throw new Error(`route ${key} has no rule in auth/policy.ts`)
    if (r.checksCaller && access !== 'user') throw new Error(`route ${key}: checksCaller is for routes any signed-in user may call`)
    const handle = async (ctx: Context, user: SessionUser | null, callerId: number | null) => {
      if (r.rateLimit) {
        await limitsOf(ctx).consume(r.rateLimit.name, r.rateLimit.by === 'user' && callerId != null ? `u${callerId}` : ctx.ip)
      }
      const params = parse(r.params, ctx.params, 'params')
      const query = parse(r.query, ctx.query, 'query')
      const hasBody = r.method !== 'GET' && r.method !== 'DELETE'
      if (hasBody && r.body && ctx.request.body === undefined) {
        throw new AppError('unsupported_media_type', '请求内容必须是 JSON（Content-Type: application/json）')
      }
      const body = hasBody && r.body ? parse(r.body, ctx.request.body, 'body') : undefined
      const result = await r.handler({ params, query, body, user, callerId, deps, ctx })
      if (result !== undefined) {
        ctx.status = r.status ?? 200
        ctx.body = result
      }
    }
    router[r.method.toLowerCase() as 'get'](
      r.path,
      r.checksCaller
        ? async (ctx: Context) => {
            const callerId = await authenticateToken(ctx, deps)
            ctx.state.callerId = callerId
            try {
              await handle(ctx, null, callerId)
            } catch (err) {
              // a caller who no longer exists or is disabled hears that first, as on every route
              await requireCaller(deps, callerId)
              throw err
            }
          }
        : async (ctx: Context) => {
            const user = await authenticate(ctx, deps, access)
            ctx.state.user = user
            ctx.state.callerId = user?.id
            await handle(ctx, user, user?.id ?? null)
          },
    )
  }
  return router
}
