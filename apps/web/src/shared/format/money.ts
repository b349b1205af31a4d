/** Money is integer fen (分) in the API; the UI shows yuan (元) with a ¥ sign. */
export const fenToYuan = (fen: number): number => fen / 100;

/** Yuan as typed by a user → integer fen, rounding half away from zero at the fen. */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 123456 → "¥1,234.56"; null → "". */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${yuanFormat.format(Math.abs(fen) / 100)}`;
}
