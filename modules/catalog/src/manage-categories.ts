import { eq } from 'drizzle-orm';
import { AppError, newId, type Localized } from '@sauda/platform';
import type { Actor, CatalogContext } from './catalog.context.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { findCategory, nextFeedVersion } from './catalog.repository.ts';
import { categories } from './catalog.tables.ts';
import { toCategory, type Category } from './partner-views.ts';

export interface CategoryInput {
  readonly slug: string;
  readonly name: Localized;
  readonly icon: string;
  readonly position: number;
}

const isUniqueViolation = (error: unknown): boolean => {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  return code === '23505' || cause?.code === '23505';
};

export async function createCategory(
  ctx: CatalogContext,
  actor: Actor,
  input: CategoryInput,
): Promise<Category> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      await nextFeedVersion(tx);
      const [row] = await tx
        .insert(categories)
        .values({ id: newId('cat'), ...input, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('category insert returned nothing');
      await ctx.audit.record(tx, {
        actor: actor.id,
        action: 'catalog.category-created',
        entityType: 'category',
        entityId: row.id,
        after: input,
        context: actor.context,
      });
      return toCategory(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(CatalogErrors.CATALOG_SLUG_TAKEN, { params: { slug: input.slug } });
    throw error;
  }
}

export async function updateCategory(
  ctx: CatalogContext,
  actor: Actor,
  categoryId: string,
  patch: Partial<CategoryInput>,
): Promise<Category> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const existing = await findCategory(tx, categoryId);
      if (!existing)
        throw new AppError(CatalogErrors.CATALOG_CATEGORY_NOT_FOUND, { params: { category: categoryId } });
      await nextFeedVersion(tx);
      const [row] = await tx
        .update(categories)
        .set({ ...patch, updatedAt: ctx.clock.now() })
        .where(eq(categories.id, categoryId))
        .returning();
      if (!row) throw new Error('category update returned nothing');
      await ctx.audit.record(tx, {
        actor: actor.id,
        action: 'catalog.category-updated',
        entityType: 'category',
        entityId: categoryId,
        before: toCategory(existing),
        after: toCategory(row),
        context: actor.context,
      });
      return toCategory(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(CatalogErrors.CATALOG_SLUG_TAKEN, { params: { slug: patch.slug ?? '' } });
    throw error;
  }
}
