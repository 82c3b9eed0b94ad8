/**
 * Walks every route in the router against every role and checks the answer against the one
 * policy table (auth/policy.ts). A new route without a rule fails here (and at boot).
 */
import { POLICY, ROLE_RANK, type Access } from '../../server/src/auth/policy'
import { routeKey } from '../../server/src/http/route'
import { allRoutes } from '../../server/src/routes'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeUnit, makeUser } from '../helpers/factories'

type Role = 'anonymous' | 'volunteer' | 'organiser' | 'office'
const RANK: Record<Role, number> = { anonymous: 0, volunteer: 1, organiser: 2, office: 3 }

describe('authorization table', () => {
  let t: TestApp
  const tokens: Partial<Record<Role, string>> = {}

  beforeAll(async () => {
    t = await createTestApp()
    const unit = await makeUnit(t.db.prisma)
    tokens.volunteer = await t.tokenFor((await makeUser(t.db.prisma)).id)
    tokens.organiser = await t.tokenFor((await makeUser(t.db.prisma, { organiserOfUnit: unit.id })).id)
    tokens.office = await t.tokenFor((await makeUser(t.db.prisma, { office: true })).id)
  })
  afterAll(() => t.close())

  test('when the router is built, then every route has a rule and every rule has a route', () => {
    const routeKeys = allRoutes.map(routeKey).sort()
    expect(routeKeys.filter((k) => !POLICY[k])).toEqual([])
    expect(Object.keys(POLICY).filter((k) => !routeKeys.includes(k))).toEqual([])
  })

  const cases = allRoutes.flatMap((r) =>
    (['anonymous', 'volunteer', 'organiser', 'office'] as Role[]).map((role) => [routeKey(r), role, r] as const),
  )

  test.each(cases)('%s as %s answers as the policy says', async (key, role, r) => {
    const access: Access = POLICY[key]
    const path = r.path.replace(/:[A-Za-z]+/g, '999999')
    let req = t.http[r.method.toLowerCase() as 'get'](path)
    const token = tokens[role as Exclude<Role, 'anonymous'>]
    if (token) req = req.set('Authorization', `Bearer ${token}`)
    if (r.method !== 'GET' && r.method !== 'DELETE') req = req.send({})
    const res = await req

    const allowed = RANK[role] >= ROLE_RANK[access]
    if (allowed) {
      expect([401, 403]).not.toContain(res.status)
      expect(res.status).toBeLessThan(500)
    } else if (role === 'anonymous') {
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
    } else {
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    }
  })
})
