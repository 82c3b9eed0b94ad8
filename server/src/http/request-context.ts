/** A request id per request (taken from `X-Request-Id` when sane), a child logger, one access log line. */
import { randomUUID } from 'node:crypto'
import type { Context, Next } from 'koa'
import type { Logger } from '../logger'

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/

export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('X-Request-Id')
    const reqId = SANE_ID.test(incoming) ? incoming : randomUUID()
    ctx.state.reqId = reqId
    ctx.state.log = logger.child({ reqId })
    ctx.set('X-Request-Id', reqId)
    const started = process.hrtime.bigint()
    try {
      await next()
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (ctx.path.startsWith('/api')) {
        ctx.state.log.info(
          { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, userId: ctx.state.callerId },
          'request',
        )
      }
    }
  }
}
