import { type AttendanceView, maskPhone } from '@civic/shared'
import type { DataCipher } from '../../lib/crypto'

export const attendanceInclude = {
  activity: { select: { id: true, title: true, startAt: true, endAt: true, address: true, type: { select: { duty: true } } } },
  user: { select: { id: true, realName: true, phoneEnc: true } },
  recordedBy: { select: { id: true, realName: true } },
  approvedBy: { select: { id: true, realName: true } },
}

interface Row {
  id: number
  source: AttendanceView['source']
  status: AttendanceView['status']
  checkInAt: Date | null
  checkOutAt: Date | null
  hours: { toNumber(): number }
  creditedPoints: number
  reason: string | null
  activity: { id: number; title: string; startAt: Date; endAt: Date; address: string; type: { duty: boolean } }
  user: { id: number; realName: string | null; phoneEnc: string | null }
  recordedBy: { id: number; realName: string | null } | null
  approvedBy: { id: number; realName: string | null } | null
}

const ref = (u: { id: number; realName: string | null } | null) => (u ? { id: u.id, name: u.realName ?? `用户${u.id}` } : null)

export function presentAttendance(r: Row, cipher: DataCipher): AttendanceView {
  return {
    id: r.id,
    activity: {
      id: r.activity.id,
      title: r.activity.title,
      startAt: r.activity.startAt.toISOString(),
      endAt: r.activity.endAt.toISOString(),
      address: r.activity.address,
      duty: r.activity.type.duty,
    },
    user: { id: r.user.id, name: r.user.realName, phone: maskPhone(r.user.phoneEnc ? cipher.decrypt(r.user.phoneEnc) : null) },
    source: r.source,
    status: r.status,
    checkInAt: r.checkInAt?.toISOString() ?? null,
    checkOutAt: r.checkOutAt?.toISOString() ?? null,
    hours: r.hours.toNumber(),
    points: r.creditedPoints,
    reason: r.reason,
    recordedBy: ref(r.recordedBy),
    approvedBy: ref(r.approvedBy),
  }
}
