import { REPORT_ROUTES as MAIN } from '../../pages/report/routes'

/** Every 随手拍 page (app.config.ts declares them): the report subpackage and the office's. */
export const REPORT_ROUTES = {
  ...MAIN,
  detail: '/packages/report/pages/detail/index',
  rectify: '/packages/report/pages/rectify/index',
  triage: '/packages/office/pages/reports/index',
  verify: '/packages/office/pages/report-verify/index',
} as const
