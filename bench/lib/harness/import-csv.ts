import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import * as N from '../../../apps/server/src/demo/names.ts';
import type { Rng } from '../../../apps/server/src/demo/random.ts';
import { writtenPhone } from '../generator/customers.ts';
import { pickCumulative, stream, zipf } from '../generator/support.ts';

/**
 * P6's customer file: a deterministic CSV of customers as a store's spreadsheet or an old system exports them —
 * Chinese headers, UTF-8 with BOM and CRLF as Excel's "CSV UTF-8" saves it, phones typed in the generator's dozen
 * formats (its own `writtenPhone`), stores by name (some by code, some blank), birthdays in the usual spellings, a
 * few notes that need CSV quoting. About 2% of the rows repeat the mobile of a row a little earlier (typed
 * differently), 3% carry the mobile of a customer already in the data set, and about 1% are bad (no name, a
 * mistyped phone, a date that does not exist, an unknown store or gender). Same seed, size and data set → the same
 * bytes. Split into files the product accepts (at most MAX_IMPORT_ROWS rows and the upload limit each).
 */

/** The headers of the file and the fields the product is expected to suggest for them. */
export const IMPORT_MAPPING: Record<string, string> = {
  客户姓名: 'name', 手机号: 'phones', 电话: 'phones', 性别: 'gender', 生日: 'birthday', 客户类型: 'kind', 所属门店: 'store',
  详细地址: 'address', 微信号: 'wechat', 客户标签: 'tags', 客户来源: 'source', 备注: 'notes',
};
const HEADERS = Object.keys(IMPORT_MAPPING);

export interface ImportFiles {
  paths: string[];
  rows: number;
  bytes: number;
  /** Rows written to be duplicates (within the file, of existing customers) or bad; the product decides in the end. */
  planned: { duplicateInFile: number; duplicateExisting: number; bad: number };
}

const pad = (n: number) => String(n).padStart(2, '0');
const CITIES = ['上海', '北京', '广州', '深圳', '杭州', '南京', '成都', '武汉', '苏州', '佛山', '重庆', '西安'];
const SOURCES = ['自然进店', '自然进店', '进店', '转介绍', '老带新', '展会', '网站', '设计师', '活动', '电话'];
const NOTES = ['沙发意向，周末到店', '需要上门量尺', '等装修完成再定', '比较三家', '婚房，预算充足', '老客户介绍'];

function birthdayText(r: Rng): string {
  const [y, m, d] = [r.int(1955, 2000), r.int(1, 12), r.int(1, 28)];
  return r.pick([`${y}-${pad(m)}-${pad(d)}`, `${y}/${m}/${d}`, `${y}年${m}月${d}日`, `${pad(m)}-${pad(d)}`, `农历${y}-${pad(m)}-${pad(d)}`, `${y}${pad(m)}${pad(d)}`]);
}

