import { randomUUID } from 'node:crypto';
import type { PointsEntryKind } from '@jiake/shared';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import * as repo from './ledger.repository.ts';
import { loadSettings } from './program.service.ts';
import { expiryFor } from './program.ts';

/**
 * The points ledger (LOY-8). `postPoints` is the one way points move: it locks the account, appends one entry
 * (idempotent by its source), keeps the lots and the cached balance in step, and refuses to overdraw unless the kind
 * allows it by the programme's policy. Everything happens in the caller's transaction.
 */

/** Kinds that add points, and kinds that take them away; `adjust` goes either way. */
const POSITIVE: readonly PointsEntryKind[] = ['earn', 'redeem_cancel', 'transfer_in'];
const NEGATIVE: readonly PointsEntryKind[] = ['redeem', 'expire', 'reverse', 'transfer_out'];

export interface Posting {
  accountId: string;
  /** The member (card) the movement belongs to, when there is one. */
  memberId?: string | null;
  kind: PointsEntryKind;
  /** Signed: positive adds, negative takes away. Zero is refused. */
  points: number;
  /** What caused it; (account, kind, source) is unique, so the same source posts once. */
  source: { type: string; id: string };
  /**
   * The source was created in this very transaction (a new adjustment or redemption), so it cannot have posted
   * before: the look-up for an earlier entry is skipped (the unique index still stands guard).
   */
  freshSource?: boolean;
  storeId?: string | null;
  orderId?: string | null;
  note?: string | null;
  /** Why these points (the rules of an award; capped reversals add their shortfall here). */
  breakdown?: Record<string, unknown>[];
  /** Positive postings: when the new lot expires (default: the programme's policy from now; null: never). */
  expiresAt?: Date | null;
  /** Positive postings: give back first to the lots this entry consumed (a cancelled redemption keeps their expiry). */
  restoresEntryId?: string;
  /** The account as the caller read it under its lock in this transaction, unchanged since: not locked again. */
  lockedAccount?: repo.AccountRow;
  /** Negative postings: consume these lots first, then the soonest to expire. */
  preferLotIds?: string[];
  /** Negative postings: consume exactly these lots and no others (expiry). */
  onlyLotIds?: string[];
}

export interface PostResult {
  entry: repo.EntryRow;
  /** True when the source had posted before: nothing changed, the first entry is answered. */
  replayed: boolean;
  /** Points a capped reversal could not take back (cap_at_balance policy); 0 otherwise. */
  shortfall: number;
}

const conflict = (reason: string, message: string, params: Record<string, unknown> = {}) => new AppError('conflict', message, { params: { reason, ...params } });

/** Lock an account for a change of points (404 when it is not the tenant's). */
export async function lockAccount(tx: DbOrTx, tenantId: string, accountId: string): Promise<repo.AccountRow> {
  const a = await repo.lockAccountRow(tx, tenantId, accountId);
  if (!a) throw notFound('loyaltyAccount');
  return a;
}

function checkSign(p: Posting) {
  if (!Number.isSafeInteger(p.points) || p.points === 0) throw new Error(`postPoints: points must be a non-zero integer (got ${p.points})`);
  if (POSITIVE.includes(p.kind) && p.points < 0) throw new Error(`postPoints: ${p.kind} adds points`);
  if (NEGATIVE.includes(p.kind) && p.points > 0) throw new Error(`postPoints: ${p.kind} takes points away`);
  if (p.onlyLotIds && p.kind !== 'expire') throw new Error('postPoints: only expiry names the exact lots');
}

