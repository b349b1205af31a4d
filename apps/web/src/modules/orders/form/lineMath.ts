import { memberLineDiscountFen } from '@jiake/shared';
/** The fen arithmetic of the order form, the same as the server's: quantity × unit price − discount, whole fen. */
export interface FormLine {
  id?: string;
  productId?: string;
  label?: string;
  quantity?: number | null;
  unitPriceFen?: number | null;
  discountFen?: number | null;
  notes?: string | null;
}

export const lineAmount = (l: FormLine | undefined) => Math.max(0, (l?.quantity ?? 0) * (l?.unitPriceFen ?? 0) - (l?.discountFen ?? 0));

export function formTotals(lines: (FormLine | undefined)[] | undefined) {
  let list = 0;
  let discount = 0;
  for (const l of lines ?? []) {
    list += (l?.quantity ?? 0) * (l?.unitPriceFen ?? 0);
    discount += l?.discountFen ?? 0;
  }
  return { listFen: list, discountFen: discount, totalFen: list - discount };
}

/** Form lines → the API's lines (ids kept, so the server keeps the lines' identities). */
export const toLineBodies = (lines: FormLine[] | undefined) =>
  (lines ?? [])
    .filter((l) => l.productId)
    .map((l) => ({
      ...(l.id ? { id: l.id } : {}),
      productId: l.productId!,
      quantity: l.quantity ?? 1,
      unitPriceFen: l.unitPriceFen ?? undefined,
      discountFen: l.discountFen ?? 0,
      notes: l.notes?.trim() || null,
    }));

/** An order's lines as form lines. */
export const fromOrderLines = (lines: { id: string; productId: string | null; sku: string | null; name: string; quantity: number; unitPriceFen: number; discountFen: number; notes: string | null }[]): FormLine[] =>
  lines.map((l) => ({ id: l.id, productId: l.productId ?? undefined, label: `${l.sku ?? ''} ${l.name}`.trim(), quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, notes: l.notes }));

/**
 * Every priced line's discount at the member rate (`percent` off its quantity × unit price, whole fen, as the shared
 * rule rounds); lines without a product or price stay as they are. `changed`: how many lines took the rate.
 */
export function withMemberDiscount(lines: FormLine[] | undefined, percent: number): { lines: FormLine[]; changed: number } {
  let changed = 0;
  const out = (lines ?? []).map((l) => {
    if (!l?.productId || !l.unitPriceFen || !l.quantity) return l;
    changed += 1;
    return { ...l, discountFen: memberLineDiscountFen(l.quantity, l.unitPriceFen, percent) };
  });
  return { lines: out, changed };
}
