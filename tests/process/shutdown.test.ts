/**
 * Graceful shutdown: on SIGTERM a request already in flight (its body still arriving) is
 * finished and answered, new connections are refused, and the process exits 0 within 10 s.
 */
import http from 'node:http'
import { type TestServer, startTestServer } from '../helpers/test-server'

describe('graceful shutdown', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ seed: false })
  }, 120_000)
  afterAll(() => server?.close())

  test('when SIGTERM arrives mid-request, then that request completes, a new one is refused, and the process exits 0 within 10 s', async () => {
    const { hostname, port } = new URL(server.url)
    const body = JSON.stringify({ openid: 'shutdown-volunteer' })
    // the in-flight request: headers and half the body sent
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: hostname, port, method: 'POST', path: '/api/auth/dev', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, body: text }))
      })
      req.on('error', reject)
      req.write(body.slice(0, 10))
      setTimeout(() => {
        const signalled = Date.now()
        exitTimer.start = signalled
        server.process.kill('SIGTERM')
        setTimeout(async () => {
          // a new connection after the signal
          refused = await fetch(`${server.url}/api/health`).then(
            (r) => `answered ${r.status}`,
            (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
          )
          req.end(body.slice(10))
        }, 500)
      }, 300)
    })
    const exitTimer = { start: 0 }
    let refused = ''
    const exit = new Promise<{ code: number | null; ms: number }>((resolve) =>
      server.process.once('exit', (code) => resolve({ code, ms: Date.now() - exitTimer.start })),
    )

    const answered = await inFlight
    const exited = await exit

    expect(answered.status).toBe(200)
    expect(JSON.parse(answered.body).token).toEqual(expect.any(String))
    expect(refused).toBe('ECONNREFUSED')
    expect(exited.code).toBe(0)
    expect(exited.ms).toBeLessThan(10_000)
  }, 60_000)
})