/** Post one movement of points. See the module comment; throws 409 `insufficient_points` rather than overdraw. */
export async function postPoints(ctx: Ctx, tx: Tx, p: Posting): Promise<PostResult> {
  checkSign(p);
  if (p.freshSource && p.points > 0 && !p.restoresEntryId) return creditFresh(ctx, tx, p);
  const tenantId = ctx.tenantId;
  const account = p.lockedAccount?.id === p.accountId ? p.lockedAccount : await lockAccount(tx, tenantId, p.accountId);
  const prior = p.freshSource ? null : await repo.entryBySource(tx, tenantId, p.accountId, p.kind, p.source.type, p.source.id);
  if (prior) return { entry: prior, replayed: true, shortfall: shortfallOf(prior) };

  const settings = await loadSettings(tx, tenantId);
  const now = ctx.now();
  let points = p.points;
  let shortfall = 0;
  const available = Math.max(account.balance, 0);
  if (points < 0 && -points > available) {
    // Only a reversal may take more than is there, and only as the returns policy says.
    const mode = p.kind === 'reverse' ? settings.returns.spentPoints : 'refuse';
    if (mode === 'refuse') throw conflict('insufficient_points', `the account holds ${account.balance} points, ${-points} asked`, { balance: account.balance, points: -points });
    if (mode === 'cap_at_balance') {
      shortfall = -points - available;
      points = available ? -available : 0;
    }
  }
  const positive = points > 0;
  const expiresAt = positive ? (p.expiresAt !== undefined ? p.expiresAt : expiryFor(settings.expiry, now)) : null;
  const breakdown = [...(p.breakdown ?? []), ...(shortfall ? [{ rule: 'shortfall', points: shortfall, requested: -p.points }] : [])];
  const entry = await repo.insertEntry(tx, entryRow(ctx, p, { points, balanceAfter: account.balance + points, breakdown, expiresAt, now }));
  if (points < 0) await consume(tx, tenantId, account, entry, -points, p);
  if (positive) await addLots(tx, tenantId, account, entry, p, now, expiresAt);
  await repo.setBalance(tx, tenantId, account.id, entry.balanceAfter, now);
  return { entry, replayed: false, shortfall };
}

function entryRow(ctx: Ctx, p: Posting, e: { points: number; balanceAfter: number; breakdown: Record<string, unknown>[]; expiresAt: Date | null; now: Date }): repo.NewEntryRow {
  return {
    tenantId: ctx.tenantId,
    accountId: p.accountId,
    memberId: p.memberId ?? null,
    kind: p.kind,
    points: e.points,
    balanceAfter: e.balanceAfter,
    sourceType: p.source.type,
    sourceId: p.source.id,
    storeId: p.storeId ?? null,
    orderId: p.orderId ?? null,
    note: p.note ?? null,
    breakdown: e.breakdown,
    expiresAt: e.expiresAt,
    createdById: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    createdAt: e.now,
  };
}

/**
 * A credit from a source made in this transaction (a new adjustment): it cannot have posted before and needs no
 * check, so raising the balance takes the account's lock (one UPDATE … RETURNING instead of lock, then update), and
 * the entry and its lot are written in one statement. An account in debt takes the general path for its lots.
 */
async function creditFresh(ctx: Ctx, tx: Tx, p: Posting): Promise<PostResult> {
  const now = ctx.now();
  const raised = await repo.raiseBalance(tx, ctx.tenantId, p.accountId, p.points, now);
  if (!raised) throw notFound('loyaltyAccount');
  const before: repo.AccountRow = { ...raised, balance: raised.balance - p.points };
  const expiresAt = p.expiresAt !== undefined ? p.expiresAt : expiryFor((await loadSettings(tx, ctx.tenantId)).expiry, now);
  const row = entryRow(ctx, p, { points: p.points, balanceAfter: raised.balance, breakdown: p.breakdown ?? [], expiresAt, now });
  if (before.balance >= 0) return { entry: await repo.insertEntryWithLot(tx, row), replayed: false, shortfall: 0 };
  const entry = await repo.insertEntry(tx, row);
  await addLots(tx, ctx.tenantId, before, entry, p, now, expiresAt);
  return { entry, replayed: false, shortfall: 0 };
}

const shortfallOf = (e: repo.EntryRow) => Number(e.breakdown.find((b) => b.rule === 'shortfall')?.points ?? 0);

