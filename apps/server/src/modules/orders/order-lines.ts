import { and, eq, inArray } from 'drizzle-orm';
import type { FieldIssue, OrderLineInputDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { findProductsByIds, findProductsBySkus, type CatalogueProduct } from '../catalogue/index.ts';
import { lineAmount, MAX_ORDER_FEN, totalsOf, type Totals } from './order-math.ts';
import { orderLines, type ProposedLine } from './orders.tables.ts';
import type { LineRow } from './orders.repository.ts';

/**
 * Lines as asked for → lines priced and snapshotted from the catalogue. A line that names an existing line (`id`)
 * keeps its agreed price unless a new one is given; a new line takes the catalogue price. Issues name the field
 * (`body.lines.2.discountFen`); all are reported at once.
 */
export async function resolveLines(ctx: Ctx, tx: DbOrTx, input: OrderLineInputDto[], existing: LineRow[], path = 'body.lines'): Promise<ProposedLine[]> {
  const found = new Map((await findProductsByIds(ctx, input.map((l) => l.productId), tx)).map((p) => [p.id, p]));
  const byId = new Map(existing.map((l) => [l.id, l]));
  const issues: FieldIssue[] = [];
  const seenIds = new Set<string>();
  const out: ProposedLine[] = [];
  input.forEach((l, i) => {
    const p = found.get(l.productId);
    const old = l.id ? byId.get(l.id) : undefined;
    if (l.id && (!old || seenIds.has(l.id))) issues.push(issue(`${path}.${i}.id`, 'not_found', 'not a line of this order'));
    if (l.id) seenIds.add(l.id);
    if (!p) return void issues.push(issue(`${path}.${i}.productId`, 'not_found', 'product not found'));
    const sameProduct = old && old.productId === p.id;
    if (p.status === 'discontinued' && !sameProduct) issues.push(issue(`${path}.${i}.productId`, 'discontinued', 'the product is discontinued'));
    const unitPriceFen = l.unitPriceFen ?? (sameProduct ? old.unitPriceFen : p.priceFen);
    out.push(priced(p, { quantity: l.quantity, unitPriceFen, discountFen: l.discountFen ?? 0, notes: l.notes ?? null, id: old ? old.id : null, position: i + 1 }, `${path}.${i}`, issues));
  });
  checkTotal(out, path, issues);
  if (issues.length) throw invalid(issues);
  return out;
}

/** ERP lines name products by SKU; the catalogue price applies when the ERP sends none. */
export async function resolveSkuLines(
  ctx: Ctx,
  tx: DbOrTx,
  input: { sku: string; quantity: number; unitPriceFen?: number; discountFen?: number; notes?: string | null }[],
  path = 'body.lines',
): Promise<ProposedLine[]> {
  const found = new Map((await findProductsBySkus(ctx, input.map((l) => l.sku), tx)).map((p) => [p.sku, p]));
  const issues: FieldIssue[] = [];
  const out: ProposedLine[] = [];
  input.forEach((l, i) => {
    const p = found.get(l.sku);
    if (!p) return void issues.push(issue(`${path}.${i}.sku`, 'not_found', `no product with SKU ${l.sku}`));
    out.push(priced(p, { quantity: l.quantity, unitPriceFen: l.unitPriceFen ?? p.priceFen, discountFen: l.discountFen ?? 0, notes: l.notes ?? null, id: null, position: i + 1 }, `${path}.${i}`, issues));
  });
  checkTotal(out, path, issues);
  if (issues.length) throw invalid(issues);
  return out;
}

function priced(
  p: CatalogueProduct,
  l: { quantity: number; unitPriceFen: number; discountFen: number; notes: string | null; id: string | null; position: number },
  path: string,
  issues: FieldIssue[],
): ProposedLine {
  const { amountFen, issues: own } = lineAmount(l, path);
  issues.push(...own);
  return {
    id: l.id, position: l.position, productId: p.id, categoryId: p.categoryId, seriesId: p.seriesId, seriesName: p.seriesName, sku: p.sku,
    name: p.name, unit: p.unit, quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, amountFen, notes: l.notes,
  };
}

function checkTotal(lines: ProposedLine[], path: string, issues: FieldIssue[]) {
  if (!issues.length && totalsOf(lines).listFen > MAX_ORDER_FEN) issues.push(issue(path, 'too_large', 'the order total is too large'));
}

/** What an audit row shows of a line. */
const brief = (l: Pick<ProposedLine, 'sku' | 'name' | 'quantity' | 'unitPriceFen' | 'discountFen' | 'amountFen'>) => ({
  sku: l.sku, name: l.name, quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, amountFen: l.amountFen,
});

const differs = (a: LineRow, b: ProposedLine) =>
  a.position !== b.position || a.productId !== b.productId || a.quantity !== b.quantity || a.unitPriceFen !== b.unitPriceFen ||
  a.discountFen !== b.discountFen || (a.notes ?? null) !== (b.notes ?? null) || a.sku !== b.sku || a.name !== b.name;

/**
 * Make the order's lines these: lines kept by id are updated in place (their ids stay, events and returns refer to
 * them), the others removed, new ones added. Answers whether anything changed, and the new totals; the caller
 * audits the change with the order (see `linesChange`).
 */
export async function writeLines(ctx: Ctx, tx: DbOrTx, orderId: string, existing: LineRow[], proposed: ProposedLine[]): Promise<{ changed: boolean; totals: Totals }> {
  const keep = new Set(proposed.map((l) => l.id).filter((id): id is string => !!id));
  const gone = existing.filter((l) => !keep.has(l.id)).map((l) => l.id);
  let changed = gone.length > 0;
  if (gone.length) await tx.delete(orderLines).where(and(eq(orderLines.tenantId, ctx.tenantId), inArray(orderLines.id, gone)));
  const byId = new Map(existing.map((l) => [l.id, l]));
  const fresh = [];
  for (const l of proposed) {
    const { id, ...values } = l;
    const old = id ? byId.get(id) : undefined;
    if (!old) {
      fresh.push({ ...values, tenantId: ctx.tenantId, orderId });
      continue;
    }
    if (!differs(old, l)) continue;
    changed = true;
    await tx.update(orderLines).set(values).where(and(eq(orderLines.tenantId, ctx.tenantId), eq(orderLines.id, old.id)));
  }
  if (fresh.length) {
    changed = true;
    await tx.insert(orderLines).values(fresh);
  }
  return { changed, totals: totalsOf(proposed) };
}

/** The audit change of a line replacement: the lines before and after, briefly. */
export const linesChange = (before: LineRow[], after: ProposedLine[]) => ({ field: 'lines', before: before.map(brief), after: after.map(brief) });

/** ERP lines against the stored ones: matched by SKU in order of appearance, so unchanged lines keep their ids. */
export function matchBySku(existing: LineRow[], proposed: ProposedLine[]): ProposedLine[] {
  const pool = [...existing];
  return proposed.map((l) => {
    const i = pool.findIndex((e) => e.sku === l.sku);
    if (i < 0) return l;
    const [m] = pool.splice(i, 1);
    return { ...l, id: m.id };
  });
}
