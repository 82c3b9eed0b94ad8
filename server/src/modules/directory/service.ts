/** The organisation directory: communities, units and their pairings (包联). Office only. */
import type { Community, CommunityBody, DirectoryOptions, Pairing, Unit, UnitBody } from '@civic/shared'
import type { z } from 'zod'
import type { Deps } from '../../deps'
import { isUniqueViolation } from '../../http/db-errors'
import { AppError } from '../../http/errors'

type CommunityInput = z.output<typeof CommunityBody>
type UnitInput = z.output<typeof UnitBody>

const communityInclude = {
  _count: { select: { residents: true } },
  pairings: { select: { unit: { select: { id: true, name: true } } }, orderBy: { unitId: 'asc' as const } },
}
const unitInclude = {
  _count: { select: { staff: true } },
  pairings: { select: { community: { select: { id: true, name: true } } }, orderBy: { communityId: 'asc' as const } },
}

type CommunityRow = {
  id: number
  name: string
  street: string | null
  district: string | null
  residentPopulation: number | null
  _count: { residents: number }
  pairings: Array<{ unit: { id: number; name: string } }>
}
type UnitRow = {
  id: number
  name: string
  kind: string
  headcount: number
  _count: { staff: number }
  pairings: Array<{ community: { id: number; name: string } }>
}

const presentCommunity = (c: CommunityRow): Community => ({
  id: c.id,
  name: c.name,
  street: c.street,
  district: c.district,
  residentPopulation: c.residentPopulation,
  registeredResidents: c._count.residents,
  pairedUnits: c.pairings.map((p) => p.unit),
})

const presentUnit = (u: UnitRow): Unit => ({
  id: u.id,
  name: u.name,
  kind: u.kind as Unit['kind'],
  headcount: u.headcount,
  registeredStaff: u._count.staff,
  pairedCommunities: u.pairings.map((p) => p.community),
})

export async function listCommunities(deps: Deps): Promise<Community[]> {
  const rows = await deps.prisma.community.findMany({ include: communityInclude, orderBy: { id: 'asc' } })
  return rows.map(presentCommunity)
}

export async function createCommunity(deps: Deps, input: CommunityInput): Promise<Community> {
  try {
    const row = await deps.prisma.community.create({
      data: {
        name: input.name,
        street: input.street ?? null,
        district: input.district ?? null,
        residentPopulation: input.residentPopulation ?? null,
      },
      include: communityInclude,
    })
    return presentCommunity(row)
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('community_name_taken')
    throw err
  }
}

export async function updateCommunity(deps: Deps, id: number, input: Partial<CommunityInput>): Promise<Community> {
  try {
    const { count } = await deps.prisma.community.updateMany({ where: { id }, data: input })
    if (count === 0) throw new AppError('community_not_found')
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('community_name_taken')
    throw err
  }
  return presentCommunity(await deps.prisma.community.findUniqueOrThrow({ where: { id }, include: communityInclude }))
}

export async function listUnits(deps: Deps): Promise<Unit[]> {
  const rows = await deps.prisma.unit.findMany({ include: unitInclude, orderBy: { id: 'asc' } })
  return rows.map(presentUnit)
}

export async function createUnit(deps: Deps, input: UnitInput): Promise<Unit> {
  try {
    return presentUnit(await deps.prisma.unit.create({ data: input, include: unitInclude }))
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('unit_name_taken')
    throw err
  }
}

export async function updateUnit(deps: Deps, id: number, input: Partial<UnitInput>): Promise<Unit> {
  try {
    const { count } = await deps.prisma.unit.updateMany({ where: { id }, data: input })
    if (count === 0) throw new AppError('unit_not_found')
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('unit_name_taken')
    throw err
  }
  return presentUnit(await deps.prisma.unit.findUniqueOrThrow({ where: { id }, include: unitInclude }))
}

const pairingInclude = {
  unit: { select: { id: true, name: true } },
  community: { select: { id: true, name: true } },
}
type PairingRow = { id: number; createdAt: Date; unit: { id: number; name: string }; community: { id: number; name: string } }
const presentPairing = (p: PairingRow): Pairing => ({
  id: p.id,
  unit: p.unit,
  community: p.community,
  createdAt: p.createdAt.toISOString(),
})

export async function listPairings(deps: Deps, filter: { unitId?: number; communityId?: number }): Promise<Pairing[]> {
  const rows = await deps.prisma.pairing.findMany({
    where: { unitId: filter.unitId, communityId: filter.communityId },
    include: pairingInclude,
    orderBy: [{ unitId: 'asc' }, { communityId: 'asc' }],
  })
  return rows.map(presentPairing)
}

export async function createPairing(deps: Deps, unitId: number, communityId: number): Promise<Pairing> {
  const [unit, community] = await Promise.all([
    deps.prisma.unit.findUnique({ where: { id: unitId }, select: { id: true } }),
    deps.prisma.community.findUnique({ where: { id: communityId }, select: { id: true } }),
  ])
  if (!unit) throw new AppError('unit_not_found')
  if (!community) throw new AppError('community_not_found')
  try {
    return presentPairing(await deps.prisma.pairing.create({ data: { unitId, communityId }, include: pairingInclude }))
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('pairing_exists')
    throw err
  }
}

export async function deletePairing(deps: Deps, id: number): Promise<void> {
  const { count } = await deps.prisma.pairing.deleteMany({ where: { id } })
  if (count === 0) throw new AppError('pairing_not_found')
}

export async function directoryOptions(deps: Deps): Promise<DirectoryOptions> {
  const [communities, units] = await Promise.all([
    deps.prisma.community.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    deps.prisma.unit.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
  ])
  return { communities, units }
}
