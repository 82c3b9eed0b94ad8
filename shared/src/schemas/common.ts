import { z } from 'zod'

/** A positive integer id in a path (`/api/units/:id`). */
export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})

/** A trimmed single-line text with a Chinese-friendly length limit. */
export const text = (max: number, label: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `请填写${label}` : `${label}必须是文字`) })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}最多 ${max} 个字` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: `${label}含有不可见字符` })

export const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, { error: `${label}最多 ${max} 个字` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: `${label}含有不可见字符` })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()

export const Ref = z.object({ id: z.number().int(), name: z.string() })
export type Ref = z.infer<typeof Ref>

export const OkResponse = z.object({ ok: z.literal(true) })
