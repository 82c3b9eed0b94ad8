/**
 * The HTTP server around the Koa app. Requests Node's parser refuses before Koa sees them
 * (an overlong URL or headers, a malformed request line) still get the standard error body.
 */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import type Koa from 'koa'
import { errorBody } from './error-handler'

export function createHttpServer(app: Koa): http.Server {
  const server = http.createServer(app.callback())
  server.keepAliveTimeout = 5_000
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
    const status = tooLarge ? 431 : 400
    const body = JSON.stringify(errorBody(tooLarge ? 'headers_too_large' : 'bad_request'))
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  })
  return server
}
