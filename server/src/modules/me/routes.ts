import { MeResponse, PhoneBody, ProfileBody, RedeemBody } from '@civic/shared'
import { route } from '../../http/route'
import { bindPhone, getMe, redeemInvitation, updateProfile } from './service'

export const meRoutes = [
  route({
    method: 'GET',
    path: '/api/me',
    summary: 'The caller, with roles; phone and ID number masked',
    tag: 'me',
    response: MeResponse,
    handler: async ({ user, deps }) => ({ user: await getMe(deps, user!.id) }),
  }),
  route({
    method: 'PUT',
    path: '/api/me/profile',
    summary: 'Fill or edit the profile (resident of a community and/or staff of a unit)',
    tag: 'me',
    body: ProfileBody,
    response: MeResponse,
    handler: async ({ user, body, deps }) => ({ user: await updateProfile(deps, user!.id, body) }),
  }),
  route({
    method: 'POST',
    path: '/api/me/phone',
    summary: 'Bind the phone number from a getPhoneNumber button code (exchanged at WeChat)',
    tag: 'me',
    body: PhoneBody,
    response: MeResponse,
    handler: async ({ user, body, deps }) => ({ user: await bindPhone(deps, user!.id, body.code) }),
  }),
  route({
    method: 'POST',
    path: '/api/me/organiser',
    summary: 'Become an organiser by redeeming a single-use invitation code',
    tag: 'me',
    body: RedeemBody,
    response: MeResponse,
    handler: async ({ user, body, deps }) => ({ user: await redeemInvitation(deps, user!.id, body.code) }),
  }),
]
