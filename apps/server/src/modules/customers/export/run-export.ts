import type { Config } from '../../../platform/config.ts';
import { can } from '../../../platform/http/context.ts';
import type { JobHandler } from '../../../platform/jobs/runner.ts';
import { redactRecord } from '../../../platform/access/field-security.ts';
import { openSheetWriter } from '../../../platform/files/sheet-writer.ts';
import { toCustomerDto } from '../customers.dto.ts';
import { cappedCount, decodeCursor, listPage } from '../customers.repository.ts';
import { customerListWhere } from '../customers.service.ts';
import { chooseColumns, exportFilePath, type ExportJobInput } from './export.service.ts';

const PAGE = 1000;
const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/**
 * The export job (CUS-7): the customers the list would show for the same filter (scope + filters + search), read in
 * keyset pages and streamed to the file; field rules applied to every record (hidden columns absent, phones masked
 * unless the role may reveal them); cells that would run as formulas neutralised; one audit row.
 */
export function runExport(config: Config): JobHandler {
  return async (ctx, job, h) => {
    if (!can(ctx, 'customers:export')) throw new Error('the user who queued this export may no longer export customers');
    const input = job.input as unknown as ExportJobInput;
    const where = await customerListWhere(ctx, input.filter);
    const columns = await chooseColumns(ctx, input.columns);
    const reveal = can(ctx, 'customers:reveal');
    const total = (await cappedCount(ctx, where, 1_000_000)).total;
    const sheet = await openSheetWriter(exportFilePath(config, ctx.tenantId, job.id, input.format), input.format, columns.map((c) => c.label), '客户');
    let count = 0;
    try {
      let cursor: [unknown, string] | null = null;
      do {
        const page = await listPage(ctx, where, input.filter.sort, input.filter.order, PAGE, cursor);
        for (const r of page.rows) {
          const c = redactRecord(ctx, 'customer', toCustomerDto(r), { reveal });
          await sheet.addRow(columns.map((col) => col.format(c)));
        }
        count += page.rows.length;
        await h.progress(count, Math.max(total, count));
        cursor = decodeCursor(page.nextCursor ?? undefined, input.filter.sort);
      } while (cursor);
      await sheet.close();
    } catch (err) {
      await sheet.abort();
      throw err;
    }
    const result = {
      count, format: input.format, fileName: `客户导出-${stamp.format(ctx.now()).replace(/[-:]/g, '').replace(' ', '-')}.${input.format}`,
      columns: columns.map((c) => c.key), phonesMasked: !reveal,
    };
    await ctx.audit.record(ctx.db, { action: 'customer.exported', entityType: 'customer', meta: { ...result, filter: input.filter, jobId: job.id } });
    return result;
  };
}
