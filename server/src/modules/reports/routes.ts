/** 随手拍 and 整改: uploads, signed files, categories, reports and their steps, rectification figures. */
import {
  CategoryBody,
  CategoryList,
  CategoryPatch,
  CategoryQuery,
  CategoryView,
  IdParams,
  RectificationStats,
  RectificationStatsQuery,
  RectifyBody,
  ReportCreateBody,
  ReportList,
  ReportListQuery,
  ReportView,
  TriageBody,
  UploadResult,
  VerifyBody,
} from '@civic/shared'
import { z } from 'zod'
import { route } from '../../http/route'
import { XLSX_MIME, sendXlsx } from '../../lib/xlsx'
import { createCategory, listCategories, updateCategory } from './categories'
import { serveFile } from './files'
import { getReport, listReports } from './queries'
import { rectificationSheets, rectificationStats } from './stats'
import { createReport } from './submit'
import { accept, rectify, triage, verify } from './transitions'
import { receiveUpload } from './uploads'

export const UPLOAD_PATH = '/api/uploads'

export const reportRoutes = [
  route({
    method: 'POST',
    path: UPLOAD_PATH,
    summary:
      'Upload one photo (multipart/form-data, one file field): JPEG, PNG or WebP by its bytes, at most 5 MB; stored re-encoded without EXIF',
    tag: 'reports',
    response: UploadResult,
    status: 201,
    rateLimit: { name: 'upload', by: 'user' },
    handler: ({ deps, user, ctx }) => receiveUpload(deps, user!, ctx),
  }),
  route({
    method: 'GET',
    path: '/api/files/:key',
    summary: 'A stored photo through a signed, expiring link (local storage)',
    tag: 'reports',
    params: z.object({ key: z.string().max(80) }),
    query: z.object({ exp: z.string().max(20).optional(), sig: z.string().max(100).optional() }),
    produces: 'image/*',
    handler: async ({ deps, ctx, params, query }) => {
      await serveFile(deps, ctx, params.key, query.exp, query.sig)
      return undefined
    },
  }),
  route({
    method: 'GET',
    path: '/api/categories',
    summary: 'Report categories in display order (active ones; the office may ask for all with all=1)',
    tag: 'reports',
    query: CategoryQuery,
    response: CategoryList,
    handler: async ({ deps, user, query }) => ({ items: await listCategories(deps, user!, query.all ?? false) }),
  }),
  route({
    method: 'POST',
    path: '/api/categories',
    summary: 'Add a report category with its default rectification deadline',
    tag: 'reports',
    body: CategoryBody,
    response: CategoryView,
    status: 201,
    handler: ({ deps, body }) => createCategory(deps, body),
  }),
  route({
    method: 'PATCH',
    path: '/api/categories/:id',
    summary: 'Rename, reorder, change the default deadline, deactivate or reactivate a category',
    tag: 'reports',
    params: IdParams,
    body: CategoryPatch,
    response: CategoryView,
    handler: ({ deps, params, body }) => updateCategory(deps, params.id, body),
  }),
  route({
    method: 'POST',
    path: '/api/reports',
    summary: '随手拍: report a problem with 1–6 of one’s uploaded photos (per-day limit; the same photo once a day)',
    tag: 'reports',
    body: ReportCreateBody,
    response: ReportView,
    status: 201,
    handler: ({ deps, user, body }) => createReport(deps, user!, body),
  }),
  route({
    method: 'GET',
    path: '/api/reports',
    summary: 'Reports: one’s own (mine=1; residents always), a unit’s queue by deadline (organisers), all (office)',
    tag: 'reports',
    query: ReportListQuery,
    response: ReportList,
    handler: ({ deps, user, query }) => listReports(deps, user!, query),
  }),
  route({
    method: 'GET',
    path: '/api/reports/:id',
    summary: 'One report with its history and before/after photos (404 when the caller may not see it)',
    tag: 'reports',
    params: IdParams,
    response: ReportView,
    handler: ({ deps, user, params }) => getReport(deps, user!, params.id),
  }),
  route({
    method: 'POST',
    path: '/api/reports/:id/triage',
    summary: 'Office triage of a submitted report: reject with a reason, mark as a duplicate, or assign to a unit with a deadline',
    tag: 'reports',
    params: IdParams,
    body: TriageBody,
    response: ReportView,
    handler: ({ deps, user, params, body }) => triage(deps, user!, params.id, body),
  }),
  route({
    method: 'POST',
    path: '/api/reports/:id/accept',
    summary: 'The assigned unit’s organiser accepts the task',
    tag: 'reports',
    params: IdParams,
    response: ReportView,
    handler: ({ deps, user, params }) => accept(deps, user!, params.id),
  }),
  route({
    method: 'POST',
    path: '/api/reports/:id/rectify',
    summary: 'The assigned unit’s organiser submits the rectification: a note and after-photos',
    tag: 'reports',
    params: IdParams,
    body: RectifyBody,
    response: ReportView,
    handler: ({ deps, user, params, body }) => rectify(deps, user!, params.id, body),
  }),
  route({
    method: 'POST',
    path: '/api/reports/:id/verify',
    summary: 'Office verification: close (the reporter earns points once) or send back with a reason and maybe a new deadline',
    tag: 'reports',
    params: IdParams,
    body: VerifyBody,
    response: ReportView,
    handler: ({ deps, user, params, body }) => verify(deps, user!, params.id, body),
  }),
  route({
    method: 'GET',
    path: '/api/stats/rectification',
    summary: 'On-time rectification per unit for reports assigned in the period (office: all units; organisers: theirs)',
    tag: 'reports',
    query: RectificationStatsQuery,
    response: RectificationStats,
    handler: ({ deps, user, query }) => rectificationStats(deps, user!, query.from, query.to),
  }),
  route({
    method: 'GET',
    path: '/api/exports/rectification.xlsx',
    summary: 'On-time rectification per unit and the reports behind it as an Excel workbook',
    tag: 'reports',
    query: RectificationStatsQuery,
    produces: XLSX_MIME,
    handler: async ({ deps, user, query, ctx }) => {
      const sheets = await rectificationSheets(deps, user!, query.from, query.to)
      await sendXlsx(ctx, `整改统计-${query.from}至${query.to}.xlsx`, sheets, `rectification-${query.from}-${query.to}.xlsx`)
      return undefined
    },
  }),
]
