// Runs autocannon in its own process (so the load does not share the server's event loop).
// stdin: { url, method, path, body?, tokens?: string[], amount, connections }
// Each request takes the next token from `tokens` (one per person) when given.
// stdout: { rps, p50, p90, p99, max, errors, non2xx, statusCodes, ms }
import autocannon from 'autocannon'

const chunks = []
for await (const c of process.stdin) chunks.push(c)
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'))

let next = 0
// autocannon notices `amount` is reached only on its 1 s sampling tick, so its start/finish
// round the run up to whole seconds: time the run from its start to the last response instead
const started = performance.now()
let lastResponse = 0
const instance = autocannon({
  url: job.url,
  connections: job.connections,
  amount: job.amount,
  pipelining: 1,
  timeout: 30,
  requests: [
    {
      method: job.method,
      path: job.path,
      headers: { 'content-type': 'application/json' },
      body: job.body ? JSON.stringify(job.body) : undefined,
      setupRequest(req) {
        const token = job.tokens ? job.tokens[next++ % job.tokens.length] : undefined
        return token ? { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } } : req
      },
    },
  ],
})
instance.on('response', () => (lastResponse = performance.now()))
instance.on('reqError', () => (lastResponse = performance.now()))
const result = await instance
const ms = lastResponse > 0 ? lastResponse - started : new Date(result.finish).getTime() - new Date(result.start).getTime()
process.stdout.write(
  JSON.stringify({
    rps: (result.requests.total / ms) * 1000,
    total: result.requests.total,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
    ms,
  }),
)
