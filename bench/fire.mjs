// Load generator for the benchmarks, run as its own process so the client does not compete
// with the server for the event loop. Reads a JSON job on stdin:
//   { url, method, requests: [{ path, token }], concurrency? }
// fires them all (at most `concurrency` in flight, default all at once) and prints JSON:
//   { ms, statuses: {code: count}, bodies: [...], latencies: [...] }
import http from 'node:http'

const chunks = []
for await (const c of process.stdin) chunks.push(c)
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency ?? job.requests.length })

function send(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ statusCode: res.statusCode, text }))
    })
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

const latencies = new Array(job.requests.length)
const bodies = new Array(job.requests.length)
const statuses = {}
let next = 0
async function worker() {
  while (next < job.requests.length) {
    const i = next++
    const r = job.requests[i]
    const t0 = performance.now()
    try {
      const body = r.body ? JSON.stringify(r.body) : undefined
      const headers = { authorization: `Bearer ${r.token}`, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) }
      const res = await send(job.url + r.path, job.method, headers, body)
      const text = res.text
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
      bodies[i] = text ? JSON.parse(text) : null
    } catch (err) {
      statuses.network = (statuses.network ?? 0) + 1
      bodies[i] = { error: { code: 'network', message: String(err) } }
    }
    latencies[i] = performance.now() - t0
  }
}
const started = performance.now()
await Promise.all(Array.from({ length: Math.min(job.concurrency ?? job.requests.length, job.requests.length) }, worker))
const ms = performance.now() - started
agent.destroy()
process.stdout.write(JSON.stringify({ ms, statuses, bodies, latencies }))
