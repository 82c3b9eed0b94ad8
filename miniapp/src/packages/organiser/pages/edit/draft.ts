/** The publish/edit form's state, and how it becomes an ActivityBody or an ActivityPatch. */
import { ActivityBody, ActivityPatch, chinaDate, chinaDayStart, formatChina, type Activity, type AUDIENCES, type OrganiserOf } from '@civic/shared'
import type { z } from 'zod'
import { fieldErrors } from '../../../../utils/validation'

export type Audience = (typeof AUDIENCES)[number]

/** What the form holds while the organiser types: text as typed, China dates and times. */
export interface ActivityDraft {
  /** `unit:3` or `community:5`, one of the user's roles.organiserOf */
  organiser: string | null
  title: string
  typeId: number | null
  description: string
  communityId: number | null
  address: string
  latitude: string
  longitude: string
  radiusM: string
  date: string
  startTime: string
  endTime: string
  /** the activity ends after midnight, on the next day */
  endsNextDay: boolean
  deadlineDate: string
  deadlineTime: string
  capacity: string
  allowWalkIn: boolean
  waitlistEnabled: boolean
  audience: Audience
}

export const organiserKey = (o: Pick<OrganiserOf, 'kind' | 'id'>) => `${o.kind}:${o.id}`

/** A new activity: tomorrow 09:00–11:00, sign-up until it starts. */
export function newDraft(organisers: OrganiserOf[], now = new Date()): ActivityDraft {
  const first = organisers[0]
  const tomorrow = chinaDate(now.getTime() + 86_400_000)
  return {
    organiser: first ? organiserKey(first) : null,
    title: '',
    typeId: null,
    description: '',
    communityId: first?.kind === 'community' ? first.id : null,
    address: '',
    latitude: '',
    longitude: '',
    radiusM: '500',
    date: tomorrow,
    startTime: '09:00',
    endTime: '11:00',
    endsNextDay: false,
    deadlineDate: tomorrow,
    deadlineTime: '09:00',
    capacity: '20',
    allowWalkIn: false,
    waitlistEnabled: true,
    audience: 'everyone',
  }
}

export function draftOf(a: Activity): ActivityDraft {
  return {
    organiser: organiserKey(a.organiser),
    title: a.title,
    typeId: a.type.id,
    description: a.description,
    communityId: a.community.id,
    address: a.address,
    latitude: String(a.latitude),
    longitude: String(a.longitude),
    radiusM: String(a.radiusM),
    date: chinaDate(a.startAt),
    startTime: formatChina(a.startAt, 'HH:mm'),
    endTime: formatChina(a.endAt, 'HH:mm'),
    endsNextDay: chinaDate(a.endAt) !== chinaDate(a.startAt),
    deadlineDate: chinaDate(a.signupDeadline),
    deadlineTime: formatChina(a.signupDeadline, 'HH:mm'),
    capacity: String(a.capacity),
    allowWalkIn: a.allowWalkIn,
    waitlistEnabled: a.waitlistEnabled,
    audience: a.audience,
  }
}

/** China wall-clock time as an ISO instant with its offset (China keeps +08:00 all year). */
function instant(date: string, time: string): string | undefined {
  return date && time ? `${date}T${time}:00+08:00` : undefined
}

/** The next China date (no summer time: a day is 24 h). */
function nextDay(date: string): string {
  return date ? chinaDate(chinaDayStart(date).getTime() + 86_400_000) : ''
}

/** '' → undefined (the schema says 请填写…), otherwise a number (NaN: the schema says 必须是数字). */
function num(text: string): number | undefined {
  const t = text.trim()
  return t === '' ? undefined : Number(t)
}

/** The fields both the body and the patch carry, as the schemas take them. */
function fields(d: ActivityDraft) {
  return {
    title: d.title.trim(),
    typeId: d.typeId ?? undefined,
    description: d.description.trim() === '' ? null : d.description.trim(),
    communityId: d.communityId ?? undefined,
    address: d.address.trim(),
    latitude: num(d.latitude),
    longitude: num(d.longitude),
    radiusM: num(d.radiusM),
    startAt: instant(d.date, d.startTime),
    // an end at or before the start is refused by the schema unless 次日结束 says so
    endAt: instant(d.endsNextDay ? nextDay(d.date) : d.date, d.endTime),
    signupDeadline: instant(d.deadlineDate, d.deadlineTime),
    capacity: num(d.capacity),
    allowWalkIn: d.allowWalkIn,
    waitlistEnabled: d.waitlistEnabled,
    audience: d.audience,
  }
}

export type Check<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> }

/**
 * zod runs an object's cross-field rules (end after start, deadline, 主办二选一) only once every
 * field is valid. To show them together with the field messages, check again with the other
 * fields replaced by valid placeholders.
 */
const VALID_FIELDS = {
  title: '活动',
  typeId: 1,
  description: null,
  communityId: 1,
  address: '地点',
  latitude: 0,
  longitude: 0,
  radiusM: 500,
  capacity: 1,
  allowWalkIn: false,
  waitlistEnabled: true,
  audience: 'everyone',
}
const CROSS_FIELDS = ['endAt', 'signupDeadline', 'organiserUnitId']

function check<T>(schema: z.ZodType, input: Record<string, unknown>): Check<T> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return { ok: true, body: input as T }
  const probe = schema.safeParse({ ...input, ...VALID_FIELDS })
  const cross = probe.success ? [] : probe.error.issues.filter((i) => CROSS_FIELDS.includes(String(i.path[0])))
  return { ok: false, errors: { ...fieldErrors(cross), ...fieldErrors(parsed.error.issues) } }
}

/** A new activity, checked with the shared ActivityBody schema (the server runs the same one). */
export function checkNew(d: ActivityDraft): Check<ActivityBody> {
  const [kind, id] = (d.organiser ?? '').split(':')
  return check<ActivityBody>(ActivityBody, {
    organiserUnitId: kind === 'unit' ? Number(id) : undefined,
    organiserCommunityId: kind === 'community' ? Number(id) : undefined,
    ...fields(d),
  })
}

type PatchField = keyof ReturnType<typeof fields>
const INSTANTS: PatchField[] = ['startAt', 'endAt', 'signupDeadline']

/**
 * An edit: the whole form is checked with ActivityPatch, and only what changed is sent (so
 * the server tells signed-up volunteers only about real changes).
 */
export function checkEdit(d: ActivityDraft, original: Activity): Check<ActivityPatch> {
  const input = fields(d)
  const checked = check<ActivityPatch>(ActivityPatch, input)
  if (!checked.ok) return checked
  const was = fields(draftOf(original))
  const patch: Record<string, unknown> = {}
  for (const key of Object.keys(input) as PatchField[]) {
    const same = INSTANTS.includes(key) ? Date.parse(String(input[key])) === Date.parse(String(was[key])) : input[key] === was[key]
    if (!same) patch[key] = input[key]
  }
  if (Object.keys(patch).length === 0) return { ok: false, errors: { _form: '没有需要修改的内容' } }
  return { ok: true, body: patch as ActivityPatch }
}
