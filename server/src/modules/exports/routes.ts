/** Excel downloads of the office's figures and the volunteer list (scoped like the figures). */
import { ParticipationExportQuery, PARTICIPATION_GROUP_LABELS, StreetDutyExportQuery, chinaToday } from '@civic/shared'
import { route } from '../../http/route'
import { XLSX_MIME, sendXlsx } from '../../lib/xlsx'
import { participation } from '../stats/participation'
import { periodOf } from '../stats/period'
import { scopeOf } from '../stats/scope'
import { analytic } from '../stats/sql'
import { streetDuty } from '../stats/street-duty'
import { participationSheets, streetDutySheets } from './sheets'
import { volunteerLines, volunteerSheets } from './volunteers'

export const exportRoutes = [
  route({
    method: 'GET',
    path: '/api/exports/participation.xlsx',
    summary: 'Participation by community, unit or pairing as an Excel workbook',
    tag: 'exports',
    query: ParticipationExportQuery,
    produces: XLSX_MIME,
    handler: async ({ deps, user, query, ctx }) => {
      const p = periodOf(query.from, query.to)
      const data = await analytic(deps, (q) => participation(q, query.groupBy, p, scopeOf(user!)))
      const label = PARTICIPATION_GROUP_LABELS[query.groupBy]
      await sendXlsx(ctx, `参与率-${label}-${p.from}至${p.to}.xlsx`, participationSheets(data), `participation-${query.groupBy}-${p.from}-${p.to}.xlsx`)
      return undefined
    },
  }),
  route({
    method: 'GET',
    path: '/api/exports/street-duty.xlsx',
    summary: '周上街 compliance per unit and week as an Excel workbook',
    tag: 'exports',
    query: StreetDutyExportQuery,
    produces: XLSX_MIME,
    handler: async ({ deps, user, query, ctx }) => {
      const p = periodOf(query.from, query.to)
      const data = await analytic(deps, (q) => streetDuty(q, p, scopeOf(user!)))
      await sendXlsx(ctx, `周上街达标-${p.from}至${p.to}.xlsx`, streetDutySheets(data), `street-duty-${p.from}-${p.to}.xlsx`)
      return undefined
    },
  }),
  route({
    method: 'GET',
    path: '/api/exports/volunteers.xlsx',
    summary: 'The volunteer list in the national system’s fields (ID numbers complete for the office only; phones masked)',
    tag: 'exports',
    produces: XLSX_MIME,
    handler: async ({ deps, user, ctx }) => {
      const lines = await volunteerLines(deps, scopeOf(user!))
      const today = chinaToday()
      await sendXlsx(ctx, `志愿者名册-${today}.xlsx`, volunteerSheets(lines), `volunteers-${today}.xlsx`)
      return undefined
    },
  }),
]
