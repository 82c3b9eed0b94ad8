import { HealthResponse } from '@civic/shared'
import { route } from '../../http/route'

export const healthRoutes = [
  route({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and database reachability (503 when the database is unreachable)',
    tag: 'system',
    response: HealthResponse,
    handler: async ({ deps, ctx }) => {
      let database: 'ok' | 'unavailable' = 'ok'
      try {
        await Promise.race([
          deps.prisma.$queryRaw`SELECT 1`,
          new Promise((_, reject) => setTimeout(() => reject(new Error('health check timeout')), 3000).unref()),
        ])
      } catch (err) {
        database = 'unavailable'
        deps.logger.warn({ err }, 'health: database unavailable')
      }
      if (database !== 'ok') {
        ctx.status = 503
        ctx.body = { status: 'degraded', database }
        return undefined
      }
      return { status: 'ok', database }
    },
  }),
]
