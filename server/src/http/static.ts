/** Static files: the H5 build (with an SPA fallback) and the Swagger UI assets. */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Context, Next } from 'koa'
import send from 'koa-send'

/** Serves the H5 build for every non-/api GET; unknown paths get index.html (browser router). */
export function serveH5(dir: string) {
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api')) return next()
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      ctx.status = 503
      ctx.type = 'text/plain; charset=utf-8'
      ctx.body = `The H5 build is missing (${dir}). Run: npm run build:h5`
      return
    }
    const file = ctx.path === '/' ? 'index.html' : ctx.path.slice(1)
    try {
      await send(ctx, file, {
        root: dir,
        maxage: /\.[0-9a-f]{8,}\./.test(file) ? 365 * 24 * 3600 * 1000 : 0,
        immutable: /\.[0-9a-f]{8,}\./.test(file),
      })
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err
      if (path.extname(ctx.path)) {
        ctx.status = 404
        return
      }
      await send(ctx, 'index.html', { root: dir })
    }
    if (ctx.path === '/' || ctx.type.includes('html')) ctx.set('Cache-Control', 'no-cache')
  }
}

const SWAGGER_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js'])
const DOCS_INIT = "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true })\n"

export function serveDocsAssets() {
  const dir = path.dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'))
  return async (ctx: Context, next: Next) => {
    const prefix = '/api/docs/assets/'
    if (ctx.method !== 'GET' || !ctx.path.startsWith(prefix)) return next()
    const name = ctx.path.slice(prefix.length)
    if (name === 'docs-init.js') {
      ctx.type = 'application/javascript'
      ctx.body = DOCS_INIT
      return
    }
    if (!SWAGGER_FILES.has(name)) return next()
    await send(ctx, name, { root: dir, maxage: 24 * 3600 * 1000 })
  }
}
