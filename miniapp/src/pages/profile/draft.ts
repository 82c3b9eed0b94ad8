import { ProfileBody, type GENDERS, type MeUser } from '@civic/shared'
import { fieldErrors } from '../../utils/validation'

export type Gender = (typeof GENDERS)[number]

/** What the form holds while the user types (strings as typed; parsed on submit). */
export interface ProfileDraft {
  communityId: number | null
  unitId: number | null
  realName: string
  gender: Gender | null
  birthYear: string
  skills: string[]
  /** a newly typed ID number; the stored one is only ever shown masked */
  idNumber: string
  idConsent: boolean
}

export function draftFrom(user: MeUser): ProfileDraft {
  return {
    communityId: user.community?.id ?? null,
    unitId: user.unit?.id ?? null,
    realName: user.realName ?? '',
    gender: user.gender,
    birthYear: user.birthYear != null ? String(user.birthYear) : '',
    skills: [...user.skills],
    idNumber: '',
    idConsent: user.idNumber != null,
  }
}

/**
 * zod runs an object's cross-field rules (社区或单位, consent for the ID number) only once every
 * field is valid. To show them together with the field messages, check them again with the
 * single fields replaced by valid placeholders.
 */
const VALID_FIELDS = { realName: '姓名', gender: 'male', birthYear: 1990, skills: [] }
const CROSS_FIELDS = ['communityId', 'unitId', 'idConsent']

function crossFieldErrors(input: Record<string, unknown>): Record<string, string> {
  const probe = ProfileBody.safeParse({ ...input, ...VALID_FIELDS })
  if (probe.success) return {}
  return fieldErrors(probe.error.issues.filter((i) => CROSS_FIELDS.includes(String(i.path[0]))))
}

export type ProfileCheck = { ok: true; body: ProfileBody } | { ok: false; errors: Record<string, string> }

/**
 * Validates with the shared ProfileBody schema (the server runs the same one).
 * ID number: a typed one is sent; with consent withdrawn a stored one is removed (null);
 * otherwise it is left as it is (omitted).
 */
export function checkDraft(draft: ProfileDraft, hasStoredId: boolean): ProfileCheck {
  const typedId = draft.idNumber.trim()
  const idNumber = typedId !== '' ? typedId : !draft.idConsent && hasStoredId ? null : undefined
  const input = {
    communityId: draft.communityId,
    unitId: draft.unitId,
    realName: draft.realName,
    gender: draft.gender ?? undefined,
    birthYear: draft.birthYear.trim() === '' ? undefined : draft.birthYear.trim(),
    skills: draft.skills,
    idNumber,
    idConsent: draft.idConsent,
  }
  const parsed = ProfileBody.safeParse(input)
  if (!parsed.success) return { ok: false, errors: { ...crossFieldErrors(input), ...fieldErrors(parsed.error.issues) } }
  return { ok: true, body: parsed.data }
}
