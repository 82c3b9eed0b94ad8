/**
 * Request generation for the fuzz test: fast-check arbitraries derived from each route's zod
 * schemas (through their JSON Schema), valid, boundary and malformed, plus a change log in the
 * database (row triggers on every table) to tell whether a rejected request wrote anything.
 */
import fc from 'fast-check'
import { z } from 'zod'
import type { PrismaClient } from '../../server/src/generated/prisma/client'

type Json = Record<string, unknown>

/** Values no schema expects: wrong types, extremes, odd unicode, injection-looking text. */
export const JUNK: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0.5,
  1.5,
  2 ** 31,
  -(2 ** 53),
  1e308,
  '',
  ' ',
  'x'.repeat(20_000),
  '😀𠮷\u0000\u202e\uffff',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '=HYPERLINK("http://x")',
  [],
  {},
  [1, 2, 3],
  { a: 1 },
  'NaN',
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  '9'.repeat(40),
]

const junk = () => fc.constantFrom(...JUNK)

const TEXT = fc.constantFrom(...'abcXYZ019 -_文明社区志愿服务测试😀'.split(''))

function idLike(name: string | undefined) {
  return name !== undefined && /(^id$|Id$|Ids$)/.test(name)
}

/** An arbitrary of values that satisfy a JSON Schema (the subset zod emits). */
export function valid(schema: Json, name?: string, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null)
  const anyOf = (schema.anyOf ?? schema.oneOf) as Json[] | undefined
  if (anyOf?.length) return fc.oneof(...anyOf.map((s) => valid(s, name, depth + 1)))
  if (Array.isArray(schema.allOf) && schema.allOf.length) return valid(schema.allOf[0] as Json, name, depth + 1)
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  const type = schema.type
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => valid({ ...schema, type: t }, name, depth + 1)))
  switch (type) {
    case 'string': {
      const min = (schema.minLength as number | undefined) ?? 0
      const max = Math.max(min, Math.min((schema.maxLength as number | undefined) ?? 40, 80))
      if (schema.format === 'date') {
        return fc.date({ min: new Date('2025-06-01'), max: new Date('2027-06-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
      }
      if (schema.format === 'date-time') {
        return fc.date({ min: new Date('2025-06-01'), max: new Date('2027-06-01'), noInvalidDate: true }).map((d) => d.toISOString())
      }
      if (typeof schema.pattern === 'string') {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= Math.max(max, min + 40))
        } catch {
          /* a pattern fast-check cannot walk: plain text below */
        }
      }
      if (idLike(name)) return fc.integer({ min: 1, max: 60 }).map(String)
      return fc.string({ unit: TEXT, minLength: min, maxLength: max })
    }
    case 'integer': {
      const lo = (schema.minimum as number | undefined) ?? ((schema.exclusiveMinimum as number | undefined) ?? -11) + 1
      const hi = (schema.maximum as number | undefined) ?? ((schema.exclusiveMaximum as number | undefined) ?? 1_000_001) - 1
      if (idLike(name)) return fc.integer({ min: Math.max(lo, 1), max: Math.max(Math.min(hi, 60), Math.max(lo, 1)) })
      const cap = (n: number) => Math.max(-1e9, Math.min(1e9, n))
      return fc.oneof(fc.integer({ min: cap(lo), max: cap(hi) }), fc.constantFrom(cap(lo), cap(hi)))
    }
    case 'number': {
      const lo = (schema.minimum as number | undefined) ?? -1e6
      const hi = (schema.maximum as number | undefined) ?? 1e6
      return fc.oneof(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(lo, hi))
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const items = (schema.items as Json | undefined) ?? {}
      const min = (schema.minItems as number | undefined) ?? 0
      const max = Math.max(min, Math.min((schema.maxItems as number | undefined) ?? 4, 6))
      return fc.array(valid(items, name, depth + 1), { minLength: min, maxLength: max })
    }
    case 'object': {
      const props = (schema.properties as Record<string, Json> | undefined) ?? {}
      const required = (schema.required as string[] | undefined) ?? []
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, s] of Object.entries(props)) model[k] = valid(s, k, depth + 1)
      return fc.record(model, { requiredKeys: required.filter((k) => k in props) })
    }
    default:
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null))
  }
}

/** Valid objects with one thing broken: a field of the wrong type or extreme, one missing, one extra. */
export function malformed(schema: Json): fc.Arbitrary<unknown> {
  const props = Object.keys((schema.properties as Json | undefined) ?? {})
  const required = ((schema.required as string[] | undefined) ?? []).filter((k) => props.includes(k))
  const base = valid(schema) as fc.Arbitrary<Json>
  const options: Array<fc.Arbitrary<unknown>> = [junk(), fc.tuple(base, fc.string({ maxLength: 12 }), junk()).map(([o, k, v]) => ({ ...o, [`x_${k}`]: v }))]
  if (props.length) {
    options.push(fc.tuple(base, fc.constantFrom(...props), junk()).map(([o, k, v]) => ({ ...(o ?? {}), [k]: v })))
  }
  if (required.length) {
    options.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => {
        const copy = { ...(o ?? {}) }
        delete copy[k]
        return copy
      }),
    )
  }
  return fc.oneof(...options)
}

export function jsonSchemaOf(schema: z.ZodType | undefined): Json | null {
  if (!schema) return null
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json
}

/** A path parameter: mostly small ids of rows that exist, sometimes garbage. */
export const pathValue = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 60 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('0', '-1', '1.5', 'abc', '99999999999999999999', '2147483648', '%F0%9F%98%80', '1%20OR%201%3D1', 'null', '%00'),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent) },
)

/** Query objects become query strings: arrays repeat the key, objects become JSON text. */
export function toQuery(value: unknown): string {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) return value == null ? '' : `q=${encodeURIComponent(String(value))}`
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(value as Json)) {
    if (v === undefined) continue
    if (Array.isArray(v)) for (const x of v) params.append(k, typeof x === 'object' ? JSON.stringify(x) : String(x))
    else params.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))
  }
  return params.toString()
}

/** Row triggers on every table write to `fuzz_change`; rolled-back writes leave no rows. */
export async function installChangeLog(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe(`CREATE TABLE fuzz_change (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)`)
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION fuzz_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO fuzz_change (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END;
    $$`)
  const tables = await prisma.$queryRaw<Array<{ t: string }>>`
    SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'fuzz_change')`
  for (const { t } of tables) {
    await prisma.$executeRawUnsafe(`CREATE TRIGGER fuzz_log AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION fuzz_log()`)
  }
}

export async function changesSince(prisma: PrismaClient, afterId: bigint): Promise<{ last: bigint; tables: string[] }> {
  const rows = await prisma.$queryRaw<Array<{ id: bigint; tbl: string }>>`SELECT id, tbl FROM fuzz_change WHERE id > ${afterId} ORDER BY id`
  return { last: rows.length ? rows[rows.length - 1].id : afterId, tables: [...new Set(rows.map((r) => r.tbl))] }
}

export async function lastChange(prisma: PrismaClient): Promise<bigint> {
  const [{ id }] = await prisma.$queryRaw<Array<{ id: bigint | null }>>`SELECT max(id) AS id FROM fuzz_change`
  return id ?? 0n
}
