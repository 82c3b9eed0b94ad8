/** The 随手拍 pages the main package opens (all of them: packages/report/routes.ts). */
export const REPORT_ROUTES = {
  create: '/packages/report/pages/new/index',
  mine: '/packages/report/pages/mine/index',
  queue: '/packages/report/pages/queue/index',
} as const
