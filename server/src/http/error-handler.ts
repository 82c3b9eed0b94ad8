/**
 * One error shape: `{ error: { code, message, details?, meta? } }`. Operational errors carry
 * their code; anything unknown becomes 500 `internal_error` with nothing internal in the body,
 * and is logged.
 */
import { ERRORS, type ErrorCode } from '@civic/shared'
import type { Context, Next } from 'koa'
import { ZodError } from 'zod'
import { AppError } from './errors'
import { isDatabaseUnavailable, isRecordNotFound, isUniqueViolation } from './db-errors'

export function errorBody(code: ErrorCode, message?: string, extra?: { details?: unknown; meta?: unknown }) {
  return {
    error: {
      code,
      message: message ?? ERRORS[code].message,
      ...(extra?.details ? { details: extra.details } : {}),
      ...(extra?.meta ? { meta: extra.meta } : {}),
    },
  }
}

export function zodDetails(err: ZodError, prefix?: string) {
  return err.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }))
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err
  if (err instanceof ZodError) return new AppError('validation_failed', undefined, undefined, zodDetails(err))
  if (isDatabaseUnavailable(err)) return new AppError('database_unavailable')
  if (isUniqueViolation(err)) return new AppError('conflict')
  if (isRecordNotFound(err)) return new AppError('not_found')
  return null
}

export async function errorHandler(ctx: Context, next: Next) {
  try {
    await next()
    if (ctx.body == null && ctx.path.startsWith('/api')) {
      if (ctx.status === 404) {
        ctx.status = 404
        ctx.body = errorBody('not_found', '接口不存在')
      } else if (ctx.status === 405) {
        ctx.status = 405
        ctx.body = errorBody('method_not_allowed')
      }
    }
  } catch (err) {
    const app = toAppError(err)
    const log = ctx.state.log ?? ctx.app.context.log
    if (app) {
      ctx.status = app.status
      ctx.body = errorBody(app.code, app.message, { details: app.details, meta: app.meta })
      if (app.code === 'rate_limited') {
        ctx.set('Retry-After', String((app.meta as { retryAfterS?: number } | undefined)?.retryAfterS ?? 60))
      }
      if (app.code === 'database_unavailable') {
        ctx.set('Retry-After', '5')
        log?.warn({ err }, 'database unavailable')
      }
    } else {
      ctx.status = 500
      ctx.body = errorBody('internal_error')
      log?.error({ err }, 'unhandled error')
    }
  }
}
