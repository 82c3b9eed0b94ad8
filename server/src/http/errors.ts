import { ERRORS, type ErrorCode } from '@civic/shared'

/**
 * An operational error with a stable code. `message` is shown to users (Chinese);
 * `meta` carries machine-readable facts (e.g. the overlapping activity).
 */
export class AppError extends Error {
  readonly status: number
  readonly expose = true
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly meta?: Record<string, unknown>,
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    super(message ?? ERRORS[code].message)
    this.status = ERRORS[code].status
  }
}

export const fail = (code: ErrorCode, message?: string, meta?: Record<string, unknown>): never => {
  throw new AppError(code, message, meta)
}
