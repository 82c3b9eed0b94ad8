/** Organisers only (used by the organiser subpackage): publish, edit, cancel, roster, weekly schedules. */
import type { Activity, ActivityBody, ActivityPatch, Roster, Schedule, ScheduleBody, ScheduleCreated, ScheduleList } from '@civic/shared'
import type { z } from 'zod'
import { api } from './api'

export function publishActivity(body: ActivityBody): Promise<Activity> {
  return api.post<Activity>('/api/activities', body)
}

export function updateActivity(id: number, patch: ActivityPatch): Promise<Activity> {
  return api.patch<Activity>(`/api/activities/${id}`, patch)
}

export function cancelActivity(id: number, reason: string): Promise<Activity> {
  return api.post<Activity>(`/api/activities/${id}/cancel`, { reason })
}

export function getRoster(id: number): Promise<Roster> {
  return api.get<Roster>(`/api/activities/${id}/roster`)
}

export async function listSchedules(unitId: number): Promise<Schedule[]> {
  return (await api.get<z.infer<typeof ScheduleList>>('/api/schedules', { unitId })).items
}

export function createSchedule(body: ScheduleBody): Promise<z.infer<typeof ScheduleCreated>> {
  return api.post<z.infer<typeof ScheduleCreated>>('/api/schedules', body)
}

export function deleteSchedule(id: number): Promise<{ cancelled: number }> {
  return api.del<{ cancelled: number }>(`/api/schedules/${id}`)
}
