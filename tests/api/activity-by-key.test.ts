/**
 * What a printed check-in code leads to: the activity found by its short key (the check-in page
 * shows its title before anyone checks in), and the standard QR code organisers print when WeChat
 * is not configured (the check-in page's path with the short key; it never expires).
 */
import QRCode from 'qrcode'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeActivity } from '../helpers/activities'
import { makeUnit, makeUser } from '../helpers/factories'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

describe('printed check-in codes', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const bearer = async (userId: number) => `Bearer ${await t.tokenFor(userId)}`

  /** An activity of a unit, with that unit's organiser. */
  async function organised() {
    const unit = await makeUnit(t.db.prisma)
    const activity = await makeActivity(t.db.prisma, { unitId: unit.id })
    const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
    return { activity, organiser }
  }

  describe('GET /api/activities/by-key/:key', () => {
    test('when a volunteer opens a printed code’s key, then 200 with the activity as volunteers see it', async () => {
      const { activity } = await organised()
      const volunteer = await makeUser(t.db.prisma)

      const res = await t.http.get(`/api/activities/by-key/${activity.shortKey}`).set('Authorization', await bearer(volunteer.id))

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        id: activity.id,
        shortKey: activity.shortKey,
        title: activity.title,
        address: activity.address,
        startAt: activity.startAt.toISOString(),
        status: 'published',
        mySignup: null,
        canManage: false,
      })
    })

    test('when the activity’s organiser opens it, then canManage is true', async () => {
      const { activity, organiser } = await organised()

      const res = await t.http.get(`/api/activities/by-key/${activity.shortKey}`).set('Authorization', await bearer(organiser.id))

      expect(res.status).toBe(200)
      expect(res.body.canManage).toBe(true)
    })

    test('when no activity has the key, then 404 activity_not_found', async () => {
      const volunteer = await makeUser(t.db.prisma)

      const res = await t.http.get('/api/activities/by-key/NoSuchKey1').set('Authorization', await bearer(volunteer.id))

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('activity_not_found')
    })

    test('when the key is not a short key, then 400 validation_failed with the field named', async () => {
      const volunteer = await makeUser(t.db.prisma)

      const res = await t.http.get(`/api/activities/by-key/${'x'.repeat(33)}`).set('Authorization', await bearer(volunteer.id))

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'params.key', message: '活动码格式不正确' })]))
    })

    test('when nobody is signed in, then 401 unauthorized', async () => {
      const { activity } = await organised()

      const res = await t.http.get(`/api/activities/by-key/${activity.shortKey}`)

      expect(res.status).toBe(401)
    })
  })

  describe('GET /api/activities/:id/printable-qr', () => {
    const printable = async (activityId: number, userId: number) =>
      t.http.get(`/api/activities/${activityId}/printable-qr`).set('Authorization', await bearer(userId)).buffer(true)

    test('when the activity’s organiser asks, then a PNG QR code of pages/checkin/index with the short key as scene', async () => {
      const { activity, organiser } = await organised()

      const res = await printable(activity.id, organiser.id)

      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      const png = res.body as Buffer
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      // the same text drawn with the same options gives the same image: the code holds exactly this path
      const expected = await QRCode.toBuffer(`pages/checkin/index?scene=${activity.shortKey}`, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 4,
        width: 600,
      })
      expect(png.equals(expected)).toBe(true)
    })

    test('when the code is asked twice, then the same image both times (it does not rotate or expire)', async () => {
      const { activity, organiser } = await organised()

      const first = await printable(activity.id, organiser.id)
      const second = await printable(activity.id, organiser.id)

      expect((first.body as Buffer).equals(second.body as Buffer)).toBe(true)
    })

    test('when a volunteer asks, then 403 forbidden', async () => {
      const { activity } = await organised()
      const volunteer = await makeUser(t.db.prisma)

      const res = await printable(activity.id, volunteer.id)

      expect(res.status).toBe(403)
    })

    test('when an organiser of another unit asks, then 403 forbidden', async () => {
      const { activity } = await organised()
      const other = await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id })

      const res = await printable(activity.id, other.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    })

    test('when the activity is cancelled, then 409 activity_cancelled', async () => {
      const { activity, organiser } = await organised()
      await t.db.prisma.activity.update({ where: { id: activity.id }, data: { status: 'cancelled', cancelReason: '天气原因' } })

      const res = await printable(activity.id, organiser.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
    })

    test('when the activity does not exist, then 404 activity_not_found', async () => {
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await printable(999_999, office.id)

      expect(res.status).toBe(404)
    })
  })
})
