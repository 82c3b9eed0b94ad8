/** Chinese mainland mobile numbers and resident ID numbers (GB 11643-1999). */

export const MOBILE_RE = /^1[3-9]\d{9}$/

export function isMobile(phone: string): boolean {
  return MOBILE_RE.test(phone)
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** 18-character resident ID with a valid date and check character. */
export function isResidentId(id: string): boolean {
  const s = id.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return false
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  if (y < 1900 || date.getTime() > Date.now()) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11] === s[17]
}
