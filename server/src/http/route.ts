/**
 * A route is data: method, path, input schemas (zod), the response schema (for the OpenAPI
 * document) and a handler that receives parsed, typed input. The access rule comes from the
 * policy table (auth/policy.ts), so one place says who may call what.
 */
import type { Context } from 'koa'
import type { z } from 'zod'
import type { SessionUser } from '../auth/roles'
import type { Deps } from '../deps'
import type { LimitName } from './rate-limit'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

type Schema = z.ZodType

export interface HandlerInput<P extends Schema, Q extends Schema, B extends Schema> {
  params: z.output<P>
  query: z.output<Q>
  body: z.output<B>
  /** the caller with their roles; null on public routes and on routes with `checksCaller` */
  user: SessionUser | null
  /** the signed-in caller's id (null only on public routes) */
  callerId: number | null
  deps: Deps
  /** for routes that answer something other than JSON (files, HTML) */
  ctx: Context
}

export interface RouteSpec<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema> {
  method: Method
  path: string
  summary: string
  tag: string
  params?: P
  query?: Q
  body?: B
  /** the success body's schema (documentation) */
  response?: Schema
  /** success status, default 200 */
  status?: number
  /** content type of a non-JSON success body, for the docs */
  produces?: string
  /**
   * For hot `user` routes that need only the caller's id: the router verifies the session
   * token but does not load the caller; the handler's own statement must refuse a caller who
   * no longer exists or is disabled (and do nothing for them). Whenever the request fails, the
   * router loads the caller before answering, so 401 unauthorized / 403 user_disabled come
   * first exactly as on every other route. Saves a database round trip per request.
   */
  checksCaller?: boolean
  /** a rate limit checked after authentication: per client IP or per signed-in user */
  rateLimit?: { name: LimitName; by: 'ip' | 'user' }
  handler: (input: HandlerInput<P, Q, B>) => Promise<unknown>
}

export type AnyRoute = RouteSpec<Schema, Schema, Schema>

/** Keeps the handler's input types tied to the schemas. */
export function route<P extends Schema = z.ZodObject<{}>, Q extends Schema = z.ZodObject<{}>, B extends Schema = z.ZodObject<{}>>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  return spec as unknown as AnyRoute
}

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`
