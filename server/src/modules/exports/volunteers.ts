/**
 * The volunteer list in the fields of the national system (全国志愿服务信息系统): name, gender,
 * ID type and number, phone, community, unit, total volunteer hours, registration date.
 * ID numbers are complete only for the office (decrypted here); organisers get them masked and
 * only for their own units' staff and communities' residents. Phone numbers are always masked.
 */
import { GENDER_LABELS, chinaDate, maskIdNumber, maskPhone } from '@civic/shared'
import type { Deps } from '../../deps'
import type { XlsxSheet } from '../../lib/xlsx'
import type { Scope } from '../stats/scope'

interface VolunteerRow {
  id: number
  real_name: string | null
  gender: 'male' | 'female' | null
  id_number_enc: string | null
  phone_enc: string | null
  community: string | null
  unit: string | null
  hours: number
  created_at: Date
}

export interface VolunteerLine {
  name: string | null
  gender: string | null
  idNumber: string | null
  phone: string | null
  community: string | null
  unit: string | null
  hours: number
  registeredOn: string
}

export async function volunteerLines(deps: Pick<Deps, 'prisma' | 'cipher'>, scope: Scope): Promise<VolunteerLine[]> {
  const rows = await deps.prisma.$queryRaw<VolunteerRow[]>`
    WITH h AS (
      SELECT t.user_id, SUM(t.hours) AS hours
      FROM attendance t
      JOIN activity a ON a.id = t.activity_id
      JOIN activity_type ty ON ty.id = a.type_id
      WHERE t.status = 'approved' AND a.status <> 'cancelled' AND NOT ty.duty
      GROUP BY t.user_id
    )
    SELECT u.id, u.real_name, u.gender::text AS gender, u.id_number_enc, u.phone_enc,
           c.name AS community, n.name AS unit, COALESCE(h.hours, 0)::float8 AS hours, u.created_at
    FROM app_user u
    LEFT JOIN community c ON c.id = u.community_id
    LEFT JOIN unit n ON n.id = u.unit_id
    LEFT JOIN h ON h.user_id = u.id
    WHERE ${scope.all} OR u.community_id = ANY(${scope.communityIds}::int[]) OR u.unit_id = ANY(${scope.unitIds}::int[])
    ORDER BY u.id`
  const open = (sealed: string | null) => (sealed ? deps.cipher.decrypt(sealed) : null)
  return rows.map((r) => {
    const idNumber = open(r.id_number_enc)
    return {
      name: r.real_name,
      gender: r.gender ? GENDER_LABELS[r.gender] : null,
      idNumber: scope.all ? idNumber : maskIdNumber(idNumber),
      phone: maskPhone(open(r.phone_enc)),
      community: r.community,
      unit: r.unit,
      hours: Math.round(r.hours * 10) / 10,
      registeredOn: chinaDate(r.created_at),
    }
  })
}

export function volunteerSheets(lines: VolunteerLine[]): Array<XlsxSheet<VolunteerLine>> {
  return [
    {
      name: '志愿者名册',
      columns: [
        { header: '姓名', value: (l) => l.name, width: 12 },
        { header: '性别', value: (l) => l.gender, width: 6 },
        { header: '证件类型', value: (l) => (l.idNumber ? '居民身份证' : null) },
        { header: '证件号码', value: (l) => l.idNumber, width: 22 },
        { header: '手机号码', value: (l) => l.phone, width: 14 },
        { header: '所属社区', value: (l) => l.community, width: 20 },
        { header: '所在单位', value: (l) => l.unit, width: 20 },
        { header: '累计志愿服务时长（小时）', value: (l) => l.hours, numFmt: '0.0' },
        { header: '注册日期', value: (l) => l.registeredOn, width: 12 },
      ],
      rows: lines,
    },
  ]
}
