/** Activity types and their points rules (office). */
import type { ActivityType, ActivityTypeBody, ActivityTypePatch } from '@civic/shared'
import type { z } from 'zod'
import type { Deps } from '../../deps'
import { isUniqueViolation } from '../../http/db-errors'
import { AppError } from '../../http/errors'
import { presentType } from './presenter'

export async function listTypes(deps: Deps): Promise<ActivityType[]> {
  return (await deps.prisma.activityType.findMany({ orderBy: { id: 'asc' } })).map(presentType)
}

export async function createType(deps: Deps, body: z.output<typeof ActivityTypeBody>): Promise<ActivityType> {
  try {
    return presentType(await deps.prisma.activityType.create({ data: body }))
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('activity_type_name_taken')
    throw err
  }
}

export async function updateType(deps: Deps, id: number, body: z.output<typeof ActivityTypePatch>): Promise<ActivityType> {
  try {
    const { count } = await deps.prisma.activityType.updateMany({ where: { id }, data: body })
    if (count === 0) throw new AppError('activity_type_not_found')
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('activity_type_name_taken')
    throw err
  }
  return presentType(await deps.prisma.activityType.findUniqueOrThrow({ where: { id } }))
}
