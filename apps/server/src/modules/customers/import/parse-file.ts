import fs from 'node:fs';
import { Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from '../../../platform/http/errors.ts';

/**
 * Reading customer files (CUS-7) as a stream of rows, whatever their size: xlsx through ExcelJS's streaming reader
 * (first sheet), CSV through csv-parse in UTF-8 (with or without BOM) or GB18030/GBK as saved by Chinese Excel.
 */
export type ImportFormat = 'xlsx' | 'csv';
export type CsvEncoding = 'utf-8' | 'gb18030';
export interface FileRow {
  /** Row number as a spreadsheet shows it (the header is usually 1). */
  number: number;
  cells: string[];
}

export const MAX_IMPORT_ROWS = 200_000;

export const unsupported = (message: string) => new AppError('unsupported_file', message, { issues: [{ path: 'body.file', code: 'unsupported_file', message }] });

export function importFormatOf(fileName: string): ImportFormat | null {
  const m = /\.(xlsx|csv)$/i.exec(fileName);
  return m ? (m[1].toLowerCase() as ImportFormat) : null;
}

/** UTF-8 if every byte sequence of the file is valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export async function detectCsvEncoding(path: string): Promise<CsvEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function decodeStream(encoding: CsvEncoding) {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _e, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One xlsx cell as text: dates as YYYY-MM-DD (with the time when there is one), formulas by their result, rich text joined. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const secs = v.getUTCHours() * 3600 + v.getUTCMinutes() * 60 + v.getUTCSeconds();
    return secs ? `${day} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}` : day;
  }
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('').trim();
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    return '';
  }
  return String(v).trim();
}

async function* xlsxRows(path: string): AsyncGenerator<FileRow> {
  // Loaded on first use: ExcelJS is about 20 MiB of a server's memory, and most servers seldom read a spreadsheet.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      yield { number: row.number, cells: values.slice(1).map(cellText) };
    }
    return; // the first sheet only
  }
}

async function* csvRows(path: string, encoding: CsvEncoding): AsyncGenerator<FileRow> {
  const parser = fs
    .createReadStream(path)
    .pipe(decodeStream(encoding))
    .pipe(parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 1_000_000 }));
  let n = 0;
  for await (const rec of parser as AsyncIterable<string[]>) yield { number: ++n, cells: rec.map((c) => c.trim()) };
}

/**
 * Non-blank rows of the file, in order; the first one is the header. Malformed files (not a real xlsx, a broken
 * zip, a CSV with an unclosed quote) answer 422 unsupported_file with a plain message.
 */
export async function* readRows(path: string, format: ImportFormat, encoding: CsvEncoding = 'utf-8'): AsyncGenerator<FileRow> {
  const source = format === 'xlsx' ? xlsxRows(path) : csvRows(path, encoding);
  try {
    for await (const row of source) if (row.cells.some((c) => c !== '')) yield row;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unsupported(format === 'xlsx' ? '无法读取该 Excel 文件，请确认是 .xlsx 格式且未损坏' : `无法读取该 CSV 文件：${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Header texts made usable as keys: blank ones named by position, repeated ones numbered. */
export function cleanHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const base = c.replace(/^\ufeff/, '').replace(/\s+/g, ' ').trim() || `第${i + 1}列`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}(${n})`;
  });
}

export interface FileSummary {
  headers: string[];
  sample: Record<string, string>[];
  rowCount: number;
}

/** Read the whole file once: its header, the first five rows and how many data rows it has. */
export async function summariseFile(path: string, format: ImportFormat, encoding: CsvEncoding): Promise<FileSummary> {
  let headers: string[] | null = null;
  const sample: Record<string, string>[] = [];
  let rowCount = 0;
  for await (const row of readRows(path, format, encoding)) {
    if (!headers) {
      headers = cleanHeaders(row.cells);
      continue;
    }
    if (++rowCount > MAX_IMPORT_ROWS) throw unsupported(`文件行数超过上限 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，请拆分后再导入`);
    if (sample.length < 5) sample.push(Object.fromEntries(headers.map((h, i) => [h, row.cells[i] ?? ''])));
  }
  if (!headers) throw unsupported('文件中没有数据：第一行应为表头（如 姓名、手机）');
  return { headers, sample, rowCount };
}
