import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { SettlementEntryDto, SettlementExportQuery } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { neutraliseFormula } from '../../platform/files/sheet-writer.ts';
import { contentDisposition } from '../../platform/files/download.ts';
import { listWhere, toEntryDtos } from './settlement.service.ts';
import * as repo from './settlement.repository.ts';

/**
 * The settlement rows of a month as CSV (UTF-8 with a BOM, so Excel reads Chinese), streamed page by page as they are
 * read: memory stays flat. Audited as an export. Headers and kinds in the caller's language.
 */

type ExportQuery = z.output<typeof SettlementExportQuery>;
const BATCH = 500;

const LABELS = {
  'zh-CN': {
    headers: ['时间', '类型', '兑换单号', '会员号', '积分来源方', '积分来源门店', '兑换方', '兑换门店', '积分', '结算金额（元）', '兑换比率（积分/元）'],
    kind: { redeem: '兑换', cancel: '兑换撤销' },
    hq: '总部',
  },
  'en-US': {
    headers: ['Time', 'Kind', 'Redemption', 'Member number', 'Owing party', 'Earned at', 'Owed party', 'Redeemed at', 'Points', 'Amount (yuan)', 'Rate (points per yuan)'],
    kind: { redeem: 'Redemption', cancel: 'Cancellation' },
    hq: 'Head office',
  },
} as const;

/** Fen as yuan with two decimals, in integers (−150 → "-1.50"). */
export const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

const shanghaiTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function line(e: SettlementEntryDto, l: (typeof LABELS)[keyof typeof LABELS]) {
  return [
    shanghaiTime.format(new Date(e.createdAt)), l.kind[e.kind], e.redemptionId, e.memberNumber, e.fromParty.name ?? l.hq, e.fromStoreName ?? '', e.toParty.name ?? l.hq,
    e.toStoreName ?? '', e.points, yuan(e.amountFen), e.pointsPerYuan,
  ].map((c) => neutraliseFormula(c) ?? '');
}

export async function exportSettlements(ctx: Ctx, q: ExportQuery): Promise<{ fileName: string; stream: Readable }> {
  const l = ctx.locale === 'en-US' ? LABELS['en-US'] : LABELS['zh-CN'];
  const where = listWhere(ctx, q);
  await ctx.audit.record(ctx.db, { action: 'loyaltySettlement.exported', entityType: 'loyaltySettlement', meta: { month: q.month, fromStoreId: q.fromStoreId ?? null, toStoreId: q.toStoreId ?? null } });
  async function* chunks() {
    yield `\ufeff${stringify([[...l.headers]], { record_delimiter: 'windows' })}`;
    let cursor: [string, string] | null = null;
    for (;;) {
      const page = await repo.settlementPage(ctx.db, where, BATCH, cursor);
      if (page.rows.length) yield stringify((await toEntryDtos(ctx.db, ctx.tenantId, page.rows)).map((e) => line(e, l)), { record_delimiter: 'windows' });
      const last = page.rows.at(-1);
      if (!page.nextCursor || !last) return;
      cursor = [last.sortKey, last.id];
    }
  }
  return { fileName: ctx.locale === 'en-US' ? `settlement-${q.month}.csv` : `跨店结算-${q.month}.csv`, stream: Readable.from(chunks()) };
}

/** Send the export as a download (an attachment, never rendered inline). */
export function sendCsv(reply: FastifyReply, file: { fileName: string; stream: Readable }) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
