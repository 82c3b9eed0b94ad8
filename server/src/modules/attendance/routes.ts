import {
  AdjustmentBody,
  AttendanceList,
  AttendanceView,
  CertificateView,
  CheckinToken,
  CheckinTokenQuery,
  IdParams,
  ManualAttendanceBody,
  MeAttendanceQuery,
  NoShowResult,
  PointsView,
  RecordQuery,
  ReviewBody,
  ScanBody,
  ScanResult,
  ServiceRecord,
  Summary,
} from '@civic/shared'
import QRCode from 'qrcode'
import { canManage } from '../../auth/roles'
import { AppError } from '../../http/errors'
import { route } from '../../http/route'
import { activityAttendance, approve, markNoShows, pendingFor, recordManually, reject } from './manage'
import { adjustPoints, issueCertificate, myAttendance, myPoints, serviceRecord, summary } from './records'
import { scan } from './scan'
import { checkinKey, signCheckin } from './token'

export const WXACODE_PAGE = 'pages/checkin/index'

export const attendanceRoutes = [
  route({
    method: 'GET',
    path: '/api/activities/:id/checkin-token',
    summary: 'The rotating check-in (or check-out) code for the organiser’s screen, with live counts',
    tag: 'attendance',
    params: IdParams,
    query: CheckinTokenQuery,
    response: CheckinToken,
    handler: async ({ deps, user, params, query, ctx }) => {
      const a = await deps.prisma.activity.findUnique({
        where: { id: params.id },
        select: { id: true, status: true, organiserUnitId: true, organiserCommunityId: true },
      })
      if (!a) throw new AppError('activity_not_found')
      if (!canManage(user!, { unitId: a.organiserUnitId, communityId: a.organiserCommunityId })) throw new AppError('forbidden')
      if (a.status === 'cancelled') throw new AppError('activity_cancelled')
      const { tokenTtlS, rotateS } = deps.config.checkin
      const expiresAt = new Date(Date.now() + tokenTtlS * 1000)
      const token = signCheckin(checkinKey(deps.config.sessionSecret), a.id, query.mode, expiresAt)
      const [confirmed, checkedIn, checkedOut, qrDataUrl] = await Promise.all([
        deps.prisma.signup.count({ where: { activityId: a.id, status: 'confirmed' } }),
        deps.prisma.attendance.count({ where: { activityId: a.id, checkInAt: { not: null } } }),
        deps.prisma.attendance.count({ where: { activityId: a.id, checkOutAt: { not: null } } }),
        QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: 480 }),
      ])
      ctx.set('Cache-Control', 'no-store')
      return { token, mode: query.mode, expiresAt: expiresAt.toISOString(), refreshInS: rotateS, qrDataUrl, counts: { confirmed, checkedIn, checkedOut } }
    },
  }),
  route({
    method: 'GET',
    path: '/api/activities/:id/wxacode',
    summary: 'A printable mini-program code (PNG, WeChat getwxacodeunlimit) opening the check-in page for this activity',
    tag: 'attendance',
    params: IdParams,
    produces: 'image/png',
    handler: async ({ deps, user, params, ctx }) => {
      const a = await deps.prisma.activity.findUnique({
        where: { id: params.id },
        select: { shortKey: true, status: true, organiserUnitId: true, organiserCommunityId: true },
      })
      if (!a) throw new AppError('activity_not_found')
      if (!canManage(user!, { unitId: a.organiserUnitId, communityId: a.organiserCommunityId })) throw new AppError('forbidden')
      if (a.status === 'cancelled') throw new AppError('activity_cancelled')
      if (!deps.wechat.configured) throw new AppError('wechat_not_configured')
      const png = await deps.wechat.getUnlimitedQRCode({ scene: a.shortKey, page: WXACODE_PAGE })
      ctx.type = 'image/png'
      ctx.set('Content-Disposition', `inline; filename="checkin-${params.id}.png"`)
      ctx.body = png
      return undefined
    },
  }),
  route({
    method: 'POST',
    path: '/api/attendance/scan',
    summary: 'Check in or out: a rotating code’s token (or a printed code’s activity key) and the current location',
    tag: 'attendance',
    body: ScanBody,
    response: ScanResult,
    rateLimit: { name: 'scan', by: 'user' },
    // the check-in statement itself refuses a caller who is gone or disabled: no lookup first
    checksCaller: true,
    handler: ({ deps, callerId, body }) => scan(deps, callerId!, body),
  }),
  route({
    method: 'GET',
    path: '/api/activities/:id/attendance',
    summary: 'Attendance of an activity (its organisers and the office)',
    tag: 'attendance',
    params: IdParams,
    response: AttendanceList,
    handler: ({ deps, user, params }) => activityAttendance(deps, user!, params.id),
  }),
  route({
    method: 'POST',
    path: '/api/activities/:id/attendance',
    summary: 'Add or correct a person’s attendance by hand (reason required; counts after another organiser approves)',
    tag: 'attendance',
    params: IdParams,
    body: ManualAttendanceBody,
    response: AttendanceView,
    status: 201,
    handler: ({ deps, user, params, body }) => recordManually(deps, user!, params.id, body),
  }),
  route({
    method: 'POST',
    path: '/api/activities/:id/no-shows',
    summary: 'Mark confirmed sign-ups without check-in as no-shows (after the end)',
    tag: 'attendance',
    params: IdParams,
    response: NoShowResult,
    handler: async ({ deps, user, params }) => ({ marked: await markNoShows(deps, user!, params.id) }),
  }),
  route({
    method: 'GET',
    path: '/api/attendance/pending',
    summary: 'Records waiting for the caller’s approval (manual and walk-in)',
    tag: 'attendance',
    response: AttendanceList,
    handler: ({ deps, user }) => pendingFor(deps, user!),
  }),
  route({
    method: 'POST',
    path: '/api/attendance/:id/approve',
    summary: 'Approve a manual or walk-in record (not one the caller recorded); credits its points once',
    tag: 'attendance',
    params: IdParams,
    response: AttendanceView,
    handler: ({ deps, user, params }) => approve(deps, user!, params.id),
  }),
  route({
    method: 'POST',
    path: '/api/attendance/:id/reject',
    summary: 'Reject a manual or walk-in record',
    tag: 'attendance',
    params: IdParams,
    body: ReviewBody,
    response: AttendanceView,
    handler: ({ deps, user, params, body }) => reject(deps, user!, params.id, body.reason),
  }),
  route({
    method: 'GET',
    path: '/api/me/attendance',
    summary: 'The caller’s attendance, newest first',
    tag: 'me',
    query: MeAttendanceQuery,
    response: AttendanceList,
    handler: ({ deps, user, query }) => myAttendance(deps, user!.id, query.page, query.pageSize),
  }),
  route({
    method: 'GET',
    path: '/api/me/points',
    summary: 'Points balance and ledger entries, newest first',
    tag: 'me',
    query: MeAttendanceQuery,
    response: PointsView,
    handler: ({ deps, user, query }) => myPoints(deps, user!.id, query.page, query.pageSize),
  }),
  route({
    method: 'GET',
    path: '/api/me/summary',
    summary: 'Hours this year and in total, duty hours, points, star level with progress, rank in the community',
    tag: 'me',
    response: Summary,
    handler: ({ deps, user }) => summary(deps, user!.id),
  }),
  route({
    method: 'GET',
    path: '/api/me/service-record',
    summary: 'The volunteer service record (民政部 record fields; ID number masked)',
    tag: 'me',
    query: RecordQuery,
    response: ServiceRecord,
    handler: ({ deps, user, query }) => serviceRecord(deps, user!.id, query.from, query.to),
  }),
  route({
    method: 'POST',
    path: '/api/me/certificates',
    summary: 'Issue a numbered service certificate for a period (printable HTML included)',
    tag: 'me',
    body: RecordQuery,
    response: CertificateView,
    status: 201,
    handler: ({ deps, user, body }) => issueCertificate(deps, user!.id, user!.id, body.from, body.to),
  }),
  route({
    method: 'GET',
    path: '/api/users/:id/service-record',
    summary: 'Any volunteer’s service record (office)',
    tag: 'users',
    params: IdParams,
    query: RecordQuery,
    response: ServiceRecord,
    handler: ({ deps, params, query }) => serviceRecord(deps, params.id, query.from, query.to),
  }),
  route({
    method: 'POST',
    path: '/api/users/:id/certificates',
    summary: 'Issue a service certificate for any volunteer (office)',
    tag: 'users',
    params: IdParams,
    body: RecordQuery,
    response: CertificateView,
    status: 201,
    handler: ({ deps, user, params, body }) => issueCertificate(deps, user!.id, params.id, body.from, body.to),
  }),
  route({
    method: 'POST',
    path: '/api/users/:id/points-adjustments',
    summary: 'Adjust a person’s points (an entry in the ledger; the balance never goes negative)',
    tag: 'users',
    params: IdParams,
    body: AdjustmentBody,
    response: PointsView,
    status: 201,
    handler: ({ deps, user, params, body }) => adjustPoints(deps, user!.id, params.id, body.amount, body.reason),
  }),
]