/**
 * Take `wanted` points out of the open lots (what is there: a reversal past zero takes the rest as debt, which later
 * points pay off first). Each lot's remaining drops and a consumption row says by whom.
 */
async function consume(tx: Tx, tenantId: string, account: repo.AccountRow, entry: repo.EntryRow, wanted: number, p: Posting) {
  let left = Math.min(wanted, Math.max(account.balance, 0));
  if (!left) return;
  let lots = await repo.openLots(tx, tenantId, account.id, p.onlyLotIds ? { only: p.onlyLotIds } : {});
  if (p.preferLotIds?.length) {
    const rank = new Map(p.preferLotIds.map((id, i) => [id, i]));
    lots = [...lots.filter((l) => rank.has(l.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!), ...lots.filter((l) => !rank.has(l.id))];
  }
  const rows: { tenantId: string; accountId: string; lotId: string; entryId: string; points: number; createdAt: Date }[] = [];
  for (const lot of lots) {
    if (!left) break;
    const take = Math.min(lot.remaining, left);
    await repo.setLotRemaining(tx, tenantId, lot.id, lot.remaining - take);
    rows.push({ tenantId, accountId: account.id, lotId: lot.id, entryId: entry.id, points: take, createdAt: entry.createdAt });
    left -= take;
  }
  // The open lots always hold max(balance, 0); anything else is a broken ledger, not a user error.
  if (left) throw new Error(`points lots of account ${account.id} hold ${left} points fewer than its balance says`);
  await repo.insertConsumptions(tx, rows);
}

/**
 * Positive postings: first pay off a negative balance, then give back to the lots a cancelled entry consumed (unless
 * expired meanwhile), and put the rest in a new lot. The debt paid is recorded as the new lot consuming itself.
 */
async function addLots(tx: Tx, tenantId: string, account: repo.AccountRow, entry: repo.EntryRow, p: Posting, now: Date, expiresAt: Date | null) {
  const debtPaid = Math.min(entry.points, Math.max(-account.balance, 0));
  let left = entry.points - debtPaid;
  const rows: { tenantId: string; accountId: string; lotId: string; entryId: string; points: number; restoresEntryId?: string; createdAt: Date }[] = [];
  if (p.restoresEntryId && left) {
    const owed = await repo.netConsumedBy(tx, tenantId, p.restoresEntryId);
    const lots = new Map((await repo.lotsByIds(tx, tenantId, owed.map((o) => o.lotId))).map((l) => [l.id, l]));
    for (const o of owed) {
      const lot = lots.get(o.lotId);
      if (!left || !lot || lot.accountId !== account.id || (lot.expiresAt && lot.expiresAt <= now)) continue;
      const give = Math.min(o.points, left, lot.points - lot.remaining);
      if (give <= 0) continue;
      await repo.setLotRemaining(tx, tenantId, lot.id, lot.remaining + give);
      rows.push({ tenantId, accountId: account.id, lotId: lot.id, entryId: entry.id, points: -give, restoresEntryId: p.restoresEntryId, createdAt: now });
      left -= give;
    }
  }
  if (left + debtPaid > 0) {
    const lot = await repo.insertLot(tx, { tenantId, accountId: account.id, entryId: entry.id, points: left + debtPaid, remaining: left, earnedAt: now, expiresAt });
    if (debtPaid) rows.push({ tenantId, accountId: account.id, lotId: lot.id, entryId: entry.id, points: debtPaid, createdAt: now });
  }
  await repo.insertConsumptions(tx, rows);
}

/**
 * Expire the lots of the tenant that are due at `now`: one `expire` entry per lot (source: the lot), taking exactly
 * what the lot still holds. Answers the points expired. Runs in short transactions of one account each (all of that
 * account's due lots in the batch together, under its lock, written together by `expireTogether`).
 */
export async function expireDueLots(ctx: Ctx, now: Date, batch = 500): Promise<{ lots: number; points: number }> {
  let lots = 0;
  let points = 0;
  for (;;) {
    const due = await repo.dueLots(ctx.db, ctx.tenantId, now, batch);
    if (!due.length) break;
    const byAccount = new Map<string, string[]>();
    for (const lot of due) byAccount.set(lot.accountId, [...(byAccount.get(lot.accountId) ?? []), lot.id]);
    let progress = false;
    for (const [accountId, lotIds] of byAccount) {
      const done = await ctx.db.transaction(async (tx) => {
        let account = await lockAccount(tx, ctx.tenantId, accountId);
        // Under the account's lock a lot that still holds points has not expired before: its source is fresh.
        const held = (await repo.lotsByIds(tx, ctx.tenantId, lotIds)).filter((l) => l.remaining > 0).sort(soonestFirst);
        if (held.reduce((sum, l) => sum + l.remaining, 0) <= Math.max(account.balance, 0)) return expireTogether(ctx, tx, account, held);
        // The lots hold more than the balance (a broken ledger): the general path, lot by lot, says so.
        const out = { lots: 0, points: 0 };
        for (const lot of held) {
          const r = await postPoints(ctx, tx, {
            accountId, kind: 'expire', points: -lot.remaining, source: { type: 'lot', id: lot.id }, freshSource: true, onlyLotIds: [lot.id], lockedAccount: account,
            breakdown: [{ rule: 'expiry', lotId: lot.id, expiresAt: lot.expiresAt?.toISOString() ?? null }],
          });
          // Still under the lock: the account as it is now, for the next lot.
          account = { ...account, balance: r.entry.balanceAfter };
          out.lots++;
          out.points -= r.entry.points;
        }
        return out;
      });
      if (done.lots) {
        lots += done.lots;
        points += done.points;
        progress = true;
      }
    }
    if (due.length < batch || !progress) break;
  }
  return { lots, points };
}

const soonestFirst = (a: repo.LotRow, b: repo.LotRow) => (a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0) || a.id.localeCompare(b.id);

/**
 * Expire an account's due lots at once, under its lock: the same rows as `postPoints` writes lot by lot (an `expire`
 * entry per lot taking what it holds, its consumption, the lot emptied, the balance) in four statements for the
 * account instead of about six per lot. Only when the lots hold no more than the balance, as a sound ledger's do.
 */
async function expireTogether(ctx: Ctx, tx: Tx, account: repo.AccountRow, lots: repo.LotRow[]): Promise<{ lots: number; points: number }> {
  if (!lots.length) return { lots: 0, points: 0 };
  const now = ctx.now();
  let balance = account.balance;
  const entries = lots.map((lot) => {
    balance -= lot.remaining;
    const p: Posting = { accountId: account.id, kind: 'expire', points: -lot.remaining, source: { type: 'lot', id: lot.id } };
    const breakdown = [{ rule: 'expiry', lotId: lot.id, expiresAt: lot.expiresAt?.toISOString() ?? null }];
    return { id: randomUUID(), ...entryRow(ctx, p, { points: -lot.remaining, balanceAfter: balance, breakdown, expiresAt: null, now }) };
  });
  await repo.insertEntries(tx, entries);
  await repo.emptyLots(tx, ctx.tenantId, lots.map((l) => l.id));
  await repo.insertConsumptions(
    tx,
    lots.map((lot, i) => ({ tenantId: ctx.tenantId, accountId: account.id, lotId: lot.id, entryId: entries[i].id, points: lot.remaining, createdAt: now })),
  );
  await repo.setBalance(tx, ctx.tenantId, account.id, balance, now);
  return { lots: lots.length, points: account.balance - balance };
}

/** Recompute every invariant of the tenant's ledger (or of one account) from its entries; mismatches are answered. */
export async function verifyLedger(db: DbOrTx, tenantId: string, accountId?: string) {
  const [mismatches, counts] = await readTogether(db, [
    () => repo.ledgerMismatches(db, tenantId, accountId ?? null),
    () => repo.ledgerCounts(db, tenantId, accountId ?? null),
  ]);
  return { ...counts, mismatches };
}
