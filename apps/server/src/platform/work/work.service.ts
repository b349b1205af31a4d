import { WORK_SECTIONS, WorkItem as WorkItemSchema, type WorkItemDto, type WorkSection, type WorkTodayDto } from '@jiake/shared';
import { can, type Ctx } from '../http/context.ts';
import { shanghaiDay } from './today.ts';
import type { WorkItem, WorkSourceEntry } from './work-items.ts';

/** Items asked of each source; a source that gives this many may have more (the section says so). */
export const WORK_LIMIT = 50;
/** A source slower than this is reported as failed, so one slow module does not hold up everybody's start page. */
export const SOURCE_TIMEOUT_MS = 5_000;

type Outcome = { name: string; entry: WorkSourceEntry; items: WorkItem[] } | { name: string; entry: WorkSourceEntry; error: string };

class SourceTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Ask one source, isolating whatever goes wrong (a throw, a timeout, items of the wrong shape). */
async function ask(ctx: Ctx, name: string, entry: WorkSourceEntry, input: Parameters<WorkSourceEntry['load']>[1], opts: WorkOptions): Promise<Outcome> {
  const { log } = opts;
  try {
    const raw = await withTimeout(Promise.resolve().then(() => entry.load(ctx, input)), opts.timeoutMs ?? SOURCE_TIMEOUT_MS);
    const parsed = WorkItemSchema.array().safeParse(raw);
    if (!parsed.success) {
      log(name, parsed.error);
      return { name, entry, error: 'invalid_items' };
    }
    return { name, entry, items: parsed.data.slice(0, input.limit) };
  } catch (err) {
    log(name, err);
    return { name, entry, error: err instanceof SourceTimeout ? 'timeout' : 'failed' };
  }
}

/** Overdue first, then by due time (none last); the source's own order otherwise. */
function byUrgency(a: WorkItemDto, b: WorkItemDto): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt === b.dueAt) return 0;
  if (!a.dueAt) return 1;
  if (!b.dueAt) return -1;
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

export interface WorkOptions {
  /** Told about each failing source (the route logs it). */
  log: (source: string, err: unknown) => void;
  timeoutMs?: number;
}

/**
 * "My work today" (PLAT-12): every source the caller may use (its permission) is asked in parallel with the clock's
 * now and the end of today in Shanghai; the answers are merged into sections. A source that fails is reported in
 * `failed` (and logged) while the others still answer.
 */
export async function workToday(ctx: Ctx, sources: Record<string, WorkSourceEntry>, opts: WorkOptions): Promise<WorkTodayDto> {
  const now = ctx.now();
  const { end } = shanghaiDay(now);
  const input = { now, endOfToday: end, limit: WORK_LIMIT };
  const asked = Object.entries(sources).filter(([, entry]) => can(ctx, entry.permission));
  const outcomes = await Promise.all(asked.map(([name, entry]) => ask(ctx, name, entry, input, opts)));

  const sections = new Map<WorkSection, { items: WorkItemDto[]; more: boolean }>();
  const open = (key: WorkSection) => sections.get(key) ?? sections.set(key, { items: [], more: false }).get(key)!;
  for (const o of outcomes) {
    const keys: WorkSection[] = o.entry.section === 'tasks' ? ['overdue', 'dueToday'] : [o.entry.section];
    keys.forEach(open);
    if (!('items' in o)) continue;
    const seen = new Set<string>();
    const filled = new Set<WorkSection>();
    for (const item of o.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      const key: WorkSection = o.entry.section === 'tasks' ? (item.overdue ? 'overdue' : 'dueToday') : o.entry.section;
      open(key).items.push({ ...item, source: o.name, detail: item.detail ?? null });
      filled.add(key);
    }
    // A source that gave its limit may have more. A task source keeps today's items before the overdue ones, so with
    // any overdue item in its answer, today's are complete and the overdue ones are what was cut.
    if (o.items.length >= input.limit) {
      const cut: WorkSection = o.entry.section !== 'tasks' ? o.entry.section : filled.has('overdue') ? 'overdue' : 'dueToday';
      open(cut).more = true;
    }
  }

  const out = WORK_SECTIONS.filter((key) => sections.has(key)).map((key) => {
    const s = sections.get(key)!;
    const items = s.items.sort(byUrgency);
    return { key, count: items.length, more: s.more, items };
  });
  return {
    now: now.toISOString(),
    endOfToday: end.toISOString(),
    sections: out,
    total: out.reduce((n, s) => n + s.count, 0),
    failed: outcomes.flatMap((o) => ('error' in o ? [{ source: o.name, error: o.error }] : [])),
  };
}
