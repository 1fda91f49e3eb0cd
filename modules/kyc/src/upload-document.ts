import { AppError } from '@sauda/platform';
import { decodeImage, storeImages } from './documents/document-vault.ts';
import type { KycActor, KycContext } from './kyc.context.ts';
import { KycErrors } from './kyc.errors.ts';
import { findCase, findSubject, insertDocuments, updateCase } from './kyc.repository.ts';
import type { CaseRow, DocumentSide, DocumentType, ImageContentType } from './kyc.tables.ts';
import { sendDocument } from './provider-steps.ts';

export interface ImageInput {
  readonly contentType: ImageContentType;
  /** Base64 of the image bytes. */
  readonly data: string;
}

export interface DocumentInput {
  readonly documentType: DocumentType;
  readonly pages: readonly (ImageInput & { readonly side: 'front' | 'back' | 'main' })[];
}

/** The pages each document type needs: an ID card both sides, a passport its photo page. */
export const REQUIRED_SIDES: Readonly<Record<DocumentType, readonly DocumentSide[]>> = {
  id_card: ['front', 'back'],
  passport: ['main'],
};

/** The user's current case, which must be in `status`; otherwise a clear "wrong step" error. */
export async function currentCaseIn(
  ctx: KycContext,
  userId: string,
  status: CaseRow['status'],
): Promise<CaseRow> {
  const subject = await findSubject(ctx.db, userId);
  const current = subject?.currentCaseId ? await findCase(ctx.db, subject.currentCaseId) : undefined;
  if (!current) throw new AppError(KycErrors.KYC_NOT_STARTED);
  if (current.status !== status)
    throw new AppError(KycErrors.KYC_WRONG_STEP, { params: { status: current.status } });
  return current;
}

export async function uploadDocument(ctx: KycContext, actor: KycActor, input: DocumentInput): Promise<void> {
  const required = REQUIRED_SIDES[input.documentType];
  const sides: readonly DocumentSide[] = input.pages.map((page) => page.side);
  if (sides.length !== required.length || !required.every((side) => sides.includes(side))) {
    throw new AppError(KycErrors.KYC_DOCUMENT_PAGES_INVALID, {
      params: { documentType: input.documentType, sides: required.join(', ') },
    });
  }
  const images = input.pages.map((page) => ({
    side: page.side,
    ...decodeImage(page.data, page.contentType),
  }));
  const kycCase = await currentCaseIn(ctx, actor.userId, 'awaiting_document');
  const rows = await storeImages(ctx, kycCase.id, images, ctx.clock.now());
  const stored = await ctx.db.transaction(async (tx) => {
    const current = await findCase(tx, kycCase.id, true);
    if (current?.status !== 'awaiting_document')
      throw new AppError(KycErrors.KYC_WRONG_STEP, { params: { status: current?.status ?? 'not_started' } });
    await insertDocuments(tx, rows);
    await updateCase(tx, current.id, { documentType: input.documentType, updatedAt: ctx.clock.now() });
    return { ...current, documentType: input.documentType };
  });
  await sendDocument(ctx, stored, actor.userId);
}
