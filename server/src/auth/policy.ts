/**
 * Who may call what: the one authorization table. Every route in the router must have an
 * entry (createApp refuses to start otherwise, and tests walk every route against every role).
 *
 * - public:    anyone, no login
 * - user:      any logged-in user (every user is a volunteer)
 * - organiser: an organiser of at least one unit or community, or the office
 * - office:    文明办 / 创城办 staff
 *
 * Object-level rules (an organiser of unit A cannot touch unit B's activity) are checked in
 * the services with `canManage()` from ./roles.
 */
export type Access = 'public' | 'user' | 'organiser' | 'office'

export const POLICY: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',

  'POST /api/auth/wechat': 'public',
  'POST /api/auth/dev': 'public',
  'GET /api/auth/dev/users': 'public',

  'GET /api/me': 'user',
  'PUT /api/me/profile': 'user',
  'POST /api/me/phone': 'user',
  'POST /api/me/organiser': 'user',
  'GET /api/directory': 'user',

  'GET /api/communities': 'office',
  'POST /api/communities': 'office',
  'PATCH /api/communities/:id': 'office',
  'GET /api/units': 'office',
  'POST /api/units': 'office',
  'PATCH /api/units/:id': 'office',
  'GET /api/pairings': 'office',
  'POST /api/pairings': 'office',
  'DELETE /api/pairings/:id': 'office',
  'POST /api/organiser-invitations': 'office',
  'GET /api/users': 'office',
  'POST /api/users/:id/office': 'office',
  'DELETE /api/users/:id/office': 'office',
  'POST /api/users/:id/lift-suspension': 'office',

  'GET /api/activity-types': 'user',
  'POST /api/activity-types': 'office',
  'PATCH /api/activity-types/:id': 'office',
  'POST /api/activities': 'organiser',
  'GET /api/activities': 'user',
  'GET /api/activities/:id': 'user',
  'GET /api/activities/by-key/:key': 'user',
  'GET /api/activities/:id/printable-qr': 'organiser',
  'PATCH /api/activities/:id': 'organiser',
  'POST /api/activities/:id/cancel': 'organiser',
  'POST /api/activities/:id/signups': 'user',
  'DELETE /api/activities/:id/signups/me': 'user',
  'GET /api/activities/:id/roster': 'organiser',
  'POST /api/schedules': 'organiser',
  'GET /api/schedules': 'organiser',
  'DELETE /api/schedules/:id': 'organiser',
  'GET /api/me/notices': 'user',
  'POST /api/me/notices/read': 'user',

  'GET /api/activities/:id/checkin-token': 'organiser',
  'GET /api/activities/:id/wxacode': 'organiser',
  'POST /api/attendance/scan': 'user',
  'GET /api/activities/:id/attendance': 'organiser',
  'POST /api/activities/:id/attendance': 'organiser',
  'POST /api/activities/:id/no-shows': 'organiser',
  'GET /api/attendance/pending': 'organiser',
  'POST /api/attendance/:id/approve': 'organiser',
  'POST /api/attendance/:id/reject': 'organiser',
  'GET /api/me/attendance': 'user',
  'GET /api/me/points': 'user',
  'GET /api/me/summary': 'user',
  'GET /api/me/service-record': 'user',
  'POST /api/me/certificates': 'user',
  'GET /api/users/:id/service-record': 'office',
  'POST /api/users/:id/certificates': 'office',
  'POST /api/users/:id/points-adjustments': 'office',

  // the office's figures: organisers get their own units' and communities' rows (filtered in the services)
  'GET /api/stats/participation': 'organiser',
  'GET /api/stats/weekly': 'organiser',
  'GET /api/stats/street-duty': 'organiser',
  'GET /api/stats/city': 'office',
  'GET /api/stats/rankings': 'office',
  'GET /api/exports/participation.xlsx': 'organiser',
  'GET /api/exports/street-duty.xlsx': 'organiser',
  'GET /api/exports/volunteers.xlsx': 'organiser',

  // 随手拍 and 整改: object rules in modules/reports/access.ts (a report one may not see answers 404)
  'POST /api/uploads': 'user',
  'GET /api/files/:key': 'public',
  'GET /api/categories': 'user',
  'POST /api/categories': 'office',
  'PATCH /api/categories/:id': 'office',
  'POST /api/reports': 'user',
  'GET /api/reports': 'user',
  'GET /api/reports/:id': 'user',
  'POST /api/reports/:id/triage': 'office',
  'POST /api/reports/:id/accept': 'organiser',
  'POST /api/reports/:id/rectify': 'organiser',
  'POST /api/reports/:id/verify': 'office',
  'GET /api/stats/rectification': 'organiser',
  'GET /api/exports/rectification.xlsx': 'organiser',
}

export const ROLE_RANK: Record<Access, number> = { public: 0, user: 1, organiser: 2, office: 3 }
