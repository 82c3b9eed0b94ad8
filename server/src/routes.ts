/** Every API route, in one list (the router, the OpenAPI document and the policy test use it). */
import type { AnyRoute } from './http/route'
import { activityRoutes } from './modules/activities/routes'
import { attendanceRoutes } from './modules/attendance/routes'
import { authRoutes } from './modules/auth/routes'
import { directoryRoutes } from './modules/directory/routes'
import { healthRoutes } from './modules/health/routes'
import { meRoutes } from './modules/me/routes'
import { userRoutes } from './modules/users/routes'
import { docsRoutes } from './modules/docs/routes'
import { reportRoutes } from './modules/reports/routes'
import { statsRoutes } from './modules/stats/routes'
import { exportRoutes } from './modules/exports/routes'

export const allRoutes: AnyRoute[] = [
  ...healthRoutes,
  ...docsRoutes(() => allRoutes),
  ...authRoutes,
  ...meRoutes,
  ...directoryRoutes,
  ...userRoutes,
  ...activityRoutes,
  ...attendanceRoutes,
  ...reportRoutes,
  ...statsRoutes,
  ...exportRoutes,
]
