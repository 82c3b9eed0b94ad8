import { z } from 'zod'
import { isResidentId } from '../identity'
import { Ref, text } from './common'

export const GENDERS = ['male', 'female'] as const
export const Gender = z.enum(GENDERS, { error: '请选择性别' })
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' }

export const SKILL_MAX = 10

export const ProfileBody = z
  .object({
    realName: text(20, '姓名'),
    gender: Gender,
    birthYear: z.coerce
      .number({ error: '请填写出生年份' })
      .int({ error: '出生年份必须是整数' })
      .min(1920, { error: '出生年份不早于 1920 年' })
      .max(2020, { error: '出生年份不晚于 2020 年' }),
    skills: z.array(text(20, '特长')).max(SKILL_MAX, { error: `特长最多 ${SKILL_MAX} 项` }).default([]),
    /** resident of this community */
    communityId: z.number().int().positive().nullable().optional(),
    /** staff of this unit */
    unitId: z.number().int().positive().nullable().optional(),
    /** optional, only with explicit consent */
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isResidentId, { error: '身份证号码格式不正确' })
      .nullable()
      .optional(),
    idConsent: z.boolean().optional(),
  })
  .refine((p) => p.communityId != null || p.unitId != null, {
    error: '请选择所在社区或所在单位',
    path: ['communityId'],
  })
  .refine((p) => p.idNumber == null || p.idConsent === true, {
    error: '填写身份证号需要先勾选同意',
    path: ['idConsent'],
  })
export type ProfileBody = z.input<typeof ProfileBody>

export const PhoneBody = z.object({ code: z.string().trim().min(1).max(128) })

export const OrganiserOf = z.object({
  kind: z.enum(['unit', 'community']),
  id: z.number().int(),
  name: z.string(),
})
export type OrganiserOf = z.infer<typeof OrganiserOf>

export const MeUser = z.object({
  id: z.number().int(),
  realName: z.string().nullable(),
  gender: Gender.nullable(),
  birthYear: z.number().int().nullable(),
  skills: z.array(z.string()),
  community: Ref.nullable(),
  unit: Ref.nullable(),
  /** masked, e.g. 138****5678 */
  phone: z.string().nullable(),
  /** masked, e.g. 1101**********1234 */
  idNumber: z.string().nullable(),
  profileComplete: z.boolean(),
  roles: z.object({
    volunteer: z.literal(true),
    office: z.boolean(),
    organiserOf: z.array(OrganiserOf),
  }),
  createdAt: z.string(),
})
export type MeUser = z.infer<typeof MeUser>

export const MeResponse = z.object({ user: MeUser })
