/** The office's view of people: search, organiser invitations, office grants. */
import type { Invitation, UserRow } from '@civic/shared'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { randomCode } from '../../lib/crypto'
import { isUniqueViolation } from '../../http/db-errors'
import { meInclude, presentUserRow } from '../me/presenter'

export async function listUsers(deps: Deps, q: { q?: string; page: number; pageSize: number }) {
  const where = q.q ? { realName: { contains: q.q } } : {}
  const [rows, total] = await Promise.all([
    deps.prisma.user.findMany({
      where,
      include: meInclude,
      orderBy: { id: 'asc' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    deps.prisma.user.count({ where }),
  ])
  return { items: rows.map((u) => presentUserRow(u, deps.cipher)), total }
}

export async function setOffice(deps: Deps, userId: number, isOffice: boolean): Promise<UserRow> {
  const { count } = await deps.prisma.user.updateMany({ where: { id: userId }, data: { isOffice } })
  if (count === 0) throw new AppError('user_not_found')
  const u = await deps.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: meInclude })
  return presentUserRow(u, deps.cipher)
}

export async function liftSuspension(deps: Deps, userId: number): Promise<UserRow> {
  const { count } = await deps.prisma.user.updateMany({ where: { id: userId }, data: { suspensionLiftedAt: new Date() } })
  if (count === 0) throw new AppError('user_not_found')
  const u = await deps.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: meInclude })
  return presentUserRow(u, deps.cipher)
}

export async function createInvitation(
  deps: Deps,
  createdById: number,
  input: { unitId?: number; communityId?: number; expiresInHours: number },
): Promise<Invitation> {
  const target = input.unitId
    ? await deps.prisma.unit.findUnique({ where: { id: input.unitId }, select: { id: true, name: true } })
    : await deps.prisma.community.findUnique({ where: { id: input.communityId! }, select: { id: true, name: true } })
  if (!target) throw new AppError(input.unitId ? 'unit_not_found' : 'community_not_found')
  const expiresAt = new Date(Date.now() + input.expiresInHours * 3_600_000)
  for (let attempt = 0; ; attempt++) {
    const code = randomCode(8)
    try {
      await deps.prisma.organiserInvitation.create({
        data: { code, unitId: input.unitId ?? null, communityId: input.communityId ?? null, createdById, expiresAt },
      })
      return {
        code,
        target: { kind: input.unitId ? 'unit' : 'community', id: target.id, name: target.name },
        expiresAt: expiresAt.toISOString(),
      }
    } catch (err) {
      // 31^8 codes: a collision is rare; try again a few times
      if (!isUniqueViolation(err) || attempt >= 4) throw err
    }
  }
}
