import { z } from 'zod'
import { PageQuery, Ref, optionalText, text } from './common'

export const CommunityBody = z.object({
  name: text(50, '社区名称'),
  street: optionalText(50, '街道'),
  district: optionalText(50, '区县'),
  residentPopulation: z
    .number({ error: '常住人口必须是数字' })
    .int({ error: '常住人口必须是整数' })
    .min(0, { error: '常住人口不能为负数' })
    .max(10_000_000, { error: '常住人口过大' })
    .nullable()
    .optional(),
})
export const CommunityPatch = CommunityBody.partial().refine((b) => Object.keys(b).length > 0, {
  error: '没有需要修改的内容',
})
export type CommunityBody = z.input<typeof CommunityBody>

export const Community = z.object({
  id: z.number().int(),
  name: z.string(),
  street: z.string().nullable(),
  district: z.string().nullable(),
  residentPopulation: z.number().int().nullable(),
  registeredResidents: z.number().int(),
  pairedUnits: z.array(Ref),
})
export type Community = z.infer<typeof Community>
export const CommunityList = z.object({ items: z.array(Community) })

export const UNIT_KINDS = ['党政机关', '事业单位', '国有企业', '群团组织', '驻区单位', '其他'] as const
export const UnitKind = z.enum(UNIT_KINDS, { error: '请选择单位类型' })

export const UnitBody = z.object({
  name: text(50, '单位名称'),
  kind: UnitKind,
  headcount: z
    .number({ error: '在编人数必须是数字' })
    .int({ error: '在编人数必须是整数' })
    .min(0, { error: '在编人数不能为负数' })
    .max(1_000_000, { error: '在编人数过大' }),
})
export const UnitPatch = UnitBody.partial().refine((b) => Object.keys(b).length > 0, {
  error: '没有需要修改的内容',
})
export type UnitBody = z.input<typeof UnitBody>

export const Unit = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: UnitKind,
  headcount: z.number().int(),
  registeredStaff: z.number().int(),
  pairedCommunities: z.array(Ref),
})
export type Unit = z.infer<typeof Unit>
export const UnitList = z.object({ items: z.array(Unit) })

export const PairingBody = z.object({
  unitId: z.number({ error: '请选择单位' }).int().positive(),
  communityId: z.number({ error: '请选择社区' }).int().positive(),
})
export const PairingQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
})
export const Pairing = z.object({
  id: z.number().int(),
  unit: Ref,
  community: Ref,
  createdAt: z.string(),
})
export type Pairing = z.infer<typeof Pairing>
export const PairingList = z.object({ items: z.array(Pairing) })

/** Public picker lists (profile form): names only. */
export const DirectoryOptions = z.object({
  communities: z.array(Ref),
  units: z.array(Ref),
})
export type DirectoryOptions = z.infer<typeof DirectoryOptions>

export const UserQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
})
export const UserRow = z.object({
  id: z.number().int(),
  realName: z.string().nullable(),
  phone: z.string().nullable(),
  community: Ref.nullable(),
  unit: Ref.nullable(),
  office: z.boolean(),
  organiserOf: z.array(z.object({ kind: z.enum(['unit', 'community']), id: z.number().int(), name: z.string() })),
  createdAt: z.string(),
})
export type UserRow = z.infer<typeof UserRow>
export const UserList = z.object({ items: z.array(UserRow), total: z.number().int() })

export const InvitationBody = z
  .object({
    unitId: z.number().int().positive().optional(),
    communityId: z.number().int().positive().optional(),
    expiresInHours: z.number().int().min(1).max(24 * 30).default(72),
  })
  .refine((b) => (b.unitId == null) !== (b.communityId == null), {
    error: '请选择一个单位或一个社区',
    path: ['unitId'],
  })
export const Invitation = z.object({
  code: z.string(),
  target: z.object({ kind: z.enum(['unit', 'community']), id: z.number().int(), name: z.string() }),
  expiresAt: z.string(),
})
export type Invitation = z.infer<typeof Invitation>
export const RedeemBody = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, { error: '请输入邀请码' })
    .max(32),
})
