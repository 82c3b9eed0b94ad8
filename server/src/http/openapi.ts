/**
 * The OpenAPI 3.1 document, generated from the route specs' zod schemas (zod's own JSON
 * Schema output, which is OpenAPI 3.1's dialect) and the policy table.
 */
import { ERRORS } from '@civic/shared'
import { z } from 'zod'
import { POLICY } from '../auth/policy'
import type { AnyRoute } from './route'
import { routeKey } from './route'

type Json = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json
  delete s.$schema
  return s
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return []
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] }
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
  }))
}

const ACCESS_TEXT = {
  public: 'Anyone, no login.',
  user: 'Any logged-in user.',
  organiser: 'Organisers (of a unit or community) and the office.',
  office: 'The office (文明办) only.',
} as const

export function openApiDocument(routes: AnyRoute[], info: { version: string }) {
  const paths: Record<string, Record<string, Json>> = {}
  for (const r of routes) {
    const access = POLICY[routeKey(r)]
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    const status = String(r.status ?? 200)
    const op: Json = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[/:{}-]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      description: `Access: ${ACCESS_TEXT[access]}`,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses: {
        [status]: {
          description: 'OK',
          ...(r.response
            ? { content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
            : r.produces
              ? { content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } } }
              : {}),
        },
        default: {
          description: 'Error (see the `code`)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    }
    if (access !== 'public') op.security = [{ bearer: [] }]
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } }
    }
    paths[path] ??= {}
    paths[path][r.method.toLowerCase()] = op
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Civic Points (文明积分) API',
      version: info.version,
      description:
        'Volunteer sign-up, QR check-in, points and campaign figures for a 创建文明城市 office. Errors always answer `{ "error": { "code", "message" } }` with a stable code.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERRORS) },
                message: { type: 'string' },
                details: {
                  type: 'array',
                  items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
                },
                meta: { type: 'object' },
              },
            },
          },
        },
      },
    },
    paths,
  }
}

export function docsPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>文明积分 API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script>
</body>
</html>`
}
