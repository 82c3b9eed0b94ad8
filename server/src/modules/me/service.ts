import type { MeUser, ProfileBody } from '@civic/shared'
import type { z } from 'zod'
import type { Deps } from '../../deps'
import { isUniqueViolation } from '../../http/db-errors'
import { AppError } from '../../http/errors'
import { meInclude, presentMe } from './presenter'

type Profile = z.output<typeof ProfileBody>

export async function getMe(deps: Deps, userId: number): Promise<MeUser> {
  const user = await deps.prisma.user.findUnique({ where: { id: userId }, include: meInclude })
  if (!user) throw new AppError('user_not_found')
  return presentMe(user, deps.cipher)
}

export async function updateProfile(deps: Deps, userId: number, p: Profile): Promise<MeUser> {
  const [community, unit] = await Promise.all([
    p.communityId != null ? deps.prisma.community.findUnique({ where: { id: p.communityId }, select: { id: true } }) : null,
    p.unitId != null ? deps.prisma.unit.findUnique({ where: { id: p.unitId }, select: { id: true } }) : null,
  ])
  if (p.communityId != null && !community) throw new AppError('community_not_found')
  if (p.unitId != null && !unit) throw new AppError('unit_not_found')

  const idData =
    p.idNumber === undefined
      ? {}
      : p.idNumber === null
        ? { idNumberEnc: null, idNumberHash: null, idConsentAt: null }
        : { idNumberEnc: deps.cipher.encrypt(p.idNumber), idNumberHash: deps.cipher.hash(p.idNumber), idConsentAt: new Date() }

  const user = await deps.prisma.user.update({
    where: { id: userId },
    data: {
      realName: p.realName,
      gender: p.gender,
      birthYear: p.birthYear,
      skills: p.skills,
      communityId: p.communityId ?? null,
      unitId: p.unitId ?? null,
      ...idData,
      profileCompletedAt: new Date(),
    },
    include: meInclude,
  })
  return presentMe(user, deps.cipher)
}

/** getPhoneNumber button code → WeChat → the number, stored encrypted. */
export async function bindPhone(deps: Deps, userId: number, code: string): Promise<MeUser> {
  const info = await deps.wechat.getPhoneNumber(code)
  const phone = info.purePhoneNumber || info.phoneNumber
  const user = await deps.prisma.user.update({
    where: { id: userId },
    data: { phoneEnc: deps.cipher.encrypt(phone), phoneHash: deps.cipher.hash(phone) },
    include: meInclude,
  })
  return presentMe(user, deps.cipher)
}

/**
 * Redeems a single-use organiser invitation. The conditional update consumes the code only if
 * it is unused and unexpired; the role is created in the same transaction.
 */
export async function redeemInvitation(deps: Deps, userId: number, code: string): Promise<MeUser> {
  const now = new Date()
  try {
    await deps.prisma.$transaction(async (tx) => {
      const consumed = await tx.organiserInvitation.updateMany({
        where: { code, redeemedAt: null, expiresAt: { gt: now } },
        data: { redeemedById: userId, redeemedAt: now },
      })
      if (consumed.count === 0) {
        const inv = await tx.organiserInvitation.findUnique({ where: { code }, select: { redeemedAt: true } })
        if (!inv) throw new AppError('invitation_invalid')
        throw new AppError(inv.redeemedAt ? 'invitation_used' : 'invitation_expired')
      }
      const inv = await tx.organiserInvitation.findUniqueOrThrow({
        where: { code },
        select: { unitId: true, communityId: true, createdById: true },
      })
      await tx.organiserRole.create({
        data: { userId, unitId: inv.unitId, communityId: inv.communityId, grantedById: inv.createdById },
      })
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('already_organiser')
    throw err
  }
  return getMe(deps, userId)
}
