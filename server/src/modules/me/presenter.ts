/** Users as the API shows them: personal data decrypted only to be masked. */
import { type MeUser, type UserRow, maskIdNumber, maskPhone } from '@civic/shared'
import type { DataCipher } from '../../lib/crypto'

export const meInclude = {
  community: { select: { id: true, name: true } },
  unit: { select: { id: true, name: true } },
  organiserRoles: {
    select: { unit: { select: { id: true, name: true } }, community: { select: { id: true, name: true } } },
    orderBy: { id: 'asc' as const },
  },
}

interface UserWithRoles {
  id: number
  realName: string | null
  gender: 'male' | 'female' | null
  birthYear: number | null
  skills: string[]
  phoneEnc: string | null
  idNumberEnc: string | null
  isOffice: boolean
  profileCompletedAt: Date | null
  createdAt: Date
  community: { id: number; name: string } | null
  unit: { id: number; name: string } | null
  organiserRoles: Array<{ unit: { id: number; name: string } | null; community: { id: number; name: string } | null }>
}

function organiserOf(u: UserWithRoles) {
  return u.organiserRoles.map((r) =>
    r.unit ? { kind: 'unit' as const, id: r.unit.id, name: r.unit.name } : { kind: 'community' as const, id: r.community!.id, name: r.community!.name },
  )
}

const reveal = (cipher: DataCipher, sealed: string | null) => (sealed ? cipher.decrypt(sealed) : null)

export function presentMe(u: UserWithRoles, cipher: DataCipher): MeUser {
  return {
    id: u.id,
    realName: u.realName,
    gender: u.gender,
    birthYear: u.birthYear,
    skills: u.skills,
    community: u.community,
    unit: u.unit,
    phone: maskPhone(reveal(cipher, u.phoneEnc)),
    idNumber: maskIdNumber(reveal(cipher, u.idNumberEnc)),
    profileComplete: u.profileCompletedAt != null,
    roles: { volunteer: true, office: u.isOffice, organiserOf: organiserOf(u) },
    createdAt: u.createdAt.toISOString(),
  }
}

export function presentUserRow(u: UserWithRoles, cipher: DataCipher): UserRow {
  return {
    id: u.id,
    realName: u.realName,
    phone: maskPhone(reveal(cipher, u.phoneEnc)),
    community: u.community,
    unit: u.unit,
    office: u.isOffice,
    organiserOf: organiserOf(u),
    createdAt: u.createdAt.toISOString(),
  }
}
