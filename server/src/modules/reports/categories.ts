/** Report categories (乱停乱放, 占道经营 …): everyone reads the active ones; the office manages them. */
import type { CategoryBody, CategoryPatch, CategoryView } from '@civic/shared'
import type { z } from 'zod'
import type { SessionUser } from '../../auth/roles'
import type { Deps } from '../../deps'
import { isUniqueViolation } from '../../http/db-errors'
import { AppError } from '../../http/errors'

const present = (c: CategoryView): CategoryView => ({
  id: c.id,
  name: c.name,
  deadlineDays: c.deadlineDays,
  sortOrder: c.sortOrder,
  active: c.active,
})

/** Active categories in display order; the office may ask for all (`all=1`). */
export async function listCategories(deps: Deps, user: SessionUser, all: boolean): Promise<CategoryView[]> {
  const rows = await deps.prisma.reportCategory.findMany({
    where: all && user.isOffice ? {} : { active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
  })
  return rows.map(present)
}

export async function createCategory(deps: Deps, body: z.output<typeof CategoryBody>): Promise<CategoryView> {
  try {
    return present(await deps.prisma.reportCategory.create({ data: body }))
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('category_name_taken')
    throw err
  }
}

/** Rename, change the default deadline or the order, deactivate or reactivate (no deletion: reports keep their category). */
export async function updateCategory(deps: Deps, id: number, body: z.output<typeof CategoryPatch>): Promise<CategoryView> {
  try {
    const { count } = await deps.prisma.reportCategory.updateMany({ where: { id }, data: body })
    if (count === 0) throw new AppError('category_not_found')
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('category_name_taken')
    throw err
  }
  return present(await deps.prisma.reportCategory.findUniqueOrThrow({ where: { id } }))
}
