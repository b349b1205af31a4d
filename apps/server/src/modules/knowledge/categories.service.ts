import type { z } from 'zod';
import type { CreateKnowledgeCategory, UpdateKnowledgeCategory } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './knowledge.repository.ts';
import { toCategoryDto } from './knowledge.dto.ts';

/** A category tree deeper than this is a filing cabinet nobody finds anything in. */
const MAX_DEPTH = 5;

export async function listCategories(ctx: Ctx) {
  const rows = await repo.categoriesWithCounts(ctx.db, ctx.tenantId);
  return { items: rows.map(toCategoryDto) };
}

/** Ids of a category and every category below it. */
export function subtreeIds(all: { id: string; parentId: string | null }[], rootId: string): string[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const c of all) if (c.parentId === out[i] && !out.includes(c.id)) out.push(c.id);
  return out;
}

function depthOf(all: { id: string; parentId: string | null }[], id: string | null): number {
  let d = 0;
  const byId = new Map(all.map((c) => [c.id, c.parentId]));
  for (let at = id; at && d <= MAX_DEPTH + 1; at = byId.get(at) ?? null) d++;
  return d;
}

async function checkParent(ctx: Ctx, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const all = await repo.categoriesWithCounts(ctx.db, ctx.tenantId);
  if (!all.some((c) => c.id === parentId)) throw invalid([issue('body.parentId', 'not_found', 'parent category not found')]);
  if (selfId) {
    if (subtreeIds(all, selfId).includes(parentId)) throw invalid([issue('body.parentId', 'category_cycle', 'a category cannot move under itself')]);
    const below = Math.max(...subtreeIds(all, selfId).map((id) => depthOf(all, id) - depthOf(all, selfId) + 1));
    if (depthOf(all, parentId) + below > MAX_DEPTH) throw invalid([issue('body.parentId', 'too_deep', `categories nest at most ${MAX_DEPTH} levels`)]);
  } else if (depthOf(all, parentId) + 1 > MAX_DEPTH) throw invalid([issue('body.parentId', 'too_deep', `categories nest at most ${MAX_DEPTH} levels`)]);
}

const nameTaken = () => new AppError('conflict', 'a category of this name already exists here', { issues: [issue('body.name', 'taken', 'name already used under this parent')] });

export async function createCategory(ctx: Ctx, input: z.infer<typeof CreateKnowledgeCategory>) {
  const parentId = input.parentId ?? null;
  await checkParent(ctx, parentId);
  return ctx.db.transaction(async (tx) => {
    if (await repo.siblingNamed(tx, ctx.tenantId, parentId, input.name)) throw nameTaken();
    const row = await insertScoped<repo.CategoryRow>(ctx, tx, repo.categoryFence, { parentId, name: input.name, position: input.position ?? 0, createdAt: ctx.now(), updatedAt: ctx.now() });
    return toCategoryDto({ ...row, articleCount: 0 });
  });
}

export async function updateCategory(ctx: Ctx, id: string, input: z.infer<typeof UpdateKnowledgeCategory>) {
  const current = await repo.categoryById(ctx.db, ctx.tenantId, id);
  if (!current) throw notFound('knowledgeCategory');
  if (input.parentId !== undefined && input.parentId !== current.parentId) await checkParent(ctx, input.parentId, id);
  return ctx.db.transaction(async (tx) => {
    const locked = await lockScoped<repo.CategoryRow>(ctx, tx, repo.categoryFence, id);
    const parentId = input.parentId !== undefined ? input.parentId : locked.parentId;
    const name = input.name ?? locked.name;
    if ((input.name !== undefined || input.parentId !== undefined) && (await repo.siblingNamed(tx, ctx.tenantId, parentId, name, id))) throw nameTaken();
    const { after } = await updateScoped<repo.CategoryRow>(ctx, tx, repo.categoryFence, id, input);
    const counts = await repo.categoriesWithCounts(tx, ctx.tenantId);
    return toCategoryDto({ ...after, articleCount: counts.find((c) => c.id === id)?.articleCount ?? 0 });
  });
}

export async function deleteCategory(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    await lockScoped(ctx, tx, repo.categoryFence, id);
    const use = await repo.categoryInUse(tx, ctx.tenantId, id);
    if (use.children || use.articles) {
      throw new AppError('conflict', 'the category still holds sub-categories or articles', { params: { children: use.children, articles: use.articles } });
    }
    await deleteScoped(ctx, tx, repo.categoryFence, id);
  });
}
