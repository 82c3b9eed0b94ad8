/** Office only: communities, units, pairings and organiser invitations. */
import type {
  Community,
  CommunityBody,
  CommunityList,
  Invitation,
  InvitationBody,
  Pairing,
  PairingList,
  Unit,
  UnitBody,
  UnitList,
} from '@civic/shared'
import type { z } from 'zod'
import { api } from './api'

export async function listCommunities(): Promise<Community[]> {
  return (await api.get<z.infer<typeof CommunityList>>('/api/communities')).items
}
export function createCommunity(body: CommunityBody): Promise<Community> {
  return api.post<Community>('/api/communities', body)
}
export function updateCommunity(id: number, body: Partial<CommunityBody>): Promise<Community> {
  return api.patch<Community>(`/api/communities/${id}`, body)
}

export async function listUnits(): Promise<Unit[]> {
  return (await api.get<z.infer<typeof UnitList>>('/api/units')).items
}
export function createUnit(body: UnitBody): Promise<Unit> {
  return api.post<Unit>('/api/units', body)
}
export function updateUnit(id: number, body: Partial<UnitBody>): Promise<Unit> {
  return api.patch<Unit>(`/api/units/${id}`, body)
}

export interface PairingFilter {
  unitId?: number
  communityId?: number
}
export async function listPairings(filter: PairingFilter = {}): Promise<Pairing[]> {
  return (await api.get<z.infer<typeof PairingList>>('/api/pairings', { ...filter })).items
}
export function createPairing(unitId: number, communityId: number): Promise<Pairing> {
  return api.post<Pairing>('/api/pairings', { unitId, communityId })
}
export function deletePairing(id: number): Promise<{ ok: true }> {
  return api.del<{ ok: true }>(`/api/pairings/${id}`)
}

/** One of unitId / communityId, and how long the code stays valid. */
export function createInvitation(body: z.input<typeof InvitationBody>): Promise<Invitation> {
  return api.post<Invitation>('/api/organiser-invitations', body)
}
