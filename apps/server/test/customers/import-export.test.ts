import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStore, newTenant, testApp, userIn, type Client, type TestApp } from '../helpers.ts';
import { countRows, createCustomer, defineField, expectErrorBody } from '../factories.ts';
import { uploadFile, type FilePart } from '../uploads.ts';

/** CUS-7 / INT-4: customer import (mapping, dry run, row report, idempotent re-runs) and export (scope, field rules). */

let t: TestApp;
let small: TestApp;
beforeAll(async () => {
  t = await testApp();
  small = await testApp({ MAX_UPLOAD_MB: '0.01' });
});
afterAll(async () => {
  await t.app.close();
  await small.app.close();
});

// ---------- fixtures built in the test ----------

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csvText = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');

/** GBK bytes of a string, from the decoder's own table (Node has no GBK encoder). */
let gbkTable: Map<string, number[]> | null = null;
function gbk(s: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Buffer.from([a, b]));
        if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  return Buffer.from([...s].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : gbkTable!.get(c)!)));
}

const upload = (c: Client, file: FilePart, app = t) => uploadFile(app, c, '/api/v1/customer-imports', file);

async function runJob(c: Client, url: string, body: unknown) {
  const started = await c.post(url, body);
  expect(started.statusCode, started.body).toBe(202);
  await t.deps.jobs.drain();
  const job = await c.get(`/api/v1/jobs/${started.json().id}`);
  expect(job.statusCode).toBe(200);
  return { started: started.json(), job: job.json() };
}
const runImport = (c: Client, id: string, mapping: Record<string, string>, dryRun = false) => runJob(c, `/api/v1/customer-imports/${id}/run`, { mapping, dryRun });

async function customersOf(c: Client) {
  return (await c.get('/api/v1/customers?limit=200&sort=name&order=asc')).json().items as Record<string, unknown>[];
}

const HEADERS = ['客户姓名', '手机号', '性别', '生日', '邮箱', '标签', '来源', '备注'];
const MAPPING = { 客户姓名: 'name', 手机号: 'phones', 性别: 'gender', 生日: 'birthday', 邮箱: 'email', 标签: 'tags', 来源: 'source', 备注: 'notes' };

async function goodFile() {
  return xlsx([
    HEADERS,
    ['张伟', 13812340001, '男', new Date(Date.UTC(1988, 4, 1)), 'zw@example.com', 'VIP、新房', '转介绍', '看过沙发'],
    ['李娜', '139 1234 0002', '女', '农历1990-08-15', '', '', '展会', ''],
    ['王芳', '+86 137-1234-0003', '', '05-20', '', '老客户', '', ''],
  ]);
}

// ---------- import ----------

