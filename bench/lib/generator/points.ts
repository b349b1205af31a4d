import { drizzle } from 'drizzle-orm/node-postgres';
import type { LoyaltySettingsDto } from '@jiake/shared';
import type { Db } from '../../../apps/server/src/platform/db/client.ts';
import type { Rng } from '../../../apps/server/src/demo/random.ts';
import { expiryFor, loyaltySettings, pointsFor, pointsForCash, rateFor } from '../../../apps/server/src/modules/loyalty/index.ts';
import { insertRows, progressMeter, uuidFrom } from './support.ts';
import type { GenContext, Stage } from './stages.ts';
import type { StorePlan } from './org.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Share of the people who bought that enrolled (issue 6: about 35–45 %), and of those who never bought. */
export const MEMBER_SHARE_OF_BUYERS = 0.4;
export const MEMBER_SHARE_OF_OTHERS = 0.04;
/** Most members join at the counter when they first pay; the rest later (their earlier orders earn nothing). */
const ENROL_AT_FIRST_PURCHASE = 0.65;
/** After an award, the chance the member later redeems (a gift, or a cash deduction at 100 points per yuan). */
const REDEEM_AFTER_EARN = 0.15;
const ADJUSTED_MEMBERS = 0.03;
/** The nightly expiry job runs at 00:10 Shanghai (EXPIRE_POINTS_CRON): a lot due at midnight expires ten minutes later. */
const SWEEP_DELAY = 10 * MINUTE;
/** The outbox delivers order.paid to the loyalty subscriber a moment after the payment. */
const DELIVERY_DELAY = 2_000;
const CHANNELS = [['sms', 0.7], ['wechat', 0.55], ['phone', 0.3], ['email', 0.1]] as const;
const GIFTS: [string, number][] = [
  ['定制靠枕', 3_000], ['实木砧板', 5_000], ['家具保养套装', 8_000], ['香薰礼盒', 12_000], ['真丝眼罩礼盒', 15_000],
  ['上门深度保养服务', 30_000], ['纯棉床品四件套', 60_000], ['实木边几', 120_000],
];
const ADJUST_REASONS = ['门店活动补录积分', '系统迁移差额补录', '客诉补偿', '重复积分更正'];

const iso = (t: number) => new Date(t).toISOString();

interface Member {
  customerId: string;
  code: string;
  storeId: string;
  staffId: string | null;
  enrolledAt: number;
  id: string;
  accountId: string;
  number: string;
}

interface Order {
  id: string;
  order_no: string;
  customer_id: string;
  store_id: string;
  status: string;
  total_fen: string;
  paid_fen: string;
  returned_fen: string;
  paid_at: Date;
  delivered_at: Date | null;
}

interface Lot {
  id: string;
  entryId: string;
  points: number;
  remaining: number;
  earnedAt: number;
  expiresAt: number | null;
}

interface Account {
  id: string;
  memberId: string;
  balance: number;
  lots: Lot[];
  lastAt: number;
}

interface Posting {
  kind: 'earn' | 'reverse' | 'redeem' | 'expire' | 'adjust';
  points: number;
  at: number;
  source: { type: string; id: string };
  memberId?: string | null;
  storeId?: string | null;
  orderId?: string | null;
  note?: string | null;
  breakdown: Record<string, unknown>[];
  expiresAt?: number | null;
  preferLotIds?: string[];
  onlyLotIds?: string[];
  createdById?: string | null;
}

type Rows = Record<string, unknown>[];

/**
 * The ledger rules of `postPoints` (apps/server/src/modules/loyalty/ledger.ts), replayed in memory so that years of
 * history can be written in batches: each posting appends an entry with the running balance; a negative one consumes
 * the open lots (the given ones first, then the soonest to expire), a positive one first pays off a negative balance
 * (its lot consuming itself) and opens a lot with the rest. The smoke test checks the result with `verifyLedger`.
 */
class LedgerBatch {
  entries: Rows = [];
  lots: Rows = [];
  consumptions: Rows = [];

  constructor(
    private tenantId: string,
    private ids: Rng,
    private settings: LoyaltySettingsDto,
  ) {}

