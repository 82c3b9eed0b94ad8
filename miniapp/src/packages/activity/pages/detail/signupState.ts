import type { Activity } from '@civic/shared'

/**
 * What the sign-up button offers, from the activity and the clock (the server decides again):
 * 报名 / 已报名（取消报名）/ 候补第N位（取消候补）/ 已截止 / 已满 / 已取消 / 已结束.
 */
export type SignupState =
  | { kind: 'open'; full: boolean }
  | { kind: 'confirmed'; canCancel: boolean }
  | { kind: 'waitlisted'; position: number | null; canCancel: boolean }
  | { kind: 'closed' | 'full' | 'cancelled' | 'ended' }

export function signupState(a: Activity, now = new Date()): SignupState {
  if (a.status === 'cancelled') return { kind: 'cancelled' }
  const ended = a.status === 'closed' || now.getTime() >= Date.parse(a.endAt)
  const pastDeadline = now.getTime() > Date.parse(a.signupDeadline)
  const canCancel = !ended && !pastDeadline
  if (a.mySignup?.status === 'confirmed') return { kind: 'confirmed', canCancel }
  if (a.mySignup?.status === 'waitlisted') return { kind: 'waitlisted', position: a.mySignup.position, canCancel }
  if (ended) return { kind: 'ended' }
  if (pastDeadline) return { kind: 'closed' }
  if (a.remaining === 0 && !a.waitlistEnabled) return { kind: 'full' }
  return { kind: 'open', full: a.remaining === 0 }
}

/** The label of a state that offers no action. */
export const CLOSED_LABEL = { closed: '已截止', full: '已满', cancelled: '已取消', ended: '已结束' } as const
