/** Structured logs (pino). Tokens, session keys, phone and ID numbers never reach a log line. */
import pino, { type Logger } from 'pino'

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'sessionKey',
  '*.sessionKey',
  'session_key',
  '*.session_key',
  'secret',
  '*.secret',
  'js_code',
  '*.js_code',
  'phone',
  '*.phone',
  'phoneNumber',
  '*.phoneNumber',
  'purePhoneNumber',
  '*.purePhoneNumber',
  'idNumber',
  '*.idNumber',
]

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'civic-points' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  )
}

export type { Logger }