  post(a: Account, p: Posting): { entryId: string; points: number; shortfall: number; lot?: Lot } {
    let points = p.points;
    let shortfall = 0;
    const available = Math.max(a.balance, 0);
    if (points < 0 && -points > available) {
      const mode = p.kind === 'reverse' ? this.settings.returns.spentPoints : 'refuse';
      if (mode === 'refuse') throw new Error(`generator: ${p.kind} of ${-points} points overdraws account ${a.id} (${a.balance})`);
      if (mode === 'cap_at_balance') {
        shortfall = -points - available;
        points = -available;
      }
    }
    const entryId = uuidFrom(this.ids);
    const expiresAt = points > 0 ? (p.expiresAt ?? null) : null;
    const breakdown = [...p.breakdown, ...(shortfall ? [{ rule: 'shortfall', points: shortfall, requested: -p.points }] : [])];
    this.entries.push({
      id: entryId, tenant_id: this.tenantId, account_id: a.id, member_id: p.memberId ?? null, kind: p.kind, points, balance_after: a.balance + points,
      source_type: p.source.type, source_id: p.source.id, store_id: p.storeId ?? null, order_id: p.orderId ?? null, note: p.note ?? null,
      breakdown, expires_at: expiresAt === null ? null : iso(expiresAt), created_by_id: p.createdById ?? null, created_at: iso(p.at),
    });
    let lot: Lot | undefined;
    if (points < 0) this.consume(a, entryId, Math.min(-points, available), p);
    if (points > 0) {
      const debtPaid = Math.min(points, Math.max(-a.balance, 0));
      lot = { id: uuidFrom(this.ids), entryId, points, remaining: points - debtPaid, earnedAt: p.at, expiresAt };
      a.lots.push(lot);
      if (debtPaid) this.consumption(a, lot.id, entryId, debtPaid, p.at);
    }
    a.balance += points;
    a.lastAt = p.at;
    return { entryId, points, shortfall, lot };
  }

  private consume(a: Account, entryId: string, wanted: number, p: Posting) {
    let left = wanted;
    if (!left) return;
    const open = a.lots
      .filter((l) => l.remaining > 0 && (!p.onlyLotIds || p.onlyLotIds.includes(l.id)))
      .sort((x, y) => (x.expiresAt ?? Infinity) - (y.expiresAt ?? Infinity) || x.earnedAt - y.earnedAt || (x.id < y.id ? -1 : 1));
    const prefer = p.preferLotIds ?? [];
    const ordered = [...prefer.map((id) => open.find((l) => l.id === id)).filter((l): l is Lot => !!l), ...open.filter((l) => !prefer.includes(l.id))];
    for (const lot of ordered) {
      if (!left) break;
      const take = Math.min(lot.remaining, left);
      lot.remaining -= take;
      this.consumption(a, lot.id, entryId, take, p.at);
      left -= take;
    }
    if (left) throw new Error(`generator: the lots of account ${a.id} hold ${left} points fewer than its balance`);
  }

  private consumption(a: Account, lotId: string, entryId: string, points: number, at: number) {
    this.consumptions.push({ id: uuidFrom(this.ids), tenant_id: this.tenantId, account_id: a.id, lot_id: lotId, entry_id: entryId, points, restores_entry_id: null, created_at: iso(at) });
  }

  /** The nightly expiry up to `t`: one `expire` entry per due lot, taking what it still holds (expireDueLots). */
  sweep(a: Account, t: number) {
    const due = a.lots.filter((l) => l.remaining > 0 && l.expiresAt !== null && l.expiresAt + SWEEP_DELAY <= t).sort((x, y) => x.expiresAt! - y.expiresAt! || x.earnedAt - y.earnedAt);
    for (const lot of due) {
      this.post(a, {
        kind: 'expire', points: -lot.remaining, at: lot.expiresAt! + SWEEP_DELAY, source: { type: 'lot', id: lot.id }, onlyLotIds: [lot.id],
        breakdown: [{ rule: 'expiry', lotId: lot.id, expiresAt: iso(lot.expiresAt!) }],
      });
    }
  }

  /** The lots of an account as they stand after its history. */
  closeAccount(a: Account) {
    for (const l of a.lots) {
      this.lots.push({ id: l.id, tenant_id: this.tenantId, account_id: a.id, entry_id: l.entryId, points: l.points, remaining: l.remaining, earned_at: iso(l.earnedAt), expires_at: l.expiresAt === null ? null : iso(l.expiresAt) });
    }
  }
}

