/** Every page path in one place (app.config.ts declares the same pages). */
export const ROUTES = {
  login: '/pages/login/index',
  activities: '/pages/activities/index',
  report: '/pages/report/index',
  me: '/pages/me/index',
  profile: '/pages/profile/index',
  activityDetail: '/packages/activity/pages/detail/index',
  mySignups: '/packages/activity/pages/mine/index',
  organiser: '/packages/organiser/pages/index/index',
  organiserEdit: '/packages/organiser/pages/edit/index',
  organiserManage: '/packages/organiser/pages/manage/index',
  organiserRoster: '/packages/organiser/pages/roster/index',
  organiserSchedules: '/packages/organiser/pages/schedules/index',
  office: '/packages/office/pages/index/index',
  officeCommunities: '/packages/office/pages/communities/index',
  officeUnits: '/packages/office/pages/units/index',
  officePairings: '/packages/office/pages/pairings/index',
  officeInvitations: '/packages/office/pages/invitations/index',
} as const

export const TAB_ROUTES: readonly string[] = [ROUTES.activities, ROUTES.report, ROUTES.me]
