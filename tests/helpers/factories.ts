/** Rows for tests: each test builds what it needs. */
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '../../server/src/generated/prisma/client'
import { testCipher } from './db'

const uniq = () => randomBytes(4).toString('hex')

export async function makeCommunity(prisma: PrismaClient, data: { name?: string; residentPopulation?: number | null } = {}) {
  return prisma.community.create({
    data: { name: data.name ?? `测试社区${uniq()}`, district: '清河区', residentPopulation: data.residentPopulation ?? null },
  })
}

export async function makeUnit(prisma: PrismaClient, data: { name?: string; headcount?: number } = {}) {
  return prisma.unit.create({ data: { name: data.name ?? `测试单位${uniq()}`, kind: '党政机关', headcount: data.headcount ?? 50 } })
}

export interface UserSpec {
  openid?: string
  realName?: string
  office?: boolean
  communityId?: number
  unitId?: number
  organiserOfUnit?: number
  organiserOfCommunity?: number
  phone?: string
  idNumber?: string
  profile?: boolean
}

export async function makeUser(prisma: PrismaClient, spec: UserSpec = {}) {
  const user = await prisma.user.create({
    data: {
      openid: spec.openid ?? `test-${uniq()}`,
      realName: spec.realName ?? (spec.profile === false ? null : '张三'),
      gender: spec.profile === false ? null : 'male',
      birthYear: spec.profile === false ? null : 1990,
      isOffice: spec.office ?? false,
      communityId: spec.communityId ?? null,
      unitId: spec.unitId ?? null,
      profileCompletedAt: spec.profile === false ? null : new Date(),
      ...(spec.phone ? { phoneEnc: testCipher.encrypt(spec.phone), phoneHash: testCipher.hash(spec.phone) } : {}),
      ...(spec.idNumber
        ? { idNumberEnc: testCipher.encrypt(spec.idNumber), idNumberHash: testCipher.hash(spec.idNumber), idConsentAt: new Date() }
        : {}),
    },
  })
  if (spec.organiserOfUnit) await prisma.organiserRole.create({ data: { userId: user.id, unitId: spec.organiserOfUnit } })
  if (spec.organiserOfCommunity) {
    await prisma.organiserRole.create({ data: { userId: user.id, communityId: spec.organiserOfCommunity } })
  }
  return user
}
