import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '@sauda/platform';
import type { Actor, CatalogContext } from './catalog.context.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { categorySlugsOf, findPartner } from './catalog.repository.ts';
import { partners } from './catalog.tables.ts';
import { toPartner, type Partner } from './partner-views.ts';

export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** Upload limit; the stored logo is much smaller after re-encoding. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const MAX_SOURCE_SIDE = 4096;
const LOGO_SIDE = 512;

/**
 * Decodes the upload and draws it anew as a PNG of at most 512×512: whatever the file claimed to
 * be, only a PNG, JPEG or WebP that really decodes is accepted, and nothing of the original bytes
 * (metadata, trailing payloads, polyglot tricks) survives. The size is checked before decoding so a
 * small file that claims huge dimensions cannot exhaust memory.
 */
export async function reencodeLogo(image: Buffer): Promise<Buffer> {
  const invalid = () =>
    new AppError(CatalogErrors.CATALOG_INVALID_LOGO, { params: { maxPixels: MAX_SOURCE_SIDE } });
  if (image.length === 0 || image.length > MAX_LOGO_BYTES) throw invalid();
  let metadata: Metadata;
  try {
    metadata = await sharp(image, { limitInputPixels: MAX_SOURCE_SIDE * MAX_SOURCE_SIDE }).metadata();
  } catch {
    throw invalid();
  }
  if (
    !['png', 'jpeg', 'webp'].includes(metadata.format) ||
    metadata.width > MAX_SOURCE_SIDE ||
    metadata.height > MAX_SOURCE_SIDE
  )
    throw invalid();
  try {
    return await sharp(image, {
      limitInputPixels: MAX_SOURCE_SIDE * MAX_SOURCE_SIDE,
      failOn: 'error',
      animated: false,
    })
      .rotate()
      .resize(LOGO_SIDE, LOGO_SIDE, { fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer();
  } catch {
    throw invalid();
  }
}

/** Re-encodes and stores a logo under a content-addressed key, so its URL can be cached forever. */
export async function setPartnerLogo(
  ctx: CatalogContext,
  actor: Actor,
  partnerId: string,
  image: Buffer,
): Promise<Partner> {
  if (!(await findPartner(ctx.db, partnerId))) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
  const png = await reencodeLogo(image);
  const key = `logos/${partnerId.toLowerCase()}/${createHash('sha256').update(png).digest('hex').slice(0, 32)}.png`;
  await ctx.storage.put(key, { data: png, contentType: 'image/png' });
  return ctx.db.transaction(async (tx) => {
    const existing = await findPartner(tx, partnerId, true);
    if (!existing) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
    const [row] = await tx
      .update(partners)
      .set({ logoKey: key, updatedAt: ctx.clock.now() })
      .where(eq(partners.id, partnerId))
      .returning();
    if (!row) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'catalog.partner-logo-changed',
      entityType: 'partner',
      entityId: partnerId,
      before: { logoKey: existing.logoKey },
      after: { logoKey: key, bytes: png.length },
      context: actor.context,
    });
    return toPartner(row, (await categorySlugsOf(tx, [partnerId])).get(partnerId) ?? [], ctx.publicUrl);
  });
}
