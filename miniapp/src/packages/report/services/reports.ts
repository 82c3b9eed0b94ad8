/** 随手拍 and 整改 calls of the report and office subpackages (listing lives with the tab). */
import type {
  CategoryList,
  ReportList,
  ReportListQuery,
  CategoryView,
  RectifyBody,
  ReportCreateBody,
  ReportView,
  TriageBody,
  UploadResult,
  VerifyBody,
} from '@civic/shared'
import type { z } from 'zod'
import { API_BASE, api, upload } from '../../../services/api'

type Ids = 'page' | 'pageSize' | 'unitId' | 'communityId' | 'categoryId'
/** ReportListQuery with numbers where the server coerces them. */
export type ReportQuery = Omit<ReportListQuery, Ids> & Partial<Record<Ids, number>>

/** 我的上报 (mine), a unit's queue, the office's queues. */
export function listReports(query: ReportQuery): Promise<ReportList> {
  return api.get<ReportList>('/api/reports', { ...query })
}

/** Photo links are signed by the server; local storage answers them relative to the API. */
export function fileUrl(url: string): string {
  return url.startsWith('/') ? `${API_BASE}${url}` : url
}

export async function listCategories(): Promise<CategoryView[]> {
  return (await api.get<z.infer<typeof CategoryList>>('/api/categories')).items
}

/** One photo, multipart; `onProgress` gets 0–100. */
export function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadResult> {
  return upload<UploadResult>('/api/uploads', filePath, onProgress)
}

export function getReport(id: number): Promise<ReportView> {
  return api.get<ReportView>(`/api/reports/${id}`)
}

export function createReport(body: ReportCreateBody): Promise<ReportView> {
  return api.post<ReportView>('/api/reports', body)
}

export function triageReport(id: number, body: TriageBody): Promise<ReportView> {
  return api.post<ReportView>(`/api/reports/${id}/triage`, body)
}

export function acceptReport(id: number): Promise<ReportView> {
  return api.post<ReportView>(`/api/reports/${id}/accept`)
}

export function rectifyReport(id: number, body: RectifyBody): Promise<ReportView> {
  return api.post<ReportView>(`/api/reports/${id}/rectify`, body)
}

export function verifyReport(id: number, body: VerifyBody): Promise<ReportView> {
  return api.post<ReportView>(`/api/reports/${id}/verify`, body)
}
