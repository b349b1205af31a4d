import {
  ExpiryNotice, ExpiryNoticeListQuery, MemberKpiQuery, MemberKpis, SettlementEntry, SettlementExportQuery, SettlementListQuery, SettlementReport, SettlementReportQuery, pageOf,
} from '@jiake/shared';
import type { App } from '../../platform/http/types.ts';
import { FileResponse } from '../../platform/files/download.ts';
import { listSettlements, settlementReport } from './settlement.service.ts';
import { exportSettlements, sendCsv } from './settlement-export.ts';
import { memberKpis } from './kpis.service.ts';
import { listNotices } from './notices.service.ts';

const tags = ['loyalty'];

/**
 * Settlement between stores (LOY-7), member KPIs and the expiry notices sent; registered by loyalty.routes.ts.
 * Settlement pairs are seen by the scope of either store; KPIs and notices by the members' join stores.
 */
export function registerSettlementRoutes(app: App) {
  app.get('/api/v1/loyalty/settlements/report', {
    config: { permission: 'loyalty:view' },
    schema: {
      tags,
      summary: 'Monthly settlement (Asia/Shanghai month) per store pair: points redeemed at one store that another party earned, what is owed, and the parties’ net',
      querystring: SettlementReportQuery,
      response: { 200: SettlementReport },
    },
    handler: async (req) => settlementReport(req.ctx, req.query.month),
  });
  app.get('/api/v1/loyalty/settlements', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'The settlement rows of a month (of one store pair: fromStoreId/toStoreId, `none` for no store), newest first', querystring: SettlementListQuery, response: { 200: pageOf(SettlementEntry) } },
    handler: async (req) => listSettlements(req.ctx, req.query),
  });
  app.get('/api/v1/loyalty/settlements/export', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'The settlement rows of a month as CSV (UTF-8 with BOM), streamed; audited', querystring: SettlementExportQuery, response: FileResponse },
    handler: async (req, reply) => sendCsv(reply, await exportSettlements(req.ctx, req.query)),
  });

  app.get('/api/v1/loyalty/kpis', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'Member KPIs of the caller’s members over Shanghai days: new, active, points by kind, liability now, redemptions, top gifts', querystring: MemberKpiQuery, response: { 200: MemberKpis } },
    handler: async (req) => memberKpis(req.ctx, req.query),
  });

  app.get('/api/v1/loyalty/expiry-notices', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'Notices ahead of points expiring (sent or skipped with the reason), newest first', querystring: ExpiryNoticeListQuery, response: { 200: pageOf(ExpiryNotice) } },
    handler: async (req) => listNotices(req.ctx, req.query),
  });
}