/** The 11 digits of a Chinese mobile written any of the generator's ways; null for a landline. */
function mobileOf(written: string): string | null {
  const d = written.normalize('NFKC').replace(/\D/g, '').slice(-11);
  return /^1[3-9]\d{9}$/.test(d) ? d : null;
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * Write `rows` customers of the data set's tenant into CSV files under `dir`. Reads the tenant's stores (by code:
 * the flagship first, customers spread by the generator's Zipf law) and the mobiles of some live customers (by code).
 */
export async function writeImportFiles(
  pool: pg.Pool,
  o: { tenantId: string; seed: number; customers: number; rows: number; dir: string; maxRows: number; maxBytes: number },
): Promise<ImportFiles> {
  const stores = (await pool.query<{ code: string; name: string }>(`SELECT code, name FROM org_units WHERE tenant_id = $1 AND kind = 'store' AND status = 'active' ORDER BY code`, [o.tenantId])).rows;
  if (!stores.length) throw new Error('P6: the data set has no stores');
  const existing = (
    await pool.query<{ digits: string }>(
      `SELECT p.digits FROM customer_phones p JOIN customers c ON c.id = p.customer_id
        WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND c.merged_into_id IS NULL AND p.tenant_id = $1 AND p.contact_id IS NULL AND p.digits ~ '^1[0-9]{10}$'
        ORDER BY c.code, p.position LIMIT $2`,
      [o.tenantId, Math.ceil(o.rows * 0.03) + 1],
    )
  ).rows.map((x) => x.digits);
  const r = stream(o.seed, o.customers, 'import');
  const cum = zipf(stores.length);
  const recent: string[] = [];
  const planned = { duplicateInFile: 0, duplicateExisting: 0, bad: 0 };
  const out: ImportFiles = { paths: [], rows: o.rows, bytes: 0, planned };
  fs.mkdirSync(o.dir, { recursive: true });
  const head = `\ufeff${HEADERS.join(',')}\r\n`;
  let chunks: string[] = [];
  let fileRows = 0;
  let fileBytes = 0;
  const flush = () => {
    if (!fileRows) return;
    const p = path.join(o.dir, `客户导入-${String(out.paths.length + 1).padStart(2, '0')}.csv`);
    fs.writeFileSync(p, head + chunks.join(''));
    out.paths.push(p);
    out.bytes += fileBytes;
    [chunks, fileRows, fileBytes] = [[], 0, Buffer.byteLength(head)];
  };
  fileBytes = Buffer.byteLength(head);

  for (let i = 1; i <= o.rows; i++) {
    const company = r.chance(0.06);
    const store = stores[pickCumulative(cum, r.next())];
    let name = company ? N.companyName(r, r.pick(CITIES)) : N.personName(r);
    let phone = writtenPhone(r);
    // Two numbers in one cell (comma: quoted in the file) or a second column.
    if (r.chance(0.03)) phone = `${phone}${r.pick(['、', ', ', '；'])}${writtenPhone(r)}`;
    const second = r.chance(0.12) ? writtenPhone(r) : '';
    let gender = company || r.chance(0.05) ? '' : r.pick(r.chance(0.5) ? ['男', '男', '先生'] : ['女', '女', '女士']);
    let birthday = !company && r.chance(0.6) ? birthdayText(r) : '';
    let storeCell = r.chance(0.05) ? '' : r.chance(0.05) ? store.code : store.name;
    const address = r.chance(0.8) ? `${r.pick(N.STREETS)}${r.int(1, 999)}号${r.pick(N.COMMUNITIES)}${r.int(1, 30)}栋${r.int(101, 3202)}室` : '';
    const wechat = r.chance(0.6) ? `wx_${Math.floor(r.next() * 2 ** 40).toString(36)}` : '';
    const tags = r.chance(0.3) ? r.some(N.TAGS, 1, 2).join('、') : '';
    const source = r.chance(0.85) ? r.pick(SOURCES) : '';
    const notes = r.chance(0.1) ? r.pick(NOTES) : r.chance(0.02) ? `客户说"下周再来", 预算${r.int(2, 30)}万` : '';
    const u = r.next();
    if (u < 0.02 && recent.length) {
      const d = recent[r.int(0, recent.length - 1)];
      phone = `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
      planned.duplicateInFile++;
    } else if (u < 0.05 && existing.length) {
      const d = existing[r.int(0, existing.length - 1)];
      phone = `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`;
      planned.duplicateExisting++;
    } else if (u < 0.06) {
      planned.bad++;
      const k = r.int(0, 4);
      if (k === 0) name = '';
      else if (k === 1) phone = `${phone.replace(/\s/g, '').slice(0, 7)}`;
      else if (k === 2) birthday = r.pick(['1990-02-30', '1985-13-01', '生日不详']);
      else if (k === 3) storeCell = '不存在的门店';
      else gender = '不详';
    } else {
      const d = mobileOf(phone);
      if (d && recent.length < 2000) recent.push(d);
      else if (d) recent[i % 2000] = d;
    }
    const line = `${[name, phone, second, gender, birthday, company ? '企业' : '个人', storeCell, address, wechat, tags, source, notes].map(csvCell).join(',')}\r\n`;
    const bytes = Buffer.byteLength(line);
    if (fileRows >= o.maxRows || fileBytes + bytes > o.maxBytes) flush();
    chunks.push(line);
    fileRows++;
    fileBytes += bytes;
  }
  flush();
  return out;
}
