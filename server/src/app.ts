/**
 * createApp(): the Koa application, wired from its dependencies. It never listens;
 * index.ts does (tests drive `app.callback()` with no port opened).
 */
import bodyParser from '@koa/bodyparser'
import cors from '@koa/cors'
import Koa from 'koa'
import type { Deps } from './deps'
import { errorBody, errorHandler } from './http/error-handler'
import { AppError } from './http/errors'
import { type RateLimits, createRateLimits } from './http/rate-limit'
import { requestContext } from './http/request-context'
import { securityHeaders } from './http/security'
import { buildRouter } from './http/router'
import { serveDocsAssets, serveH5 } from './http/static'
import { UPLOAD_PATH } from './modules/reports/routes'
import { allRoutes } from './routes'

export function createApp(deps: Deps): Koa {
  const app = new Koa({ proxy: deps.config.env === 'production' })
  app.context.log = deps.logger
  ;(app.context as unknown as { limits: RateLimits }).limits = createRateLimits(deps.config)
  const router = buildRouter(allRoutes, deps)

  app.use(requestContext(deps.logger))
  app.use(errorHandler)
  app.use(securityHeaders(deps.config))
  app.use(
    cors({
      // same-origin H5 needs no CORS; other origins only when configured
      origin: (ctx) => {
        const origin = ctx.get('Origin')
        return deps.config.corsOrigins.includes(origin) ? origin : ''
      },
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  )
  app.use(async (ctx, next) => {
    // the upload route reads its multipart stream itself: no JSON parsing, no JSON-only gate
    if (ctx.method === 'POST' && ctx.path === UPLOAD_PATH) {
      ctx.disableBodyParser = true
      return next()
    }
    // a body that is not JSON is refused before parsing
    const hasBody = Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== ''
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(ctx.method) && ctx.path.startsWith('/api') && !ctx.is('json')) {
      ctx.status = 415
      ctx.body = errorBody('unsupported_media_type', '请求内容必须是 JSON（Content-Type: application/json）')
      return
    }
    await next()
  })
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: `${deps.config.bodyLimitKb}kb`,
      encoding: 'utf-8',
      onError: (err) => {
        const status = (err as { status?: number }).status
        throw new AppError(status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_json')
      },
    }),
  )
  app.use(router.routes())
  app.use(router.allowedMethods({ throw: false }))
  app.use(serveDocsAssets())
  app.use(serveH5(deps.config.h5Dir))
  return app
}
