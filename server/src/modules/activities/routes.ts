import {
  Activity,
  ActivityBody,
  ActivityKeyParams,
  ActivityList,
  ActivityPatch,
  ActivityQuery,
  ActivityType,
  ActivityTypeBody,
  ActivityTypeList,
  ActivityTypePatch,
  CancelBody,
  IdParams,
  NoticeList,
  OkResponse,
  Roster,
  ScheduleBody,
  ScheduleCreated,
  ScheduleList,
  SignupResult,
} from '@civic/shared'
import { z } from 'zod'
import { route } from '../../http/route'
import { listNotices, markNoticesRead } from './notices'
import { printableQr } from './printable'
import { createSchedule, deleteSchedule, listSchedules } from './schedules'
import * as activities from './service'
import { cancelSignup, signUp } from './signups'
import { createType, listTypes, updateType } from './types'

export const activityRoutes = [
  route({
    method: 'GET',
    path: '/api/activity-types',
    summary: 'Activity types with their points rules',
    tag: 'activities',
    response: ActivityTypeList,
    handler: async ({ deps }) => ({ items: await listTypes(deps) }),
  }),
  route({
    method: 'POST',
    path: '/api/activity-types',
    summary: 'Create an activity type (duty flag, points per hour, caps)',
    tag: 'activities',
    body: ActivityTypeBody,
    response: ActivityType,
    status: 201,
    handler: ({ deps, body }) => createType(deps, body),
  }),
  route({
    method: 'PATCH',
    path: '/api/activity-types/:id',
    summary: 'Edit an activity type or its points rule',
    tag: 'activities',
    params: IdParams,
    body: ActivityTypePatch,
    response: ActivityType,
    handler: ({ deps, params, body }) => updateType(deps, params.id, body),
  }),
  route({
    method: 'POST',
    path: '/api/activities',
    summary: 'Publish an activity for a unit or community the caller organises',
    tag: 'activities',
    body: ActivityBody,
    response: Activity,
    status: 201,
    handler: ({ deps, user, body }) => activities.createActivity(deps, user!, body),
  }),
  route({
    method: 'GET',
    path: '/api/activities',
    summary: 'Browse activities (upcoming first; filters; nearest first with `near=lat,lng`)',
    tag: 'activities',
    query: ActivityQuery,
    response: ActivityList,
    handler: ({ deps, user, query }) => activities.listActivities(deps, user!, query),
  }),
  route({
    method: 'GET',
    path: '/api/activities/:id',
    summary: 'One activity with remaining places and the caller’s sign-up',
    tag: 'activities',
    params: IdParams,
    response: Activity,
    handler: ({ deps, user, params }) => activities.getActivity(deps, user!, params.id),
  }),
  route({
    method: 'GET',
    path: '/api/activities/by-key/:key',
    summary: 'The activity a printed check-in code names by its short key (the code’s scene)',
    tag: 'activities',
    params: ActivityKeyParams,
    response: Activity,
    handler: ({ deps, user, params }) => activities.getActivityByKey(deps, user!, params.key),
  }),
  route({
    method: 'GET',
    path: '/api/activities/:id/printable-qr',
    summary: 'A printable standard QR code (PNG) of the check-in page with the activity’s short key, for when WeChat is not configured',
    tag: 'activities',
    params: IdParams,
    produces: 'image/png',
    handler: async ({ deps, user, params, ctx }) => {
      const png = await printableQr(deps, user!, params.id)
      ctx.type = 'image/png'
      ctx.set('Content-Disposition', `inline; filename="checkin-qr-${params.id}.png"`)
      ctx.body = png
      return undefined
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/activities/:id',
    summary: 'Edit an activity (capacity can grow; not below confirmed sign-ups)',
    tag: 'activities',
    params: IdParams,
    body: ActivityPatch,
    response: Activity,
    handler: ({ deps, user, params, body }) => activities.updateActivity(deps, user!, params.id, body),
  }),
  route({
    method: 'POST',
    path: '/api/activities/:id/cancel',
    summary: 'Cancel an activity; everyone signed up gets a notice',
    tag: 'activities',
    params: IdParams,
    body: CancelBody,
    response: Activity,
    handler: ({ deps, user, params, body }) => activities.cancelActivity(deps, user!, params.id, body.reason),
  }),
  route({
    method: 'POST',
    path: '/api/activities/:id/signups',
    summary: 'Sign up (confirmed, or waitlisted with a position when full)',
    tag: 'activities',
    params: IdParams,
    response: SignupResult,
    status: 201,
    handler: ({ deps, user, params }) => signUp(deps, user!, params.id),
  }),
  route({
    method: 'DELETE',
    path: '/api/activities/:id/signups/me',
    summary: 'Cancel one’s sign-up before the deadline (the first waitlisted person moves up)',
    tag: 'activities',
    params: IdParams,
    response: OkResponse,
    handler: async ({ deps, user, params }) => {
      await cancelSignup(deps, user!, params.id)
      return { ok: true }
    },
  }),
  route({
    method: 'GET',
    path: '/api/activities/:id/roster',
    summary: 'Confirmed, waitlist in order, cancelled (phones masked); organisers of the activity and the office',
    tag: 'activities',
    params: IdParams,
    response: Roster,
    handler: ({ deps, user, params }) => activities.roster(deps, user!, params.id),
  }),
  route({
    method: 'POST',
    path: '/api/schedules',
    summary: 'Set a weekly 周上街 pattern for a unit; creates the coming weeks’ activities',
    tag: 'schedules',
    body: ScheduleBody,
    response: ScheduleCreated,
    status: 201,
    handler: ({ deps, user, body }) => createSchedule(deps, user!, body),
  }),
  route({
    method: 'GET',
    path: '/api/schedules',
    summary: 'Weekly schedules (the office: all; organisers: their units’)',
    tag: 'schedules',
    query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
    response: ScheduleList,
    handler: async ({ deps, user, query }) => ({ items: await listSchedules(deps, user!, query.unitId) }),
  }),
  route({
    method: 'DELETE',
    path: '/api/schedules/:id',
    summary: 'Remove a schedule; its future activities are cancelled',
    tag: 'schedules',
    params: IdParams,
    response: z.object({ cancelled: z.number().int() }),
    handler: ({ deps, user, params }) => deleteSchedule(deps, user!, params.id),
  }),
  route({
    method: 'GET',
    path: '/api/me/notices',
    summary: 'In-app notices (cancellations, waitlist promotions, changes)',
    tag: 'me',
    response: NoticeList,
    handler: ({ deps, user }) => listNotices(deps, user!.id),
  }),
  route({
    method: 'POST',
    path: '/api/me/notices/read',
    summary: 'Mark all notices read',
    tag: 'me',
    response: OkResponse,
    handler: async ({ deps, user }) => {
      await markNoticesRead(deps, user!.id)
      return { ok: true }
    },
  }),
]
