/** Every page path in one place (app.config.ts declares the same pages). */
export const ROUTES = {
  login: '/pages/login/index',
  activities: '/pages/activities/index',
  report: '/pages/report/index',
  me: '/pages/me/index',
  profile: '/pages/profile/index',
  organiser: '/packages/organiser/pages/index/index',
  office: '/packages/office/pages/index/index',
  officeCommunities: '/packages/office/pages/communities/index',
  officeUnits: '/packages/office/pages/units/index',
  officePairings: '/packages/office/pages/pairings/index',
  officeInvitations: '/packages/office/pages/invitations/index',
} as const

export const TAB_ROUTES: readonly string[] = [ROUTES.activities, ROUTES.report, ROUTES.me]