/** Who enrols, when, and with which member number (numbers follow the enrolment time, as the counter hands them out). */
async function planMembers(g: GenContext, settings: LoyaltySettingsDto): Promise<Member[]> {
  const r = g.rng('points.members');
  const ids = g.idRng('points.members');
  const asOf = g.asOf.getTime();
  const stores = new Map(g.org!.stores.map((s) => [s.id, s]));
  const members: Member[] = [];
  let after = '';
  for (;;) {
    const page = await g.pool.query<{ id: string; code: string; kind: string; store_id: string; owner_id: string | null; created_at: Date; first_paid: Date | null }>(
      `SELECT c.id, c.code, c.kind, c.store_id, c.owner_id, c.created_at,
              (SELECT min(o.paid_at) FROM orders o WHERE o.tenant_id = c.tenant_id AND o.customer_id = c.id AND o.paid_at IS NOT NULL) AS first_paid
         FROM customers c WHERE c.tenant_id = $1 AND c.code > $2 AND c.deleted_at IS NULL ORDER BY c.code LIMIT $3`,
      [g.tenantId, after, g.batchSize],
    );
    if (!page.rows.length) break;
    after = page.rows.at(-1)!.code;
    for (const c of page.rows) {
      // Members are people; a company buys on account.
      if (c.kind !== 'person') continue;
      const created = new Date(c.created_at).getTime();
      let enrolledAt: number;
      if (c.first_paid) {
        if (!r.chance(MEMBER_SHARE_OF_BUYERS)) continue;
        const first = new Date(c.first_paid).getTime();
        enrolledAt = r.chance(ENROL_AT_FIRST_PURCHASE) ? Math.max(created, first - r.int(5, 120) * MINUTE) : first + Math.floor(r.next() * Math.max(MINUTE, asOf - first));
      } else {
        if (!r.chance(MEMBER_SHARE_OF_OTHERS)) continue;
        enrolledAt = created + Math.floor(r.next() * Math.max(MINUTE, asOf - created));
      }
      const sales = stores.get(c.store_id)?.sales ?? [];
      members.push({
        customerId: c.id, code: c.code, storeId: c.store_id, staffId: c.owner_id ?? (sales.length ? r.pick(sales) : null), enrolledAt: Math.min(enrolledAt, asOf),
        id: uuidFrom(ids), accountId: uuidFrom(ids), number: '',
      });
    }
  }
  const { prefix, digits } = settings.memberNumber;
  [...members].sort((a, b) => a.enrolledAt - b.enrolledAt || (a.code < b.code ? -1 : 1)).forEach((m, i) => (m.number = `${prefix}${String(i + 1).padStart(digits, '0')}`));
  return members;
}

async function insertChunked(g: GenContext, table: string, rows: Rows, size = 2000) {
  for (let i = 0; i < rows.length; i += size) await insertRows(g.pool, table, rows.slice(i, i + size));
}

/**
 * Loyalty members and their points (issue 6): about MEMBER_SHARE_OF_BUYERS of the people who bought enrol at their
 * join store (the customer's store) with the programme's member numbers, a chain-wide account and marketing consents.
 * Their orders paid after enrolment earn at the programme's rate (floor of paid fen ÷ 100 at 1 point per yuan, the
 * product's own `pointsFor`/`rateFor`), each award recorded per order; returns take back their share; some members
 * redeem gifts or cash deductions, a few get manual adjustments; lots expire at the end of the following year
 * (Shanghai), swept at 00:10 as the nightly job does, up to the data set's "today". Balances are the sums of the
 * entries and the open lots hold them (checked with the product's `verifyLedger` in the smoke test).
 */
