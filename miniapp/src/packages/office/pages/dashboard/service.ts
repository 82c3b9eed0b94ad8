/**
 * The office's figures and their Excel exports (GET /api/stats/*, /api/exports/*). Office only
 * on the server side, except that organisers get their own units' and communities' rows.
 */
import {
  PARTICIPATION_GROUP_LABELS,
  chinaToday,
  type City,
  type Participation,
  type ParticipationGroup,
  type Rankings,
  type RectificationStats,
  type StreetDuty,
  type Weekly,
} from '@civic/shared'
import Taro from '@tarojs/taro'
import { api, download } from '../../../../services/api'
import type { Period } from './period'

export function getCity(p: Period): Promise<City> {
  return api.get<City>('/api/stats/city', { ...p })
}

export function getParticipation(groupBy: ParticipationGroup, p: Period): Promise<Participation> {
  return api.get<Participation>('/api/stats/participation', { groupBy, ...p })
}

/** An organiser's trend names one of their units or communities. */
export interface PeopleFilter {
  kind: 'unit' | 'community'
  id: number
}

export function getWeekly(p: Period, who: PeopleFilter): Promise<Weekly> {
  return api.get<Weekly>('/api/stats/weekly', { ...p, [who.kind === 'unit' ? 'unitId' : 'communityId']: who.id })
}

/** 随手拍 整改 per unit: assigned in the period, on time, overdue, open, on-time rate. */
export function getRectification(p: Period): Promise<RectificationStats> {
  return api.get<RectificationStats>('/api/stats/rectification', { ...p })
}

export function getStreetDuty(p: Period): Promise<StreetDuty> {
  return api.get<StreetDuty>('/api/stats/street-duty', { ...p })
}

export function getRankings(p: Period): Promise<Rankings> {
  return api.get<Rankings>('/api/stats/rankings', { ...p })
}

// ---- exports --------------------------------------------------------------------------------

export type ExportSpec =
  | { kind: 'participation'; groupBy: ParticipationGroup; period: Period }
  | { kind: 'street-duty'; period: Period }
  | { kind: 'rectification'; period: Period }
  | { kind: 'volunteers' }

function query(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
}

/** The API path of an export. */
export function exportPath(spec: ExportSpec): string {
  if (spec.kind === 'participation') return `/api/exports/participation.xlsx?${query({ groupBy: spec.groupBy, ...spec.period })}`
  if (spec.kind === 'street-duty') return `/api/exports/street-duty.xlsx?${query({ ...spec.period })}`
  if (spec.kind === 'rectification') return `/api/exports/rectification.xlsx?${query({ ...spec.period })}`
  return '/api/exports/volunteers.xlsx'
}

/** The file name a browser saves (the same names the server gives). */
export function exportFileName(spec: ExportSpec, today: string = chinaToday()): string {
  if (spec.kind === 'participation') {
    return `参与率-${PARTICIPATION_GROUP_LABELS[spec.groupBy]}-${spec.period.from}至${spec.period.to}.xlsx`
  }
  if (spec.kind === 'street-duty') return `周上街达标-${spec.period.from}至${spec.period.to}.xlsx`
  if (spec.kind === 'rectification') return `整改统计-${spec.period.from}至${spec.period.to}.xlsx`
  return `志愿者名册-${today}.xlsx`
}

/**
 * Downloads an export with the session's token. H5: saved by the browser (blob → <a download>);
 * weapp: the temporary file opened with openDocument (its menu forwards or saves it).
 */
export async function openExport(spec: ExportSpec): Promise<void> {
  const local = await download(exportPath(spec))
  if (process.env.TARO_ENV === 'h5') {
    saveInBrowser(local, exportFileName(spec))
    return
  }
  await Taro.openDocument({ filePath: local, fileType: 'xlsx', showMenu: true })
}

function saveInBrowser(blobUrl: string, name: string): void {
  const a = document.createElement('a')
  a.href = blobUrl
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // the browser has taken the file once the click has been handled
  setTimeout(() => URL.revokeObjectURL(blobUrl), 30_000)
}
