/**
 * Property-based fuzzing of every route in the router (fast-check), on the demo city: bodies,
 * queries and path parameters generated from each route's zod schemas — valid, boundary and
 * malformed (wrong types, huge strings, unicode, negative and non-integer numbers, missing and
 * extra fields) — sent as a volunteer, an organiser, the office and anonymously. Asserts: no
 * 5xx; every error in the standard shape with a known code; no row written by a rejected
 * request (row triggers on every table feed a change log); no response to anyone but the office
 * and no log line holds a full phone or ID number. Prints what it tried.
 *   FUZZ_REQUESTS (default 2500 per database in npm test; npm run test:robustness sends 10000) and FUZZ_SEED (default 20261121) tune a run.
 */
import { ERRORS, isResidentId } from '@civic/shared'
import fc from 'fast-check'
import type supertest from 'supertest'
import { routeKey } from '../../server/src/http/route'
import { allRoutes } from '../../server/src/routes'
import { seedDemo } from '../../server/src/seed/demo'
import { type TestApp, createTestApp } from '../helpers/app'
import { testCipher } from '../helpers/db'
import { changesSince, installChangeLog, jsonSchemaOf, lastChange, malformed, pathValue, toQuery, valid } from '../helpers/fuzz'

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 2_500)
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_121)
const ROLES = ['anonymous', 'volunteer', 'organiser', 'office'] as const
type Role = (typeof ROLES)[number]

interface Planned {
  key: string
  method: string
  path: string
  role: Role
  kind: 'valid' | 'malformed' | 'raw'
  body?: unknown
  raw?: string
}

/** Plans `n` requests for one route: half valid, the rest malformed or raw garbage. */
function plan(r: (typeof allRoutes)[number], n: number, seed: number): Planned[] {
  const params = jsonSchemaOf(r.params)
  const query = jsonSchemaOf(r.query)
  const body = jsonSchemaOf(r.body)
  const hasBody = r.method !== 'GET' && r.method !== 'DELETE'
  const names = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1])
  const pathArb = names.length
    ? fc.tuple(...names.map(() => pathValue)).map((vals) => names.reduce((p, name, i) => p.replace(`:${name}`, vals[i]), r.path))
    : fc.constant(r.path)
  const queryArb = query ? fc.oneof({ weight: 3, arbitrary: valid(query) }, { weight: 1, arbitrary: malformed(query) }) : fc.constant(undefined)
  const bodyValid = body ? valid(body) : fc.constant({})
  const bodyBad = body ? malformed(body) : fc.constant({ unexpected: true })
  const request = fc.record({
    path: pathArb,
    query: queryArb,
    role: fc.constantFrom<Role>(...ROLES),
    kind: fc.constantFrom<'valid' | 'malformed' | 'raw'>('valid', 'valid', 'malformed', 'malformed', ...(hasBody ? (['raw'] as const) : [])),
    good: bodyValid,
    bad: bodyBad,
    raw: fc.constantFrom('{"a":', '[1,2', 'null', '"text"', '{"x":1}garbage', '\u0000', '{}'.repeat(5)),
  })
  void params
  return fc.sample(request, { numRuns: n, seed }).map((x) => {
    const qs = x.query === undefined ? '' : toQuery(x.query)
    return {
      key: routeKey(r),
      method: r.method,
      path: qs ? `${x.path}?${qs}` : x.path,
      role: x.role,
      kind: x.kind,
      body: hasBody ? (x.kind === 'valid' ? x.good : x.bad) : undefined,
      raw: x.kind === 'raw' ? x.raw : undefined,
    }
  })
}

