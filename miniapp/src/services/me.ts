import type { DirectoryOptions, MeResponse, MeUser, ProfileBody } from '@civic/shared'
import type { z } from 'zod'
import { api } from './api'

type MeAnswer = z.infer<typeof MeResponse>

export async function getMe(): Promise<MeUser> {
  return (await api.get<MeAnswer>('/api/me')).user
}

export async function saveProfile(body: ProfileBody): Promise<MeUser> {
  return (await api.put<MeAnswer>('/api/me/profile', body)).user
}

/** weapp: the single-use code from `<Button openType="getPhoneNumber">`. */
export async function bindPhone(code: string): Promise<MeUser> {
  return (await api.post<MeAnswer>('/api/me/phone', { code })).user
}

/** Redeems an organiser invitation code. */
export async function redeemOrganiserCode(code: string): Promise<MeUser> {
  return (await api.post<MeAnswer>('/api/me/organiser', { code })).user
}

/** Community and unit names for the profile pickers (any logged-in user). */
export function getDirectoryOptions(): Promise<DirectoryOptions> {
  return api.get<DirectoryOptions>('/api/directory')
}
