/** The first message per field of a failed zod parse (`issue.path[0]`), for inline form errors. */
export function fieldErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form'
    if (!out[key]) out[key] = issue.message
  }
  return out
}

/** '' → null, otherwise a number (NaN stays NaN so the schema reports it). */
export function optionalNumber(text: string): number | null {
  const t = text.trim()
  return t === '' ? null : Number(t)
}
