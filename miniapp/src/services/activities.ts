/** Browsing activities, signing up, and the user's notices (volunteer side; main package). */
import type { Activity, ActivityList, ActivityType, ActivityTypeList, NoticeList, SignupResult } from '@civic/shared'
import type { z } from 'zod'
import { api } from './api'

export type ActivityPage = z.infer<typeof ActivityList>
export type Notices = z.infer<typeof NoticeList>

/** The query of GET /api/activities (see ActivityQuery in @civic/shared). */
export interface ActivityFilter {
  communityId?: number
  typeId?: number
  /** inclusive China dates, YYYY-MM-DD */
  from?: string
  to?: string
  status?: 'upcoming' | 'past' | 'cancelled' | 'all'
  /** `lat,lng`: nearest first */
  near?: string
  mine?: 'organised' | 'signed_up'
  page?: number
  pageSize?: number
}

export function listActivities(filter: ActivityFilter = {}): Promise<ActivityPage> {
  return api.get<ActivityPage>('/api/activities', { ...filter })
}

export function getActivity(id: number): Promise<Activity> {
  return api.get<Activity>(`/api/activities/${id}`)
}

export async function listActivityTypes(): Promise<ActivityType[]> {
  return (await api.get<z.infer<typeof ActivityTypeList>>('/api/activity-types')).items
}

/** Confirmed, or waitlisted with a position when the activity is full. */
export function signUp(activityId: number): Promise<SignupResult> {
  return api.post<SignupResult>(`/api/activities/${activityId}/signups`)
}

export function cancelSignup(activityId: number): Promise<{ ok: true }> {
  return api.del<{ ok: true }>(`/api/activities/${activityId}/signups/me`)
}

export function listNotices(): Promise<Notices> {
  return api.get<Notices>('/api/me/notices')
}

export function markNoticesRead(): Promise<{ ok: true }> {
  return api.post<{ ok: true }>('/api/me/notices/read')
}
