import { route, type AnyRoute } from '../../http/route'
import { docsPage, openApiDocument } from '../../http/openapi'

const VERSION = '0.1.0'

export const docsRoutes = (all: () => AnyRoute[]) => {
  let cached: unknown = null
  return [
    route({
      method: 'GET',
      path: '/api/openapi.json',
      summary: 'This document (OpenAPI 3.1, generated from the zod schemas)',
      tag: 'system',
      produces: 'application/json',
      handler: async () => {
        cached ??= openApiDocument(all(), { version: VERSION })
        return cached
      },
    }),
    route({
      method: 'GET',
      path: '/api/docs',
      summary: 'Browsable API documentation (Swagger UI)',
      tag: 'system',
      produces: 'text/html',
      handler: async ({ ctx }) => {
        ctx.type = 'text/html; charset=utf-8'
        ctx.body = docsPage()
        return undefined
      },
    }),
  ]
}
