import { IdParams, Invitation, InvitationBody, UserList, UserQuery, UserRow } from '@civic/shared'
import { z } from 'zod'
import { route } from '../../http/route'
import { createInvitation, liftSuspension, listUsers, setOffice } from './service'

const UserResponse = z.object({ user: UserRow })

export const userRoutes = [
  route({
    method: 'GET',
    path: '/api/users',
    summary: 'Registered people (phone masked), searchable by name',
    tag: 'users',
    query: UserQuery,
    response: UserList,
    handler: ({ deps, query }) => listUsers(deps, query),
  }),
  route({
    method: 'POST',
    path: '/api/users/:id/office',
    summary: 'Grant the office role',
    tag: 'users',
    params: IdParams,
    response: UserResponse,
    handler: async ({ deps, params }) => ({ user: await setOffice(deps, params.id, true) }),
  }),
  route({
    method: 'DELETE',
    path: '/api/users/:id/office',
    summary: 'Revoke the office role',
    tag: 'users',
    params: IdParams,
    response: UserResponse,
    handler: async ({ deps, params }) => ({ user: await setOffice(deps, params.id, false) }),
  }),
  route({
    method: 'POST',
    path: '/api/users/:id/lift-suspension',
    summary: 'Lift a sign-up suspension: earlier no-shows stop counting',
    tag: 'users',
    params: IdParams,
    response: UserResponse,
    handler: async ({ deps, params }) => ({ user: await liftSuspension(deps, params.id) }),
  }),
  route({
    method: 'POST',
    path: '/api/organiser-invitations',
    summary: 'Create a single-use, expiring organiser invitation code for a unit or community',
    tag: 'users',
    body: InvitationBody,
    response: Invitation,
    status: 201,
    handler: ({ deps, user, body }) => createInvitation(deps, user!.id, body),
  }),
]