describe('customer import: upload and mapping (CUS-7)', () => {
  it('reads the header, a sample and the row count, and suggests fields for Chinese headers and custom field labels', async () => {
    const { admin, tenant } = await newTenant(t);
    await defineField(admin, { key: 'budget', label: '预算', type: 'number' });
    const file = await xlsx([
      ['姓名', '手机', '电话', '性别', '出生日期', '电子邮箱', '微信', '详细地址', '客户标签', '客户来源', '门店', '备注', '预算', '客户编号', '随便一列'],
      ['张三', 13800000001, '010-65521234', '男', '1990-01-02', 'a@b.cn', 'wx1', '北京', 'VIP', '展会', '', '', 50000, 'C0000001', 'x'],
    ]);
    const res = await upload(admin, { name: '客户名单.xlsx', content: file });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ fileName: '客户名单.xlsx', rowCount: 1, mappingRemembered: false });
    expect(body.headers).toHaveLength(15);
    expect(body.sample).toEqual([expect.objectContaining({ 姓名: '张三', 手机: '13800000001', 预算: '50000' })]);
    expect(body.suggestedMapping).toEqual({
      姓名: 'name', 手机: 'phones', 电话: 'phones', 性别: 'gender', 出生日期: 'birthday', 电子邮箱: 'email', 微信: 'wechat', 详细地址: 'address',
      客户标签: 'tags', 客户来源: 'source', 门店: 'store', 备注: 'notes', 预算: 'cf_budget', 客户编号: '', 随便一列: '',
    });
    expect(body.fields).toContainEqual({ key: 'name', label: '姓名', required: true });
    expect(body.fields).toContainEqual({ key: 'cf_budget', label: '预算', required: false });
    expect(await countRows(t, 'customers', tenant.id)).toBe(0);
  });

  it('remembers the mapping last used for files with the same headers (any order)', async () => {
    const { admin } = await newTenant(t);
    const first = (await upload(admin, { name: 'a.xlsx', content: await goodFile() })).json();
    const mine = { ...MAPPING, 备注: '', 标签: 'hobbies' };
    await runImport(admin, first.id, mine, true);
    const again = await xlsx([[...HEADERS].reverse(), ['赵六', '', '', '', '', '', '', '']]);
    const second = (await upload(admin, { name: 'b.xlsx', content: again })).json();
    expect(second.mappingRemembered).toBe(true);
    expect(second.suggestedMapping).toEqual(mine);
  });

  it('refuses a mapping without 姓名, with an unknown header or field, or a field twice; nothing is queued', async () => {
    const { admin, tenant } = await newTenant(t);
    const up = (await upload(admin, { name: 'a.xlsx', content: await goodFile() })).json();
    const bad = [{ 手机号: 'phones' }, { ...MAPPING, 不存在: 'notes' }, { ...MAPPING, 备注: 'nosuchfield' }, { ...MAPPING, 备注: 'email' }];
    for (const mapping of bad) expectErrorBody(await admin.post(`/api/v1/customer-imports/${up.id}/run`, { mapping }), 422, 'validation_failed');
    expect(await countRows(t, 'jobs', tenant.id)).toBe(0);
  });
});