export const pointsStage: Stage = {
  name: 'points',
  async run(g: GenContext) {
    const db = drizzle(g.pool, { casing: 'snake_case' }) as unknown as Db;
    const settings = await loyaltySettings(db, g.tenantId);
    const r = g.rng('points');
    const ids = g.idRng('points');
    const asOf = g.asOf.getTime();
    const since = new Date(asOf - 5 * 365 * DAY).toISOString();
    const stores = new Map<string, StorePlan>(g.org!.stores.map((s) => [s.id, s]));
    const storeList = g.org!.stores;
    const staffOf = (storeId: string) => {
      const sales = stores.get(storeId)?.sales ?? [];
      return sales.length ? r.pick(sales) : null;
    };

    const members = await planMembers(g, settings);
    const gifts = GIFTS.map(([name, price]) => ({ id: uuidFrom(ids), tenant_id: g.tenantId, name, points_price: price, stock: null, active: true, description: null, image_url: null, created_at: since, updated_at: since }));
    await insertRows(g.pool, 'loyalty_gifts', gifts);
    await g.pool.query(
      `INSERT INTO counters (tenant_id, name, value) VALUES ($1, 'loyalty_member', $2) ON CONFLICT (tenant_id, name) DO UPDATE SET value = EXCLUDED.value`,
      [g.tenantId, members.length],
    );

    const meter = progressMeter('points: members', members.length, g.log);
    const totals = { members: members.length, pointsEntries: 0, pointsLots: 0, redemptions: 0, expiries: 0, orderAwards: 0 };
    for (let from = 0; from < members.length; from += g.batchSize) {
      const chunk = members.slice(from, from + g.batchSize);
      const orders = await g.pool.query<Order>(
        `SELECT id, order_no, customer_id, store_id, status, total_fen, paid_fen, returned_fen, paid_at, delivered_at FROM orders
          WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND paid_at IS NOT NULL ORDER BY customer_id, paid_at, id`,
        [g.tenantId, chunk.map((m) => m.customerId)],
      );
      const byCustomer = new Map<string, Order[]>();
      for (const o of orders.rows) {
        const list = byCustomer.get(o.customer_id);
        if (list) list.push(o);
        else byCustomer.set(o.customer_id, [o]);
      }

      const ledger = new LedgerBatch(g.tenantId, ids, settings);
      const rows = { members: [] as Rows, accounts: [] as Rows, awards: [] as Rows, redemptions: [] as Rows, adjustments: [] as Rows, consents: [] as Rows };
      for (const m of chunk) {
        const account: Account = { id: m.accountId, memberId: m.id, balance: 0, lots: [], lastAt: m.enrolledAt };
        rows.members.push({
          id: m.id, tenant_id: g.tenantId, customer_id: m.customerId, number: m.number, join_store_id: m.storeId, account_id: m.accountId, status: 'active',
          enrolled_at: iso(m.enrolledAt), enrolled_by_id: m.staffId, created_at: iso(m.enrolledAt), updated_at: iso(m.enrolledAt),
        });
        for (const [channel, p] of CHANNELS) {
          if (!r.chance(0.8)) continue;
          rows.consents.push({ id: uuidFrom(ids), tenant_id: g.tenantId, member_id: m.id, channel, granted: r.chance(p), source: 'store', note: null, recorded_at: iso(m.enrolledAt), recorded_by_id: m.staffId });
        }

        // ---- what happens to the member, in time order ----
        type Ev = { at: number; run: () => void };
        const events: Ev[] = [];
        /** Add an event while the queue runs: after everything due at or before it. */
        const schedule = (e: Ev) => {
          const i = events.findIndex((x) => x.at > e.at);
          events.splice(i < 0 ? events.length : i, 0, e);
        };
        const awards = new Map<string, { row: Record<string, unknown>; lot?: Lot; basis: number; earned: number }>();
        for (const o of byCustomer.get(m.customerId) ?? []) {
          const paidAt = new Date(o.paid_at).getTime();
          const returned = Number(o.returned_fen);
          const returnAt = returned > 0 ? Math.min(asOf - 3_600_000, Math.max(new Date(o.delivered_at ?? o.paid_at).getTime(), paidAt) + r.int(3, 30) * DAY) : null;
          const earns = paidAt >= m.enrolledAt;
          if (earns) {
            const earnAt = paidAt + DELIVERY_DELAY;
            events.push({
              at: earnAt,
              run: () => {
                const { rate, rule } = rateFor(settings, stores.get(o.store_id)?.kind);
                const basis = Math.max(0, Math.min(Number(o.paid_fen), Number(o.total_fen)));
                const points = pointsFor(basis, rate);
                const posted = points > 0
                  ? ledger.post(account, {
                      kind: 'earn', points, at: earnAt, memberId: m.id, source: { type: 'event', id: uuidFrom(ids) }, storeId: o.store_id, orderId: o.id,
                      breakdown: [{ rule, orderNo: o.order_no, basisFen: basis, rate, points }], expiresAt: expiryFor(settings.expiry, new Date(earnAt))?.getTime() ?? null,
                    })
                  : null;
                const row = {
                  id: uuidFrom(ids), tenant_id: g.tenantId, order_id: o.id, customer_id: m.customerId, member_id: m.id, account_id: m.accountId, store_id: o.store_id,
                  basis_fen: basis, points_earned: points, earn_entry_id: posted?.entryId ?? null, earned_at: iso(earnAt), returned_fen: 0, points_reversed: 0,
                  shortfall_points: 0, returns: [] as unknown[], created_at: iso(earnAt), updated_at: iso(earnAt),
                };
                awards.set(o.id, { row, lot: posted?.lot, basis, earned: points });
                rows.awards.push(row);
                if (posted && r.chance(REDEEM_AFTER_EARN)) {
                  const at = earnAt + r.int(3, 240) * DAY + r.int(0, DAY - 1);
                  if (at < asOf) schedule({ at, run: () => redeem(at) });
                }
              },
            });
          }
          if (returnAt !== null && returnAt >= m.enrolledAt) {
            events.push({
              at: returnAt,
              run: () => {
                const ret = { eventId: uuidFrom(ids), returnId: null, amountFen: returned, storeId: o.store_id, applied: false, points: 0, shortfall: 0 };
                const award = awards.get(o.id);
                if (!award) {
                  // Paid before enrolment: the return is kept on a new award row, unapplied (onOrderReturned).
                  rows.awards.push({
                    id: uuidFrom(ids), tenant_id: g.tenantId, order_id: o.id, customer_id: m.customerId, member_id: null, account_id: null, store_id: null,
                    basis_fen: null, points_earned: 0, earn_entry_id: null, earned_at: null, returned_fen: 0, points_reversed: 0, shortfall_points: 0, returns: [ret],
                    created_at: iso(returnAt), updated_at: iso(returnAt),
                  });
                  return;
                }
                const returnedFen = Math.min(award.basis, returned);
                const wanted = award.basis > 0 ? Math.floor((award.earned * returnedFen) / award.basis) : 0;
                let taken = 0;
                let shortfall = 0;
                if (wanted > 0) {
                  const posted = ledger.post(account, {
                    kind: 'reverse', points: -wanted, at: returnAt, memberId: m.id, source: { type: 'event', id: ret.eventId }, storeId: o.store_id, orderId: o.id,
                    preferLotIds: award.lot ? [award.lot.id] : [], breakdown: [{ rule: 'return', returnId: null, returnedFen: returned, earned: award.earned, basisFen: award.basis }],
                  });
                  taken = -posted.points;
                  shortfall = posted.shortfall;
                }
                Object.assign(award.row, {
                  returned_fen: returnedFen, points_reversed: taken, shortfall_points: shortfall, returns: [{ ...ret, applied: true, points: taken, shortfall }], updated_at: iso(returnAt),
                });
              },
            });
          }
        }
        const redeem = (at: number) => {
          const spendable = account.balance - settings.redemption.minBalance;
          if (spendable <= 0) return;
          const storeId = r.chance(0.85) ? m.storeId : r.pick(storeList).id;
          const by = staffOf(storeId);
          const id = uuidFrom(ids);
          let kind: 'gift' | 'cash';
          let points: number;
          let gift: (typeof gifts)[number] | null = null;
          let cashFen: number | null = null;
          let breakdown: Record<string, unknown>;
          const affordable = gifts.filter((x) => x.points_price <= spendable);
          if (affordable.length && r.chance(0.6)) {
            kind = 'gift';
            gift = affordable[Math.min(affordable.length - 1, Math.floor(affordable.length * (0.4 + 0.6 * r.next())))];
            points = gift.points_price;
            breakdown = { rule: 'gift', giftId: gift.id, quantity: 1, pointsPrice: gift.points_price, redemptionId: id };
          } else {
            const ppy = settings.redemption.pointsPerYuan;
            // Whole yuan, at most what a share of the points covers.
            cashFen = Math.floor((spendable * (0.2 + 0.5 * r.next())) / ppy) * 100;
            if (cashFen < 100) return;
            kind = 'cash';
            points = pointsForCash(cashFen, ppy);
            breakdown = { rule: 'cash', cashFen, pointsPerYuan: ppy, rounding: 'ceil', redemptionId: id };
          }
          if (points > spendable) return;
          const posted = ledger.post(account, {
            kind: 'redeem', points: -points, at, memberId: m.id, source: { type: 'redemption', id }, storeId, note: gift?.name ?? null, breakdown: [breakdown], createdById: by,
          });
          rows.redemptions.push({
            id, tenant_id: g.tenantId, member_id: m.id, account_id: m.accountId, store_id: storeId, kind, gift_id: gift?.id ?? null, gift_name: gift?.name ?? null,
            quantity: kind === 'gift' ? 1 : null, cash_fen: cashFen, points, order_id: null, note: null, status: 'redeemed', entry_id: posted.entryId, cancel_entry_id: null,
            redeemed_by_id: by, redeemed_at: iso(at), cancelled_by_id: null, cancelled_at: null, cancel_reason: null, created_at: iso(at), updated_at: iso(at),
          });
        };
        if (r.chance(ADJUSTED_MEMBERS)) {
          const at = m.enrolledAt + Math.floor(r.next() * Math.max(MINUTE, asOf - m.enrolledAt));
          const threshold = settings.adjustments.approvalThreshold;
          const pending = r.chance(0.1);
          const points = pending ? threshold + r.int(1, 40) * 100 : Math.max(1, Math.min(threshold, r.int(5, 100) * 10));
          const reason = r.pick(ADJUST_REASONS);
          const by = staffOf(m.storeId);
          events.push({
            at,
            run: () => {
              const id = uuidFrom(ids);
              const posted = pending ? null : ledger.post(account, {
                kind: 'adjust', points, at, memberId: m.id, source: { type: 'adjustment', id }, storeId: m.storeId, note: reason, breakdown: [{ rule: 'manual', adjustmentId: id }], createdById: by,
              });
              rows.adjustments.push({
                id, tenant_id: g.tenantId, member_id: m.id, account_id: m.accountId, store_id: m.storeId, points, reason, status: pending ? 'pending' : 'posted', threshold,
                requested_by_id: by, requested_at: iso(at), decided_by_id: null, decided_at: null, decision_note: null, entry_id: posted?.entryId ?? null, created_at: iso(at), updated_at: iso(at),
              });
            },
          });
        }
        // Run the events in time order; redemptions scheduled on the way join the queue.
        events.sort((a, b) => a.at - b.at);
        for (let i = 0; i < events.length; i++) {
          ledger.sweep(account, events[i].at);
          events[i].run();
        }
        ledger.sweep(account, asOf);
        ledger.closeAccount(account);
        rows.accounts.push({ id: account.id, tenant_id: g.tenantId, kind: 'individual', primary_member_id: m.id, balance: account.balance, created_at: iso(m.enrolledAt), updated_at: iso(account.lastAt) });
      }
      // Entries first in each account's time order, so their sequence is the order of the statement.
      await insertChunked(g, 'loyalty_accounts', rows.accounts);
      await insertChunked(g, 'loyalty_members', rows.members);
      await insertChunked(g, 'loyalty_consents', rows.consents);
      await insertChunked(g, 'points_entries', ledger.entries);
      await insertChunked(g, 'points_lots', ledger.lots);
      await insertChunked(g, 'points_lot_consumptions', ledger.consumptions);
      await insertChunked(g, 'loyalty_order_awards', rows.awards);
      await insertChunked(g, 'loyalty_redemptions', rows.redemptions);
      await insertChunked(g, 'loyalty_adjustments', rows.adjustments);
      totals.pointsEntries += ledger.entries.length;
      totals.pointsLots += ledger.lots.length;
      totals.redemptions += rows.redemptions.length;
      totals.expiries += ledger.entries.filter((e) => e.kind === 'expire').length;
      totals.orderAwards += rows.awards.length;
      meter(Math.min(from + chunk.length, members.length));
    }
    meter(members.length, true);
    g.log(`points: ${totals.members.toLocaleString('en-US')} members, ${totals.pointsEntries.toLocaleString('en-US')} entries, ${totals.redemptions.toLocaleString('en-US')} redemptions, ${totals.expiries.toLocaleString('en-US')} expiries`);
    return totals;
  },
};
