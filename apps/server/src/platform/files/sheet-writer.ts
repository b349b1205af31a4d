import fs from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import crypto from 'node:crypto';
import { stringify } from 'csv-stringify';

export type SheetFormat = 'xlsx' | 'csv';
export type Cell = string | number | null | undefined;

export interface SheetWriter {
  addRow(cells: Cell[]): Promise<void>;
  /** Finish the file and move it into place (replacing an older one); until then it lives at `<path>.<random>.part`. */
  close(): Promise<void>;
  /** Stop and remove the partial file. */
  abort(): Promise<void>;
}

/** Cells that a spreadsheet would read as a formula (= + - @, tab, CR) get a leading apostrophe (CSV/formula injection). */
export function neutraliseFormula(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * A streaming sheet: xlsx through ExcelJS's WorkbookWriter, CSV through csv-stringify with a UTF-8 BOM (so Excel
 * opens Chinese text correctly). Memory stays flat whatever the number of rows.
 */
export async function openSheetWriter(path: string, format: SheetFormat, headers: string[], sheetName = 'Sheet1'): Promise<SheetWriter> {
  const partPath = `${path}.${crypto.randomBytes(6).toString('hex')}.part`;
  await fs.promises.mkdir(dirname(path), { recursive: true });
  const finish = () => fs.promises.rename(partPath, path);
  const remove = () => fs.promises.rm(partPath, { force: true });
  if (format === 'xlsx') {
    // Loaded on first use: ExcelJS is about 20 MiB of a server's memory, and most servers seldom write a spreadsheet.
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: partPath, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet(sheetName);
    const header = ws.addRow(headers.map(neutraliseFormula));
    header.font = { bold: true };
    header.commit();
    return {
      async addRow(cells) {
        ws.addRow(cells.map((c) => neutraliseFormula(c) ?? null)).commit();
      },
      async close() {
        ws.commit();
        await wb.commit();
        await finish();
      },
      async abort() {
        await wb.commit().catch(() => {});
        await remove();
      },
    };
  }
  const out = fs.createWriteStream(partPath, { mode: 0o600 });
  out.write('\ufeff');
  const csv = stringify({ record_delimiter: 'windows' });
  csv.pipe(out);
  const write = async (cells: Cell[]) => {
    if (!csv.write(cells.map((c) => neutraliseFormula(c) ?? ''))) await once(csv, 'drain');
  };
  await write(headers);
  return {
    addRow: write,
    async close() {
      csv.end();
      await once(out, 'finish');
      await finish();
    },
    async abort() {
      csv.destroy();
      out.destroy();
      await remove();
    },
  };
}