describe('customer import: runs (CUS-7)', () => {
  it('dry run reports what would happen and writes nothing', async () => {
    const { admin, tenant } = await newTenant(t);
    const up = (await upload(admin, { name: 'a.xlsx', content: await goodFile() })).json();
    const { job } = await runImport(admin, up.id, MAPPING, true);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ dryRun: true, total: 3, created: 3, failed: 0, skipped: 0, duplicates: 0, errors: [] });
    expect(await countRows(t, 'customers', tenant.id)).toBe(0);
    expect(await countRows(t, 'customer_phones', tenant.id)).toBe(0);
    expect(await countRows(t, 'imported_rows', tenant.id)).toBe(0);
    expect((await admin.get('/api/v1/audit?action=customer.imported')).json().items).toEqual([]);
  });

  it('imports every good row, names the bad row and its reasons in the result and the report, and audits once with the job id', async () => {
    const { admin, tenant } = await newTenant(t);
    const file = await xlsx([
      HEADERS,
      ['张伟', 13812340001, '男', new Date(Date.UTC(1988, 4, 1)), 'zw@example.com', 'VIP、新房', '转介绍', '看过沙发'],
      ['坏行', '12345', '不知道', '', 'not-an-email', '', '', ''],
      ['', '13812349999', '', '', '', '', '', '没有名字'],
      ['李娜', '139 1234 0002', '女', '农历1990-08-15', '', '', '展会', ''],
      ['王芳', '+86 137-1234-0003', '', '05-20', '', '老客户', '', ''],
    ]);
    const up = (await upload(admin, { name: '门店客户.xlsx', content: file })).json();
    const { started, job } = await runImport(admin, up.id, MAPPING);
    expect(job.result).toMatchObject({ dryRun: false, total: 5, created: 3, failed: 2, skipped: 0 });
    const errors = job.result.errors as { row: number; field: string; message: string }[];
    expect(errors.filter((e) => e.row !== 3)).toEqual([{ row: 4, field: '客户姓名', message: '必填' }]);
    expect(errors).toContainEqual({ row: 3, field: '手机号', message: '不是有效的电话号码：12345' });
    expect(errors).toContainEqual({ row: 3, field: '邮箱', message: '邮箱格式不正确' });
    expect(errors.find((e) => e.field === '性别')?.message).toContain('不是有效的性别');

    const list = await customersOf(admin);
    expect(list.map((c) => c.name).sort()).toEqual(['张伟', '李娜', '王芳'].sort());
    const zw = list.find((c) => c.name === '张伟')!;
    expect(zw).toMatchObject({
      phones: ['138****0001'], gender: 'male', email: 'zw@example.com', tags: ['VIP', '新房'], source: 'referral', notes: '看过沙发',
      birthday: { calendar: 'solar', year: 1988, month: 5, day: 1 }, storeId: null,
    });
    expect((await admin.post(`/api/v1/customers/${zw.id}/reveal-phones`)).json().phones).toEqual(['+8613812340001']);
    expect(list.find((c) => c.name === '李娜')!.birthday).toEqual({ calendar: 'lunar', year: 1990, month: 8, day: 15 });
    expect(list.find((c) => c.name === '王芳')).toMatchObject({ birthday: { calendar: 'solar', year: null, month: 5, day: 20 }, source: 'import' });
    const me = (await admin.get('/api/v1/auth/me')).json();
    expect(new Set(list.map((c) => c.ownerId))).toEqual(new Set([me.user.id]));
    expect((await admin.get('/api/v1/customers?q=13812340001')).json().items).toHaveLength(1);
    expect((await admin.get('/api/v1/customers?q=zw')).json().items.map((c: { name: string }) => c.name)).toEqual(['张伟']);

    const report = await admin.get(`/api/v1/customer-imports/${up.id}/report.csv`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('门店客户-导入报告.csv')}`);
    expect(report.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(report.rawPayload.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toEqual(['行号', '结果', '问题', ...HEADERS]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([['行号', '结果'], ['3', '失败'], ['4', '失败']]);
    expect(rows[1][2]).toContain('手机号：不是有效的电话号码：12345');
    expect(rows[1][3]).toBe('坏行');

    const audit = (await admin.get('/api/v1/audit?action=customer.imported')).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0].meta).toMatchObject({ jobId: started.id, importId: up.id, created: 3, failed: 2, total: 5, fileName: '门店客户.xlsx' });
    expect(await countRows(t, 'customers', tenant.id)).toBe(3);
  });

  it('holds birthdays to the same rule as the form: the day must exist (lunar leap months included)', async () => {
    const { admin } = await newTenant(t);
    const file = csvText([['姓名', '生日'], ['甲', '农历2021-闰4-1'], ['乙', '2023-02-29'], ['丙', '农历2020-闰4-1'], ['丁', '02-29']]);
    const up = (await upload(admin, { name: 'birthdays.csv', content: file })).json();
    const { job } = await runImport(admin, up.id, { 姓名: 'name', 生日: 'birthday' });
    expect(job.result).toMatchObject({ created: 2, failed: 2 });
    expect(job.result.errors).toEqual([
      { row: 2, field: '生日', message: '这一天不存在：农历2021-闰4-1' },
      { row: 3, field: '生日', message: '生日格式不正确：2023-02-29（例：1990-05-01、05-01、农历1990-08-15）' },
    ]);
    expect((await customersOf(admin)).find((c) => c.name === '丙')?.birthday).toEqual({ calendar: 'lunar', year: 2020, month: 4, day: 1, leapMonth: true });
  });

  it('shows the job and its progress through GET /api/v1/jobs/:id', async () => {
    const { admin } = await newTenant(t);
    const up = (await upload(admin, { name: 'a.xlsx', content: await goodFile() })).json();
    const started = await admin.post(`/api/v1/customer-imports/${up.id}/run`, { mapping: MAPPING });
    expect(started.json()).toMatchObject({ kind: 'customer.import', status: 'queued', progress: 0, total: 3, result: null });
    await t.deps.jobs.drain();
    const job = (await admin.get(`/api/v1/jobs/${started.json().id}`)).json();
    expect(job).toMatchObject({ status: 'succeeded', progress: 3, total: 3 });
    expect(job.finishedAt).not.toBeNull();
  });

  it('creates nothing twice when the same file is run again or uploaded again', async () => {
    const { admin, tenant } = await newTenant(t);
    const content = await goodFile();
    const up = (await upload(admin, { name: 'a.xlsx', content })).json();
    expect((await runImport(admin, up.id, MAPPING)).job.result.created).toBe(3);
    const again = await runImport(admin, up.id, MAPPING);
    expect(again.job.result).toMatchObject({ created: 0, alreadyImported: 3, skipped: 3, duplicates: 0 });
    const reupload = (await upload(admin, { name: '再来一次.xlsx', content })).json();
    expect((await runImport(admin, reupload.id, MAPPING)).job.result).toMatchObject({ created: 0, alreadyImported: 3 });
    expect(await countRows(t, 'customers', tenant.id)).toBe(3);
    expect(await countRows(t, 'customer_phones', tenant.id)).toBe(3);
  });

  it('resumes after a crash: a job picked up again finishes the rows that were not committed, and only those', async () => {
    const { admin, tenant } = await newTenant(t);
    const rows = Array.from({ length: 1200 }, (_, i) => [`客户${i}`, `137${String(i).padStart(8, '0')}`]);
    const up = (await upload(admin, { name: 'big.csv', content: csvText([['姓名', '手机'], ...rows]) })).json();
    const { started, job } = await runImport(admin, up.id, { 姓名: 'name', 手机: 'phones' });
    expect(job.result.created).toBe(1200);
    // As if the worker died after committing two batches of 500: the third batch's rows never existed …
    const pool = t.deps.db.pool;
    const lost = (await pool.query("SELECT customer_id FROM imported_rows WHERE tenant_id = $1 AND row_key::int > 1001", [tenant.id])).rows.map((r) => r.customer_id);
    expect(lost).toHaveLength(200);
    await pool.query('DELETE FROM customer_phones WHERE customer_id = ANY($1)', [lost]);
    await pool.query('DELETE FROM customers WHERE id = ANY($1)', [lost]);
    await pool.query('DELETE FROM imported_rows WHERE customer_id = ANY($1)', [lost]);
    // … and the job still says running, with a heartbeat long gone.
    await pool.query("UPDATE jobs SET status = 'running', result = NULL, heartbeat_at = $2 WHERE id = $1", [started.id, new Date(t.clock.now().getTime() - 10 * 60_000)]);
    expect(await t.deps.jobs.drain()).toBe(1);
    const resumed = (await admin.get(`/api/v1/jobs/${started.id}`)).json();
    expect(resumed.status).toBe('succeeded');
    expect(resumed.result).toMatchObject({ created: 200, alreadyImported: 1000 });
    expect(await countRows(t, 'customers', tenant.id)).toBe(1200);
    const distinct = await pool.query('SELECT count(DISTINCT e164)::int AS n FROM customer_phones WHERE tenant_id = $1', [tenant.id]);
    expect(distinct.rows[0].n).toBe(1200);
  });

  it('skips rows whose phone an existing customer has, and repeats within the file, with the reason', async () => {
    const { admin, tenant } = await newTenant(t);
    await createCustomer(admin, { name: '老客户', phones: ['13800000001'] });
    const file = csvText([
      ['姓名', '手机'],
      ['甲', '13800000001'],
      ['乙', '13800000002'],
      ['丙', '138-0000-0002'],
      ['丁', '13800000003'],
    ]);
    const up = (await upload(admin, { name: 'dups.csv', content: file })).json();
    const { job } = await runImport(admin, up.id, { 姓名: 'name', 手机: 'phones' });
    expect(job.result).toMatchObject({ created: 2, duplicates: 2, skipped: 2, failed: 0 });
    expect(job.result.errors).toEqual(
      expect.arrayContaining([
        { row: 2, field: '手机', message: '手机号已被已有客户使用，已跳过' },
        { row: 4, field: '手机', message: '与第 3 行的手机号重复，已跳过' },
      ]),
    );
    expect((await customersOf(admin)).map((c) => c.name).sort()).toEqual(['丁', '乙', '老客户'].sort());
    expect(await countRows(t, 'customers', tenant.id)).toBe(3);
    const report = parseCsv((await admin.get(`/api/v1/customer-imports/${up.id}/report.csv`)).rawPayload.toString('utf8').slice(1)) as string[][];
    expect(report.slice(1).map((r) => [r[0], r[1]])).toEqual([['2', '跳过（重复）'], ['4', '跳过（重复）']]);
  });

  it('keeps the report in row order across batches (the next rows are read while a batch is written)', async () => {
    const { admin, tenant } = await newTenant(t);
    // Existing customers whose phones rows 900 and 1500 bring: skipped when their batch meets the database.
    await createCustomer(admin, { name: '老客户甲', phones: ['13600000900'] });
    await createCustomer(admin, { name: '老客户乙', phones: ['13600001500'] });
    const rows = Array.from({ length: 1600 }, (_, i) => {
      const n = i + 2; // the file's row number (row 1 is the header)
      if (n % 97 === 0) return ['', `136${String(n).padStart(8, '0')}`]; // no name: fails as soon as it is read
      if (n === 1210) return ['重复', '13600000700']; // the phone of row 700, two batches earlier
      return [`客户${n}`, `136${String(n).padStart(8, '0')}`];
    });
    const up = (await upload(admin, { name: 'many.csv', content: csvText([['姓名', '手机'], ...rows]) })).json();
    const { job } = await runImport(admin, up.id, { 姓名: 'name', 手机: 'phones' });
    const failed = rows.filter((r) => r[0] === '').length;
    expect(job.result).toMatchObject({ total: 1600, failed, duplicates: 3, created: 1600 - failed - 3 });
    const errorRows = (job.result.errors as { row: number }[]).map((e) => e.row);
    expect(errorRows).toEqual([...errorRows].sort((a, b) => a - b));
    const report = parseCsv((await admin.get(`/api/v1/customer-imports/${up.id}/report.csv`)).rawPayload.toString('utf8').slice(1)) as string[][];
    const numbers = report.slice(1).map((r) => Number(r[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers).toHaveLength(failed + 3);
    expect(report.slice(1).filter((r) => r[1] === '跳过（重复）').map((r) => r[0])).toEqual(['900', '1210', '1500']);
    expect(await countRows(t, 'customers', tenant.id)).toBe(2 + 1600 - failed - 3);
  });

  it('reads a GBK CSV saved by Chinese Excel and a UTF-8 CSV with BOM alike', async () => {
    const { admin } = await newTenant(t);
    const text = csvText([['姓名', '手机', '备注'], ['欧阳娜娜', '13600000001', '喜欢新中式']]);
    for (const [name, content] of [['gbk.csv', gbk(text)], ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('13600000001', '13600000002'))])]] as const) {
      const res = await upload(admin, { name, content });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().headers).toEqual(['姓名', '手机', '备注']);
      expect(res.json().suggestedMapping).toEqual({ 姓名: 'name', 手机: 'phones', 备注: 'notes' });
      const { job } = await runImport(admin, res.json().id, res.json().suggestedMapping);
      expect(job.result.created).toBe(1);
    }
    expect((await customersOf(admin)).map((c) => [c.name, c.notes])).toEqual([['欧阳娜娜', '喜欢新中式'], ['欧阳娜娜', '喜欢新中式']]);
  });

  it('refuses unreadable, empty, headerless or oversized files with a clear 4xx and stores nothing', async () => {
    const { admin, tenant } = await newTenant(t);
    const zipGarbage = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 7)]);
    const good = await goodFile();
    const cases: [FilePart, string][] = [
      [{ name: '客户.xlsx', content: '姓名,手机\n张三,13800000001\n' }, '不是有效的 .xlsx'],
      [{ name: '损坏.xlsx', content: zipGarbage }, '无法读取该 Excel 文件'],
      [{ name: '截断.xlsx', content: good.subarray(0, Math.floor(good.length / 2)) }, '无法读取该 Excel 文件'],
      [{ name: '空.csv', content: '' }, '文件是空的'],
      [{ name: '空行.csv', content: '\r\n\r\n' }, '没有数据'],
      [{ name: '只有表头.csv', content: '姓名,手机\r\n' }, '没有数据行'],
      [{ name: '旧版.xls', content: good }, '只支持 .xlsx 或 .csv'],
      [{ name: '二进制.csv', content: Buffer.from([0, 1, 2, 3, 0x50, 0x4b]) }, '不是文本格式'],
      [{ name: '引号.csv', content: '姓名,手机\n"张三,1380000\n' }, '无法读取该 CSV 文件'],
    ];
    for (const [file, message] of cases) {
      const err = expectErrorBody(await upload(admin, file), 422, 'unsupported_file');
      expect(err.message, file.name).toContain(message);
    }
    const big = await upload(admin, { name: 'big.csv', content: `姓名,手机\r\n${'张三,13800000001\r\n'.repeat(1000)}` }, small);
    expectErrorBody(big, 413, 'payload_too_large');
    expect(await countRows(t, 'customer_imports', tenant.id)).toBe(0);
    for (const app of [t, small]) {
      const dir = path.join(app.deps.config.filesDir, tenant.id);
      const left = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => !fs.statSync(path.join(dir, String(f))).isDirectory()) : [];
      expect(left).toEqual([]);
    }
  });

  it('puts customers in the 门店 named by code or name within the importer’s scope, else in the importer’s store', async () => {
    const { admin, hq, code } = await newTenant(t);
    const s1 = await makeStore(admin, hq.id);
    const s2 = await makeStore(admin, hq.id);
    const { client: manager } = await userIn(t, admin, code, s1.id, '店长');
    const file = csvText([['姓名', '门店'], ['按编码', s1.code], ['按名称', s1.name], ['别的店', s2.name], ['不存在', '没有这个店'], ['不填', '']]);
    const up = (await upload(manager, { name: 'stores.csv', content: file })).json();
    const { job } = await runImport(manager, up.id, { 姓名: 'name', 门店: 'store' });
    expect(job.result).toMatchObject({ created: 3, failed: 2 });
    expect(job.result.errors).toEqual([
      { row: 4, field: '门店', message: `门店「${s2.name}」不存在或不在您的管理范围内` },
      { row: 5, field: '门店', message: '门店「没有这个店」不存在或不在您的管理范围内' },
    ]);
    expect(new Set((await customersOf(manager)).map((c) => c.storeId))).toEqual(new Set([s1.id]));

    // The same bytes again, by the administrator: rows already created are not created twice; 别的店 is in reach now.
    const up2 = (await upload(admin, { name: 'stores.csv', content: file })).json();
    const byAdmin = await runImport(admin, up2.id, { 姓名: 'name', 门店: 'store' });
    expect(byAdmin.job.result).toMatchObject({ created: 1, alreadyImported: 3, failed: 1 });
    expect((await customersOf(admin)).find((c) => c.name === '别的店')?.storeId).toBe(s2.id);
  });

  it('lets only the uploader run the file or read its report', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const { client: manager } = await userIn(t, a.admin, a.code, store.id, '店长');
    const up = (await upload(a.admin, { name: 'a.xlsx', content: await goodFile() })).json();
    await runImport(a.admin, up.id, MAPPING, true);
    for (const c of [b.admin, manager]) {
      expectErrorBody(await c.post(`/api/v1/customer-imports/${up.id}/run`, { mapping: MAPPING }), 404, 'not_found');
      expectErrorBody(await c.get(`/api/v1/customer-imports/${up.id}/report.csv`), 404, 'not_found');
    }
  });
});

// ---------- export ----------

async function exportJob(c: Client, body: Record<string, unknown>) {
  const { started, job } = await runJob(c, '/api/v1/customer-exports', body);
  expect(job.status, job.error).toBe('succeeded');
  const file = await c.get(`/api/v1/customer-exports/${started.id}/download`);
  expect(file.statusCode, file.body).toBe(200);
  return { job, file };
}

async function sheetRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}
const csvRows = (buf: Buffer) => parseCsv(buf.toString('utf8').slice(1), { relax_column_count: true }) as string[][];

describe('customer export (CUS-7)', () => {
  it('exports only what the caller’s scope reaches, with Chinese headers, as xlsx', async () => {
    const { admin, hq, code } = await newTenant(t);
    const s1 = await makeStore(admin, hq.id);
    const s2 = await makeStore(admin, hq.id);
    await createCustomer(admin, { name: '本店客户', storeId: s1.id, phones: ['13800000001'], gender: 'female', tags: ['VIP', '新房'] });
    await createCustomer(admin, { name: '别店客户', storeId: s2.id, phones: ['13800000002'] });
    const { client: manager } = await userIn(t, admin, code, s1.id, '店长');
    const { job, file } = await exportJob(manager, { format: 'xlsx', filter: {} });
    expect(file.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''/);
    const rows = await sheetRows(file.rawPayload);
    expect(rows[0].slice(0, 4)).toEqual(['客户编号', '姓名', '客户类型', '手机']);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries((rows[0] as string[]).map((h, i) => [h, rows[1][i]]));
    // 店长 has no right to reveal phone numbers: masked in the file too.
    expect(row).toMatchObject({ 姓名: '本店客户', 客户类型: '个人', 性别: '女', 标签: 'VIP、新房', 门店: s1.name, 手机: '138****0001' });
    expect(job.result).toMatchObject({ count: 1, format: 'xlsx', phonesMasked: true });
    expect(job.progress).toBe(1);
  });

  it('leaves out columns hidden for the role and masks phones without the reveal right; the audit row says so', async () => {
    const { admin, hq, code } = await newTenant(t);
    const s1 = await makeStore(admin, hq.id, 'franchise');
    await createCustomer(admin, { name: '加盟店客户', storeId: s1.id, phones: ['13812345678'], incomeBand: 'high', creditRating: 'A' });
    const { client: dealer } = await userIn(t, admin, code, s1.id, '加盟商');
    const { file } = await exportJob(dealer, { format: 'csv', filter: {}, columns: ['name', 'phones', 'incomeBand', 'creditRating', 'store'] });
    expect(file.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvRows(file.rawPayload)).toEqual([['姓名', '手机', '门店'], ['加盟店客户', '138****5678', s1.name]]);
    const cols = (await dealer.get('/api/v1/customer-exports/columns')).json().columns.map((c: { key: string }) => c.key);
    expect(cols).toContain('name');
    expect(cols).not.toContain('incomeBand');
    expect(cols).not.toContain('creditRating');

    const full = await exportJob(admin, { format: 'csv', filter: {}, columns: ['name', 'phones', 'incomeBand'] });
    expect(csvRows(full.file.rawPayload)).toEqual([['姓名', '手机', '收入水平'], ['加盟店客户', '13812345678', '高']]);
    const audit = (await admin.get('/api/v1/audit?action=customer.exported')).json().items;
    expect(audit.map((a: { meta: Record<string, unknown> }) => [a.meta.count, a.meta.phonesMasked, a.meta.columns])).toEqual([
      [1, false, ['name', 'phones', 'incomeBand']],
      [1, true, ['name', 'phones', 'store']],
    ]);
    expect(audit[0].meta).toMatchObject({ format: 'csv', filter: { sort: 'createdAt', order: 'desc' } });
  });

  it('neutralises cells that a spreadsheet would run as formulas, in csv and xlsx', async () => {
    const { admin } = await newTenant(t);
    await createCustomer(admin, { name: '=HYPERLINK("http://evil","点我")', notes: '+1+2', occupation: '-3+4', title: '@SUM(A1)' });
    const columns = ['name', 'notes', 'occupation', 'title'];
    const expected = [`'=HYPERLINK("http://evil","点我")`, "'+1+2", "'-3+4", "'@SUM(A1)"];
    const csv = await exportJob(admin, { format: 'csv', filter: {}, columns });
    expect(csvRows(csv.file.rawPayload)[1]).toEqual(expected);
    const x = await exportJob(admin, { format: 'xlsx', filter: {}, columns });
    expect((await sheetRows(x.file.rawPayload))[1]).toEqual(expected);
  });

  it('applies the list’s filters and search, and refuses filtering by a hidden field', async () => {
    const { admin, hq, code } = await newTenant(t);
    await createCustomer(admin, { name: '王大锤', tags: ['VIP'] });
    await createCustomer(admin, { name: '李小花', tags: ['普通'] });
    await createCustomer(admin, { name: '王小明', tags: ['普通'] });
    const byTag = await exportJob(admin, { format: 'csv', filter: { tag: 'VIP' }, columns: ['name'] });
    expect(csvRows(byTag.file.rawPayload).slice(1)).toEqual([['王大锤']]);
    const bySearch = await exportJob(admin, { format: 'csv', filter: { q: '王', sort: 'name', order: 'asc' }, columns: ['name'] });
    expect(csvRows(bySearch.file.rawPayload).slice(1).flat().sort()).toEqual(['王大锤', '王小明'].sort());
    const s1 = await makeStore(admin, hq.id, 'franchise');
    const { client: dealer } = await userIn(t, admin, code, s1.id, '加盟商');
    expectErrorBody(await dealer.post('/api/v1/customer-exports', { format: 'csv', filter: { sort: 'name', cf_x: '1' } }), 422, 'validation_failed');
    expectErrorBody(await admin.post('/api/v1/customer-exports', { format: 'csv', columns: ['nosuch'] }), 422, 'validation_failed');
  });

  it('lets only the user who asked download the file (404 for others, 409 while it runs)', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    await createCustomer(a.admin, { name: '客户' });
    const started = (await a.admin.post('/api/v1/customer-exports', { format: 'xlsx', filter: {} })).json();
    expectErrorBody(await a.admin.get(`/api/v1/customer-exports/${started.id}/download`), 409, 'conflict');
    await t.deps.jobs.drain();
    const store = await makeStore(a.admin, a.hq.id);
    const { client: manager } = await userIn(t, a.admin, a.code, store.id, '店长');
    for (const c of [b.admin, manager]) expectErrorBody(await c.get(`/api/v1/customer-exports/${started.id}/download`), 404, 'not_found');
    expect((await a.admin.get(`/api/v1/customer-exports/${started.id}/download`)).statusCode).toBe(200);
  });

  it('writes files that import again: headers map themselves and every row is recognised as a duplicate', async () => {
    const { admin, tenant } = await newTenant(t);
    await createCustomer(admin, { name: '回环客户', phones: ['13900000009'], gender: 'male', birthday: { calendar: 'lunar', month: 8, day: 15 }, source: 'exhibition', tags: ['甲', '乙'] });
    const { file } = await exportJob(admin, { format: 'xlsx', filter: {} });
    const up = (await upload(admin, { name: 'roundtrip.xlsx', content: file.rawPayload })).json();
    expect(up.suggestedMapping).toMatchObject({ 姓名: 'name', 手机: 'phones', 性别: 'gender', 生日: 'birthday', 来源: 'source', 标签: 'tags', 门店: 'store', 客户编号: '' });
    const { job } = await runImport(admin, up.id, up.suggestedMapping, true);
    expect(job.result).toMatchObject({ total: 1, failed: 0, duplicates: 1, created: 0 });
    expect(await countRows(t, 'customers', tenant.id)).toBe(1);
  });
});
