import type { z } from 'zod';
import type { SettlementEntryDto, SettlementListQuery, SettlementPartyDto, SettlementReportDto, SettlementReportRowDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import * as repo from './settlement.repository.ts';

/**
 * Reading the settlement between stores (LOY-7): the monthly report per store pair with the parties' net, and the
 * rows behind it. A caller sees the pairs where either store is within its scope; the head office sees all.
 */

type ListQuery = z.output<typeof SettlementListQuery>;

/** Names of the stores and parties of some rows: unit names, the company shown by the head office's name. */
export async function namesFor(db: DbOrTx, tenantId: string, rows: { fromStoreId: string | null; toStoreId: string | null }[]) {
  const [units, hq] = await readTogether(db, [
    () => repo.unitsByIds(db, tenantId, rows.flatMap((r) => [r.fromStoreId, r.toStoreId])),
    () => repo.headOfficeName(db, tenantId),
  ]);
  const store = (id: string | null) => (id ? (units.get(id)?.name ?? null) : null);
  const party = (id: string | null, kind: SettlementPartyDto['kind']): SettlementPartyDto => ({ id, kind, name: id ? store(id) : hq });
  return { store, party };
}

const partyKey = (p: SettlementPartyDto) => p.id ?? 'hq';
const byName = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'zh-CN');

/**
 * Both directions between two parties netted: for each unordered pair, what one owes the other minus what it is
 * owed; the direction follows the amount (the points when the amount nets to zero). Pairs that net to nothing drop out.
 */
export function netOf(rows: SettlementReportRowDto[]): SettlementReportDto['net'] {
  const pairs = new Map<string, { a: SettlementPartyDto; b: SettlementPartyDto; points: number; amountFen: number }>();
  for (const r of rows) {
    const forward = partyKey(r.fromParty) < partyKey(r.toParty);
    const [a, b] = forward ? [r.fromParty, r.toParty] : [r.toParty, r.fromParty];
    const key = `${partyKey(a)}|${partyKey(b)}`;
    const p = pairs.get(key) ?? { a, b, points: 0, amountFen: 0 };
    p.points += forward ? r.points : -r.points;
    p.amountFen += forward ? r.amountFen : -r.amountFen;
    pairs.set(key, p);
  }
  return [...pairs.values()]
    .filter((p) => p.amountFen !== 0 || p.points !== 0)
    .map((p) => {
      const aOwes = p.amountFen > 0 || (p.amountFen === 0 && p.points > 0);
      return aOwes
        ? { fromParty: p.a, toParty: p.b, points: p.points, amountFen: p.amountFen }
        : { fromParty: p.b, toParty: p.a, points: -p.points, amountFen: -p.amountFen };
    })
    .sort((x, y) => y.amountFen - x.amountFen || byName(x.fromParty.name, y.fromParty.name));
}

/** The month's report (Asia/Shanghai calendar month): one row per store pair, the parties' net, the totals. */
export async function settlementReport(ctx: Ctx, month: string): Promise<SettlementReportDto> {
  const totals = await repo.pairTotals(ctx.db, repo.visibleSettlements(ctx, repo.inMonth(month)));
  const { store, party } = await namesFor(ctx.db, ctx.tenantId, totals);
  const rows: SettlementReportRowDto[] = totals
    .map((t) => ({
      fromParty: party(t.fromPartyId, t.fromPartyKind), fromStoreId: t.fromStoreId, fromStoreName: store(t.fromStoreId),
      toParty: party(t.toPartyId, t.toPartyKind), toStoreId: t.toStoreId, toStoreName: store(t.toStoreId),
      points: t.points, amountFen: t.amountFen, redemptions: t.redemptions, cancellations: t.cancellations,
    }))
    .sort((x, y) => byName(x.fromParty.name, y.fromParty.name) || byName(x.fromStoreName, y.fromStoreName) || byName(x.toStoreName, y.toStoreName));
  const sum = (k: 'points' | 'amountFen' | 'redemptions' | 'cancellations') => rows.reduce((n, r) => n + r[k], 0);
  return { month, rows, net: netOf(rows), totals: { points: sum('points'), amountFen: sum('amountFen'), redemptions: sum('redemptions'), cancellations: sum('cancellations') } };
}

export async function toEntryDtos(db: DbOrTx, tenantId: string, rows: repo.SettlementRowWithNumber[]): Promise<SettlementEntryDto[]> {
  const { store, party } = await namesFor(db, tenantId, rows);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, redemptionId: r.redemptionId, memberId: r.memberId, memberNumber: r.memberNumber,
    fromParty: party(r.fromPartyId, r.fromPartyKind), fromStoreId: r.fromStoreId, fromStoreName: store(r.fromStoreId),
    toParty: party(r.toPartyId, r.toPartyKind), toStoreId: r.toStoreId, toStoreName: store(r.toStoreId),
    points: r.points, amountFen: r.amountFen, pointsPerYuan: r.pointsPerYuan, createdAt: r.createdAt.toISOString(),
  }));
}

export const listWhere = (ctx: Ctx, q: Omit<ListQuery, 'limit' | 'cursor'>) => repo.visibleSettlements(ctx, repo.inMonth(q.month), repo.pairFilter(q));

/** The rows of a month (a pair's, when given), newest first, in keyset pages. */
export async function listSettlements(ctx: Ctx, q: ListQuery) {
  const page = await repo.settlementPage(ctx.db, listWhere(ctx, q), q.limit, decodeCursor(q.cursor));
  return { items: await toEntryDtos(ctx.db, ctx.tenantId, page.rows), nextCursor: page.nextCursor };
}
