import { AppError } from '@sauda/platform';
import { decodeImage, storeImages } from './documents/document-vault.ts';
import type { KycActor, KycContext } from './kyc.context.ts';
import { KycErrors } from './kyc.errors.ts';
import { findCase, insertDocuments } from './kyc.repository.ts';
import { sendSelfie } from './provider-steps.ts';
import { currentCaseIn, type ImageInput } from './upload-document.ts';

/**
 * The liveness step: a selfie the provider checks for a live person and matches against the
 * document photo. Any camera or file picker can produce it, so the flow works without a live
 * video stream (and the sandbox decides the outcome by its rules).
 */
export async function submitLiveness(ctx: KycContext, actor: KycActor, selfie: ImageInput): Promise<void> {
  const image = decodeImage(selfie.data, selfie.contentType);
  const kycCase = await currentCaseIn(ctx, actor.userId, 'awaiting_liveness');
  const rows = await storeImages(ctx, kycCase.id, [{ side: 'selfie', ...image }], ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const current = await findCase(tx, kycCase.id, true);
    if (current?.status !== 'awaiting_liveness')
      throw new AppError(KycErrors.KYC_WRONG_STEP, { params: { status: current?.status ?? 'not_started' } });
    await insertDocuments(tx, rows);
  });
  await sendSelfie(ctx, kycCase, actor.userId);
}
