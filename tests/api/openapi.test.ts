import { allRoutes } from '../../server/src/routes'
import { type TestApp, createTestApp } from '../helpers/app'

describe('OpenAPI document and docs page', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  test('when the document is fetched, then it lists every route with its schemas, generated from zod', async () => {
    const res = await t.http.get('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    for (const r of allRoutes) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      expect(res.body.paths[path]?.[r.method.toLowerCase()]).toBeDefined()
    }
    const create = res.body.paths['/api/units'].post
    expect(create.security).toEqual([{ bearer: [] }])
    const schema = create.requestBody.content['application/json'].schema
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'kind', 'headcount']))
    expect(schema.properties.headcount.minimum).toBe(0)
    expect(schema.properties.kind.enum).toContain('党政机关')
    const patch = res.body.paths['/api/units/{id}'].patch
    expect(patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]))
    expect(res.body.components.schemas.Error.properties.error.properties.code.enum).toContain('pairing_exists')
  })

  test('when the docs page is opened, then Swagger UI and its assets are served', async () => {
    const page = await t.http.get('/api/docs')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js')
    const js = await t.http.get('/api/docs/assets/swagger-ui-bundle.js')
    expect(js.status).toBe(200)
    expect(js.text.length).toBeGreaterThan(100_000)
    const init = await t.http.get('/api/docs/assets/docs-init.js')
    expect(init.text).toContain('/api/openapi.json')
    expect((await t.http.get('/api/docs/assets/../../package.json')).status).toBe(404)
  })
})
