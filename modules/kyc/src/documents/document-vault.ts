import { AppError, newId } from '@sauda/platform';
import type { KycContext } from '../kyc.context.ts';
import { KycErrors } from '../kyc.errors.ts';
import type { DocumentRow, DocumentSide, ImageContentType, documents } from '../kyc.tables.ts';
import { openImage, sealImage, sniffImageType } from './document-encryption.ts';

/** Largest image accepted, decoded; a phone photo of an ID card is well under it. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Base64 of MAX_IMAGE_BYTES, for request schemas. */
export const MAX_IMAGE_BASE64_LENGTH = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;

export interface Image {
  readonly contentType: ImageContentType;
  readonly bytes: Buffer;
}

const invalidImage = (): AppError =>
  new AppError(KycErrors.KYC_IMAGE_INVALID, { params: { maxMegabytes: MAX_IMAGE_BYTES / 1024 / 1024 } });

/** Decodes base64 and checks the bytes really are the JPEG or PNG the client says they are. */
export function decodeImage(data: string, claimed: ImageContentType): Image {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw invalidImage();
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES || sniffImageType(bytes) !== claimed)
    throw invalidImage();
  return { contentType: claimed, bytes };
}

/**
 * Encrypts and writes the images, returning the rows to insert in the caller's transaction. If that
 * transaction fails, the files stay behind without their keys: unreadable, and harmless.
 */
export async function storeImages(
  ctx: Pick<KycContext, 'encryptor' | 'storage'>,
  caseId: string,
  images: readonly (Image & { readonly side: DocumentSide })[],
  now: Date,
): Promise<(typeof documents.$inferInsert)[]> {
  const rows: (typeof documents.$inferInsert)[] = [];
  for (const image of images) {
    const id = newId('kdoc');
    const storageKey = `${caseId}/${id}.bin`;
    const { keyCiphertext, sealed } = sealImage(ctx.encryptor, id, image.bytes);
    await ctx.storage.put(storageKey, sealed);
    rows.push({
      id,
      caseId,
      side: image.side,
      contentType: image.contentType,
      sizeBytes: image.bytes.length,
      storageKey,
      keyCiphertext,
      createdAt: now,
    });
  }
  return rows;
}

/** The decrypted bytes of a stored image; not found once purged. */
export async function loadImage(
  ctx: Pick<KycContext, 'encryptor' | 'storage'>,
  document: DocumentRow,
): Promise<Image> {
  const sealed = document.keyCiphertext ? await ctx.storage.get(document.storageKey) : undefined;
  if (!sealed || !document.keyCiphertext) throw new AppError(KycErrors.KYC_DOCUMENT_NOT_FOUND);
  return {
    contentType: document.contentType,
    bytes: openImage(ctx.encryptor, document.id, document.keyCiphertext, sealed),
  };
}
