import type {
  ActivityAttachmentDto, ActivityKind, InvitationStatus, NextStepDto, NextStepItemDto, ProposalStatus, ProposalVersionDto, SalesActivityDto,
} from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import * as repo from './activities.repository.ts';
import { subjectLink, subjectNameFor } from './subject-link.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

type AttachmentRow = Awaited<ReturnType<typeof repo.attachmentsOf>>[number];
type VersionWithName = Awaited<ReturnType<typeof repo.versionsOf>>[number];

const toAttachment = (a: AttachmentRow): ActivityAttachmentDto => ({
  id: a.id, fileName: a.fileName, mime: a.mime, size: a.size, uploadedBy: a.uploadedBy, createdAt: a.createdAt.toISOString(),
});

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

export function toNextStep(r: repo.ActivityRow & { doneByName?: string | null }, now: Date): NextStepDto | null {
  if (!r.nextStepText || !r.nextStepDueAt) return null;
  return {
    text: r.nextStepText,
    dueAt: r.nextStepDueAt.toISOString(),
    overdue: !r.nextStepDoneAt && r.nextStepDueAt.getTime() < now.getTime(),
    doneAt: iso(r.nextStepDoneAt),
    doneById: r.nextStepDoneById,
    doneByName: r.doneByName ?? null,
    doneNote: r.nextStepDoneNote,
  };
}

function toVersion(v: VersionWithName, files: AttachmentRow[]): ProposalVersionDto {
  return {
    id: v.id, number: v.number, summary: v.summary, amountFen: v.amountFen, createdAt: v.createdAt.toISOString(), createdById: v.createdById,
    createdByName: v.createdByName, presentedAt: iso(v.presentedAt), presentedById: v.presentedById, answer: v.answer, answeredAt: iso(v.answeredAt),
    rejectReason: v.rejectReason, attachments: files.map(toAttachment),
  };
}

function toDto(ctx: Ctx, r: repo.ActivityRowWithNames, files: AttachmentRow[], versions: ProposalVersionDto[], now: Date): SalesActivityDto {
  const kind = r.kind as ActivityKind;
  return {
    id: r.id,
    kind,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    subjectName: subjectNameFor(ctx, r.subjectType, r.subjectName),
    subjectLink: subjectLink(r.subjectType, r.subjectId),
    storeId: r.storeId,
    storeName: r.storeName,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    occurredAt: r.occurredAt.toISOString(),
    outcome: r.outcome,
    notes: r.notes,
    nextStep: toNextStep(r, now),
    attachments: files.map(toAttachment),
    message: kind === 'message' ? { channel: r.channel as 'wechat' } : null,
    visit: kind === 'visit' ? { visitType: r.visitType as 'measure', address: r.address, rooms: r.rooms, furnitureSeen: r.furnitureSeen } : null,
    proposal: kind === 'proposal' ? { title: r.title ?? '', status: r.status as ProposalStatus, statusAt: iso(r.statusAt), versions } : null,
    invitation:
      kind === 'invitation'
        ? {
            storeId: r.invitedStoreId, storeName: r.invitedStoreName, invitedFor: r.invitedFor!.toISOString(), status: r.status as InvitationStatus,
            statusAt: iso(r.statusAt), arrivedAt: iso(r.arrivedAt), receivedById: r.receivedById, receivedByName: r.receivedByName, cancelReason: r.cancelReason,
          }
        : null,
    editable: r.editable,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** DTOs of some activities with their attachments and proposal versions (three queries whatever the count). */
export async function toActivityDtos(ctx: Ctx, db: DbOrTx, rows: repo.ActivityRowWithNames[]): Promise<SalesActivityDto[]> {
  if (!rows.length) return [];
  const proposals = rows.filter((r) => r.kind === 'proposal').map((r) => r.id);
  const versions = await repo.versionsOf(db, ctx.tenantId, proposals);
  const [files, versionFiles] = await readTogether(db, [
    () => repo.attachmentsOf(db, ctx.tenantId, 'salesActivity', rows.map((r) => r.id)),
    () => repo.attachmentsOf(db, ctx.tenantId, 'proposalVersion', versions.map((v) => v.id)),
  ]);
  const filesOf = group(files, (f) => f.entityId);
  const versionFilesOf = group(versionFiles, (f) => f.entityId);
  const versionsOf = group(versions, (v) => v.activityId);
  const now = ctx.now();
  return rows.map((r) =>
    toDto(ctx, r, filesOf.get(r.id) ?? [], (versionsOf.get(r.id) ?? []).map((v) => toVersion(v, versionFilesOf.get(v.id) ?? [])), now),
  );
}

export function toNextStepItem(ctx: Ctx, r: repo.ActivityRowWithNames, now: Date): NextStepItemDto {
  return {
    activityId: r.id,
    kind: r.kind as ActivityKind,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    subjectName: subjectNameFor(ctx, r.subjectType, r.subjectName),
    subjectLink: subjectLink(r.subjectType, r.subjectId),
    storeId: r.storeId,
    storeName: r.storeName,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    occurredAt: r.occurredAt.toISOString(),
    outcome: r.outcome,
    nextStep: toNextStep(r, now)!,
    editable: r.editable,
  };
}
