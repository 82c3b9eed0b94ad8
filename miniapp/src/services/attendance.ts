/** 签到/签退, hours, points, star level, service records (attendance API). */
import type {
  AttendanceView,
  CheckinMode,
  CheckinToken,
  PointsView,
  ScanResult,
  ServiceRecord,
  Summary,
} from '@civic/shared'
import { api } from './api'
import { currentPosition } from './location'

export interface AttendancePage {
  items: AttendanceView[]
  total: number
}

export interface Certificate {
  number: string
  issuedAt: string
  record: ServiceRecord
  html: string
}

export type ScanTarget = { token: string } | { activityKey: string; mode: CheckinMode }

/** POST /api/attendance/scan with the device's position. */
export async function scanAttendance(target: ScanTarget): Promise<ScanResult> {
  const p = await currentPosition()
  return api.post<ScanResult>('/api/attendance/scan', { ...target, latitude: p.latitude, longitude: p.longitude })
}

export function getCheckinToken(activityId: number, mode: CheckinMode): Promise<CheckinToken> {
  return api.get<CheckinToken>(`/api/activities/${activityId}/checkin-token`, { mode })
}

export function listActivityAttendance(activityId: number): Promise<{ items: AttendanceView[] }> {
  return api.get<{ items: AttendanceView[] }>(`/api/activities/${activityId}/attendance`)
}

export function recordManualAttendance(
  activityId: number,
  body: { userId: number; checkInAt: string; checkOutAt?: string | null; reason: string },
): Promise<AttendanceView> {
  return api.post<AttendanceView>(`/api/activities/${activityId}/attendance`, body)
}

export function listPendingAttendance(): Promise<{ items: AttendanceView[] }> {
  return api.get<{ items: AttendanceView[] }>('/api/attendance/pending')
}

export function approveAttendance(id: number): Promise<AttendanceView> {
  return api.post<AttendanceView>(`/api/attendance/${id}/approve`)
}

export function rejectAttendance(id: number, reason?: string): Promise<AttendanceView> {
  return api.post<AttendanceView>(`/api/attendance/${id}/reject`, reason ? { reason } : {})
}

export function markNoShows(activityId: number): Promise<{ marked: number }> {
  return api.post<{ marked: number }>(`/api/activities/${activityId}/no-shows`)
}

export function getSummary(): Promise<Summary> {
  return api.get<Summary>('/api/me/summary')
}

export function listMyAttendance(page = 1): Promise<AttendancePage> {
  return api.get<AttendancePage>('/api/me/attendance', { page })
}

export function listMyPoints(page = 1): Promise<PointsView> {
  return api.get<PointsView>('/api/me/points', { page })
}

export function issueCertificate(range: { from?: string; to?: string } = {}): Promise<Certificate> {
  return api.post<Certificate>('/api/me/certificates', range)
}
