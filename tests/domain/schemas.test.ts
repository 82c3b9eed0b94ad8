/** Request schemas shared by the server and the mini-program: the same limits and Chinese messages. */
import { CommunityBody, CommunityPatch, InvitationBody, ProfileBody, UnitBody, UnitPatch } from '@civic/shared'
import type { z } from 'zod'

/** The issues of a failed parse as `path: message` lines (empty when it succeeded). */
function problems(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

const CHINESE = /[\u4e00-\u9fff]/

describe('ProfileBody', () => {
  const valid = { realName: '张三', gender: 'male', birthYear: 1990, communityId: 7 }

  test('when a resident fills name, gender, birth year and community, then it parses with no skills', () => {
    const result = ProfileBody.safeParse(valid)

    expect(result.success).toBe(true)
    expect(result.data).toEqual({ ...valid, skills: [] })
  })

  test('when unit staff give a unit instead of a community, then it parses', () => {
    const { communityId: _omit, ...rest } = valid

    expect(ProfileBody.safeParse({ ...rest, unitId: 3 }).success).toBe(true)
  })

  test('when someone is both a resident and unit staff, then both are kept', () => {
    const result = ProfileBody.safeParse({ ...valid, unitId: 3 })

    expect(result.data).toMatchObject({ communityId: 7, unitId: 3 })
  })

  test('when the name is missing, then it is refused with a Chinese message about the name', () => {
    const { realName: _omit, ...rest } = valid

    expect(problems(ProfileBody.safeParse(rest))).toEqual(['realName: 请填写姓名'])
  })

  test('when the name is only spaces, then it is refused as empty', () => {
    expect(problems(ProfileBody.safeParse({ ...valid, realName: '   ' }))).toEqual(['realName: 请填写姓名'])
  })

  test('when the name is longer than 20 characters, then it is refused', () => {
    expect(problems(ProfileBody.safeParse({ ...valid, realName: '张'.repeat(21) }))).toEqual(['realName: 姓名最多 20 个字'])
  })

  test('when neither community nor unit is given, then it is refused on communityId', () => {
    const { communityId: _omit, ...rest } = valid

    expect(problems(ProfileBody.safeParse(rest))).toEqual(['communityId: 请选择所在社区或所在单位'])
    expect(problems(ProfileBody.safeParse({ ...rest, communityId: null, unitId: null }))).toEqual([
      'communityId: 请选择所在社区或所在单位',
    ])
  })

  test('when an ID number is given without consent, then it is refused on idConsent', () => {
    const result = ProfileBody.safeParse({ ...valid, idNumber: '11010519491231002X' })

    expect(problems(result)).toEqual(['idConsent: 填写身份证号需要先勾选同意'])
    expect(problems(ProfileBody.safeParse({ ...valid, idNumber: '11010519491231002X', idConsent: false }))).toEqual([
      'idConsent: 填写身份证号需要先勾选同意',
    ])
  })

  test('when an ID number is given with consent, then it is trimmed and its x upper-cased', () => {
    const result = ProfileBody.safeParse({ ...valid, idNumber: ' 11010519491231002x ', idConsent: true })

    expect(result.data?.idNumber).toBe('11010519491231002X')
  })

  test('when the ID number has a wrong check digit, then it is refused', () => {
    const result = ProfileBody.safeParse({ ...valid, idNumber: '110101199003071234', idConsent: true })

    expect(problems(result)).toEqual(['idNumber: 身份证号码格式不正确'])
  })

  test('when the ID number is cleared (null) without consent, then it parses', () => {
    expect(ProfileBody.safeParse({ ...valid, idNumber: null }).success).toBe(true)
  })

  test('when the birth year or gender is out of range, then every message is Chinese', () => {
    const result = ProfileBody.safeParse({ ...valid, birthYear: 1890, gender: 'x' })

    expect(problems(result)).toEqual(['gender: 请选择性别', 'birthYear: 出生年份不早于 1920 年'])
  })

  test('when the body is empty, then each problem has a Chinese message', () => {
    const issues = problems(ProfileBody.safeParse({}))

    expect(issues.length).toBeGreaterThanOrEqual(3)
    for (const line of issues) expect(line).toMatch(CHINESE)
  })

  test('when a skill has a control character, then it is refused', () => {
    expect(problems(ProfileBody.safeParse({ ...valid, skills: ['急\u0007救'] }))).toEqual(['skills.0: 特长含有不可见字符'])
  })
})

describe('InvitationBody', () => {
  test('when only a unit is given, then it parses with the 72 h default expiry', () => {
    expect(InvitationBody.safeParse({ unitId: 4 }).data).toEqual({ unitId: 4, expiresInHours: 72 })
  })

  test('when only a community is given, then it parses', () => {
    expect(InvitationBody.safeParse({ communityId: 5, expiresInHours: 24 }).data).toEqual({ communityId: 5, expiresInHours: 24 })
  })

  test('when both a unit and a community are given, then it is refused', () => {
    expect(problems(InvitationBody.safeParse({ unitId: 4, communityId: 5 }))).toEqual(['unitId: 请选择一个单位或一个社区'])
  })

  test('when neither is given, then it is refused', () => {
    expect(problems(InvitationBody.safeParse({}))).toEqual(['unitId: 请选择一个单位或一个社区'])
  })

  test('when the expiry is longer than 30 days, then it is refused', () => {
    expect(InvitationBody.safeParse({ unitId: 4, expiresInHours: 24 * 30 + 1 }).success).toBe(false)
  })
})

describe('CommunityBody and UnitBody', () => {
  test('when names and optional fields have surrounding spaces, then they are trimmed and empty ones become null', () => {
    const result = CommunityBody.safeParse({ name: '  幸福里社区 \n', street: '   ', district: ' 清河区 ' })

    expect(result.data).toEqual({ name: '幸福里社区', street: null, district: '清河区' })
  })

  test.each([
    ['a tab', '幸福里\t社区'],
    ['a line break', '幸福里\n社区'],
    ['a NUL', '幸福里\u0000社区'],
    ['DEL', '幸福里\u007f社区'],
  ])('when the name contains %s inside, then it is refused as invisible characters', (_what, name) => {
    expect(problems(CommunityBody.safeParse({ name }))).toEqual(['name: 社区名称含有不可见字符'])
  })

  test('when an optional field has a control character, then it is refused on that field', () => {
    expect(problems(CommunityBody.safeParse({ name: '幸福里社区', district: '清\u0001河区' }))).toEqual([
      'district: 区县含有不可见字符',
    ])
  })

  test('when the name is 51 characters, then it is refused', () => {
    expect(problems(CommunityBody.safeParse({ name: '幸'.repeat(51) }))).toEqual(['name: 社区名称最多 50 个字'])
  })

  test('when the resident population is negative, then it is refused in Chinese', () => {
    expect(problems(CommunityBody.safeParse({ name: '幸福里社区', residentPopulation: -1 }))).toEqual([
      'residentPopulation: 常住人口不能为负数',
    ])
  })

  test('when the headcount is negative or fractional, then it is refused', () => {
    expect(problems(UnitBody.safeParse({ name: '区教育局', kind: '党政机关', headcount: -1 }))).toEqual([
      'headcount: 在编人数不能为负数',
    ])
    expect(problems(UnitBody.safeParse({ name: '区教育局', kind: '党政机关', headcount: 1.5 }))).toEqual([
      'headcount: 在编人数必须是整数',
    ])
  })

  test('when the unit kind is not in the list, then it is refused', () => {
    expect(problems(UnitBody.safeParse({ name: '区教育局', kind: '公司', headcount: 3 }))).toEqual(['kind: 请选择单位类型'])
  })

  test('when a patch is empty, then it is refused', () => {
    expect(problems(CommunityPatch.safeParse({}))).toEqual([': 没有需要修改的内容'])
    expect(problems(UnitPatch.safeParse({}))).toEqual([': 没有需要修改的内容'])
  })

  test('when a patch changes one field, then only that field is present', () => {
    expect(UnitPatch.safeParse({ headcount: 12 }).data).toEqual({ headcount: 12 })
  })
})
