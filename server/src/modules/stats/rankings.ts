/**
 * 红黑榜: units by participation rate and by 周上街 compliance, communities by participation
 * rate. Best first, ties broken by name (Chinese collation); `top` is the best min(10, ⌈n/2⌉),
 * `bottom` the worst of the rest (worst first), so nobody is on both lists. A null figure
 * (headcount 0, nobody registered, no 周上街 required) is not ranked: it is listed as unranked.
 * Only approved attendance counts (the figures come from participation() and streetDuty()).
 * The route adds units by on-time 整改 (reports/stats.ts), ranked the same way.
 */
import { RANKING_SIZE, type RankList, type Rankings } from '@civic/shared'
import { byName } from './figures'
import { communityRows, unitRows } from './participation'
import type { Reader } from './sql'
import type { Period } from './period'
import { OFFICE_SCOPE } from './scope'
import { streetDuty } from './street-duty'


interface Scored {
  id: number
  name: string
  value: number | null
}

export function rankList(items: Scored[], size = RANKING_SIZE): RankList {
  const ranked = items
    .filter((i): i is Scored & { value: number } => i.value != null)
    .sort((a, b) => b.value - a.value || byName(a, b))
    .map((i, n) => ({ rank: n + 1, id: i.id, name: i.name, value: i.value }))
  const topSize = Math.min(size, Math.ceil(ranked.length / 2))
  const bottomSize = Math.min(size, ranked.length - topSize)
  return {
    ranked: ranked.length,
    top: ranked.slice(0, topSize),
    bottom: ranked.slice(ranked.length - bottomSize).reverse(),
    unranked: items
      .filter((i) => i.value == null)
      .sort(byName)
      .map((i) => ({ id: i.id, name: i.name })),
  }
}

export async function rankings(q: Reader, p: Period, now: Date = new Date()): Promise<Omit<Rankings, 'unitsByOnTimeRectification'>> {
  const units = await unitRows(q, p, OFFICE_SCOPE)
  const communities = await communityRows(q, p, OFFICE_SCOPE)
  const duty = await streetDuty(q, p, OFFICE_SCOPE, now)
  return {
    from: p.from,
    to: p.to,
    unitsByParticipation: rankList(units.map((u) => ({ id: u.id, name: u.name, value: u.rate }))),
    unitsByCompliance: rankList(duty.units.map((u) => ({ id: u.id, name: u.name, value: u.compliance }))),
    communitiesByParticipation: rankList(communities.map((c) => ({ id: c.id, name: c.name, value: c.rate }))),
  }
}