/** Valid-looking resident ID numbers (GB 11643 check digit), one per index. */
function residentId(i: number): string {
  const body = `110105199${i % 10}0${1 + (i % 9)}1${i % 10}${String(i).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, k) => s + Number(d) * weights[k], 0)
  return body + '10X98765432'[sum % 11]
}

describe('fuzzing every route', () => {
  let t: TestApp
  const tokens: Partial<Record<Role, string>> = {}
  /** every full phone and ID number in the database, to look for in responses and logs */
  let secrets: RegExp

  beforeAll(async () => {
    t = await createTestApp()
    await seedDemo(t.db.prisma, { cipher: testCipher })
    const who = async (openid: string) => (await t.db.prisma.user.findUniqueOrThrow({ where: { openid } })).id
    tokens.volunteer = await t.tokenFor(await who('demo-volunteer-1'))
    tokens.organiser = await t.tokenFor(await who('demo-organiser'))
    tokens.office = await t.tokenFor(await who('demo-office'))
    // ID numbers for the first 40 people (the demo city has phones only)
    const people = await t.db.prisma.user.findMany({ orderBy: { id: 'asc' }, select: { id: true, phoneEnc: true } })
    const ids = people.slice(0, 40).map((p, i) => ({ id: p.id, number: residentId(i + 1) }))
    for (const { id, number } of ids) {
      expect(isResidentId(number)).toBe(true)
      await t.db.prisma.user.update({ where: { id }, data: { idNumberEnc: testCipher.encrypt(number), idNumberHash: testCipher.hash(number), idConsentAt: new Date() } })
    }
    const plain = [...people.flatMap((p) => (p.phoneEnc ? [testCipher.decrypt(p.phoneEnc)] : [])), ...ids.map((i) => i.number)]
    expect(plain.length).toBeGreaterThan(100)
    secrets = new RegExp(plain.map((s) => s.replace(/[^0-9X]/g, '')).join('|'))
    await installChangeLog(t.db.prisma)
  }, 300_000)
  afterAll(() => t?.close())

  test(`when ${TOTAL} generated requests hit every route as every role, then no 5xx, every error is well-formed, and no rejected request writes a row`, async () => {
    const perRoute = Math.ceil(TOTAL / allRoutes.length)
    const requests = allRoutes.flatMap((r, i) => plan(r, perRoute, SEED + i))
    const statuses = new Map<number, number>()
    const problems: string[] = []
    let rejected = 0
    let rejectedButWritten = 0
    let mark = await lastChange(t.db.prisma)

    for (const q of requests) {
      let req: supertest.Test = t.http[q.method.toLowerCase() as 'get'](q.path)
      if (q.role !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[q.role]}`)
      if (q.raw !== undefined) req = req.set('Content-Type', 'application/json').send(q.raw)
      else if (q.body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(q.body))
      const res = await req
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      const changes = await changesSince(t.db.prisma, mark)
      mark = changes.last
      const label = `${q.method} ${q.path.slice(0, 120)} as ${q.role} (${q.kind}) → ${res.status}`
      if (res.status >= 500) problems.push(`${label}: ${JSON.stringify(res.body).slice(0, 200)} — sent ${JSON.stringify(q.body ?? q.raw ?? null).slice(0, 300)}`)
      const text = typeof res.text === 'string' ? res.text : ''
      if (q.role !== 'office' && secrets.test(text)) problems.push(`${label}: a full phone or ID number in the response`)
      if (res.status >= 400) {
        rejected++
        const code = res.body?.error?.code
        if (!code || !(code in ERRORS) || typeof res.body.error.message !== 'string' || !res.body.error.message) {
          problems.push(`${label}: not the standard error shape: ${JSON.stringify(res.body).slice(0, 200)}`)
        }
        if (changes.tables.length) {
          rejectedButWritten++
          problems.push(`${label}: rejected but wrote ${changes.tables.join(', ')}`)
        }
      }
    }

    const byClass = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')
    process.stdout.write(
      `\nfuzz (${t.db.kind}): ${requests.length} requests over ${allRoutes.length} routes, seed ${SEED}\n` +
        `  statuses: ${byClass}\n  5xx: ${[...statuses.entries()].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0)}` +
        `   rejected: ${rejected}   rejected-but-written: ${rejectedButWritten}\n`,
    )
    expect(requests.length).toBeGreaterThanOrEqual(TOTAL)
    // the generator reaches the handlers, not only the validators
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true)
    expect(problems.slice(0, 20)).toEqual([])
    // personal data never reaches the logs
    expect(secrets.test(t.logText())).toBe(false)
    expect(t.logText().length).toBeGreaterThan(1000)
  }, 900_000)
})
