/**
 * Instants bound in raw queries mean the same instant whatever the database's default time
 * zone: the driver sends a Date without an offset, so the API's sessions run in UTC.
 */
import { openDatabase } from '../../server/src/db/client'
import { type TestDatabase, createTestDatabase, testDbKind } from '../helpers/db'

describe('database session time zone', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(() => db.close())

  test('when the database defaults to Asia/Shanghai, then a Date bound in a raw query is still the same instant', async () => {
    const name = (await db.prisma.$queryRaw<Array<{ n: string }>>`SELECT current_database() AS n`)[0].n
    await db.prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" SET timezone TO 'Asia/Shanghai'`)
    // a new connection picks up the database default (unless the API sets its own)
    const fresh = await openDatabase({ url: db.url, poolSize: 1, embeddedWait: testDbKind() === 'pglite' })
    try {
      const instant = new Date('2026-11-22T15:30:00.000Z') // Sunday 23:30 in China
      const [row] = await fresh.prisma.$queryRaw<Array<{ same: boolean; iso: string }>>`
        SELECT ${instant}::timestamptz = '2026-11-22T15:30:00Z'::timestamptz AS same,
               to_char(${instant}::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS iso`

      expect(row).toEqual({ same: true, iso: '2026-11-22T15:30' })
    } finally {
      await fresh.close()
    }
  })
})
