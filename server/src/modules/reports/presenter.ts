/** Report rows → the views the API answers (signed photo URLs; names to the office only). */
import type { ReportEventView, ReportPhotoView, ReportSummary, ReportView } from '@civic/shared'
import type { SessionUser } from '../../auth/roles'
import type { Prisma } from '../../generated/prisma/client'
import type { Storage } from '../../storage'
import { actionsFor } from './access'
import { isLate, isOverdue } from './rules'

const ref = { select: { id: true, name: true } } as const

export const summaryInclude = {
  category: ref,
  community: ref,
  unit: ref,
  reporter: { select: { id: true, realName: true } },
  photos: {
    where: { kind: 'before' },
    orderBy: { position: 'asc' },
    take: 1,
    include: { upload: { select: { storageKey: true } } },
  },
} satisfies Prisma.ReportInclude

export const detailInclude = {
  category: ref,
  community: ref,
  unit: ref,
  reporter: { select: { id: true, realName: true } },
  photos: {
    orderBy: [{ kind: 'asc' }, { eventId: 'asc' }, { position: 'asc' }, { id: 'asc' }],
    include: { upload: { select: { storageKey: true, width: true, height: true } } },
  },
  events: { orderBy: { id: 'asc' }, include: { actor: { select: { realName: true } }, unit: ref } },
} satisfies Prisma.ReportInclude

type SummaryRow = Prisma.ReportGetPayload<{ include: typeof summaryInclude }>
type DetailRow = Prisma.ReportGetPayload<{ include: typeof detailInclude }>

export interface Presenting {
  viewer: SessionUser
  storage: Storage
  ttlS: number
  now: Date
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function common(r: SummaryRow | DetailRow, p: Presenting) {
  return {
    id: r.id,
    status: r.status,
    category: r.category,
    community: r.community,
    description: r.description,
    address: r.address,
    latitude: r.latitude,
    longitude: r.longitude,
    unit: r.unit,
    deadline: iso(r.deadline),
    overdue: isOverdue(r, p.now),
    late: isLate(r),
    reporter: p.viewer.isOffice ? { id: r.reporter.id, name: r.reporter.realName ?? '（未填写姓名）' } : null,
    createdAt: r.createdAt.toISOString(),
    rectifiedAt: iso(r.rectifiedAt),
    closedAt: iso(r.closedAt),
  }
}

export async function presentSummary(r: SummaryRow, p: Presenting): Promise<ReportSummary> {
  const first = r.photos[0]
  return {
    ...common(r, p),
    thumbnailUrl: first ? await p.storage.signedUrl(first.upload.storageKey, p.ttlS) : null,
  }
}

const OFFICE_KINDS = new Set(['rejected', 'marked_duplicate', 'assigned', 'sent_back', 'closed'])

function presentEvent(e: DetailRow['events'][number], viewer: SessionUser): ReportEventView {
  const role = e.kind === 'submitted' ? 'reporter' : OFFICE_KINDS.has(e.kind) ? 'office' : 'unit'
  return {
    id: e.id,
    kind: e.kind,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: { role, name: viewer.isOffice ? (e.actor.realName ?? null) : null },
    note: e.note,
    unit: e.unit,
    deadline: iso(e.deadline),
    createdAt: e.createdAt.toISOString(),
  }
}

export async function presentReport(r: DetailRow, p: Presenting): Promise<ReportView> {
  const photos = await Promise.all(
    r.photos.map(
      async (ph): Promise<ReportPhotoView & { kind: string }> => ({
        kind: ph.kind,
        uploadId: ph.uploadId,
        url: await p.storage.signedUrl(ph.upload.storageKey, p.ttlS),
        width: ph.upload.width,
        height: ph.upload.height,
        eventId: ph.eventId,
      }),
    ),
  )
  const strip = ({ kind: _kind, ...rest }: ReportPhotoView & { kind: string }) => rest
  const last = r.events[r.events.length - 1]
  return {
    ...common(r, p),
    instruction: r.instruction,
    duplicateOfId: r.duplicateOfId,
    reason: last && (last.kind === 'rejected' || last.kind === 'sent_back') ? last.note : null,
    version: r.version,
    photos: {
      before: photos.filter((x) => x.kind === 'before').map(strip),
      after: photos.filter((x) => x.kind === 'after').map(strip),
    },
    history: r.events.map((e) => presentEvent(e, p.viewer)),
    actions: actionsFor(p.viewer, r),
  }
}
