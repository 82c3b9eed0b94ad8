/** Masking of personal data for display (《志愿服务条例》 art. 20). */

/** `13812345678` → `138****5678`. Anything not phone-shaped is masked whole but for its last 2. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  const digits = phone.replace(/\s+/g, '')
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`
}

/** `110101199003071234` → `1101**********1234`. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null
  const s = id.trim()
  if (s.length <= 8) return `${'*'.repeat(Math.max(0, s.length - 2))}${s.slice(-2)}`
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`
}
