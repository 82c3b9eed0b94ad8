/**
 * The office's figures. The office sees every row; an organiser sees the rows of the units and
 * communities they organise (filtered in the queries); volunteers are refused by the policy.
 */
import { City, Participation, ParticipationQuery, Rankings, StatsPeriodQuery, StreetDuty, Weekly, WeeklyQuery } from '@civic/shared'
import type { SessionUser } from '../../auth/roles'
import { AppError } from '../../http/errors'
import { route } from '../../http/route'
import { participation } from './participation'
import { periodOf } from './period'
import { rankList, rankings } from './rankings'
import { rectificationStats } from '../reports/stats'
import { scopeOf } from './scope'
import { analytic } from './sql'
import { streetDuty } from './street-duty'
import { city, weekly } from './weekly'

/** An organiser's trend must name a unit or community of theirs. */
function checkPeopleFilter(user: SessionUser, q: { communityId?: number; unitId?: number }) {
  if (user.isOffice) return
  if (q.communityId == null && q.unitId == null) throw new AppError('stats_scope_required')
  if (q.communityId != null && !user.organiserCommunityIds.includes(q.communityId)) throw new AppError('forbidden')
  if (q.unitId != null && !user.organiserUnitIds.includes(q.unitId)) throw new AppError('forbidden')
}

export const statsRoutes = [
  route({
    method: 'GET',
    path: '/api/stats/participation',
    summary: 'Participation by community (residents), unit (staff) or pairing (包联) for a period (China dates, inclusive)',
    tag: 'stats',
    query: ParticipationQuery,
    response: Participation,
    handler: ({ deps, user, query }) => {
      const p = periodOf(query.from, query.to)
      return analytic(deps, (q) => participation(q, query.groupBy, p, scopeOf(user!)))
    },
  }),
  route({
    method: 'GET',
    path: '/api/stats/weekly',
    summary: 'One row per ISO week (China time) of the period, empty weeks included; for a community’s residents, a unit’s staff, or (office) everyone',
    tag: 'stats',
    query: WeeklyQuery,
    response: Weekly,
    handler: async ({ deps, user, query }) => {
      const p = periodOf(query.from, query.to)
      checkPeopleFilter(user!, query)
      return { from: p.from, to: p.to, rows: await analytic(deps, (q) => weekly(q, p, query)) }
    },
  }),
  route({
    method: 'GET',
    path: '/api/stats/street-duty',
    summary: '周上街 compliance per unit and week: staff on duty against the required headcount; the units that missed the latest complete week',
    tag: 'stats',
    query: StatsPeriodQuery,
    response: StreetDuty,
    handler: ({ deps, user, query }) => {
      const p = periodOf(query.from, query.to)
      return analytic(deps, (q) => streetDuty(q, p, scopeOf(user!)))
    },
  }),
  route({
    method: 'GET',
    path: '/api/stats/city',
    summary: 'The city: registered volunteers, the share who served, hours per capita, the weekly trend',
    tag: 'stats',
    query: StatsPeriodQuery,
    response: City,
    handler: ({ deps, query }) => {
      const p = periodOf(query.from, query.to)
      return analytic(deps, (q) => city(q, p))
    },
  }),
  route({
    method: 'GET',
    path: '/api/stats/rankings',
    summary: '红黑榜: units by participation rate and by 周上街 compliance, communities by participation rate (top and bottom 10)',
    tag: 'stats',
    query: StatsPeriodQuery,
    response: Rankings,
    handler: async ({ deps, query, user }) => {
      const p = periodOf(query.from, query.to)
      const board = await analytic(deps, (q) => rankings(q, p))
      // the office's route: every unit's on-time rectification (随手拍 整改)
      const rectification = await rectificationStats(deps, user!, query.from, query.to)
      return {
        ...board,
        unitsByOnTimeRectification: rankList(rectification.items.map((r) => ({ id: r.unit.id, name: r.unit.name, value: r.onTimeRate }))),
      }
    },
  }),
]
