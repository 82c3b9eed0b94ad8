/** The activity a printed check-in code names (the code's `scene` is the activity's short key). */
import type { Activity } from '@civic/shared'
import { api } from '../../services/api'

export function getActivityByKey(key: string): Promise<Activity> {
  return api.get<Activity>(`/api/activities/by-key/${encodeURIComponent(key)}`)
}
