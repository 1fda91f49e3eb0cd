import { loadImage } from './documents/document-vault.ts';
import type { KycContext } from './kyc.context.ts';
import { documentsOfCase, findCase, markDocumentsSent } from './kyc.repository.ts';
import type { CaseRow, DocumentRow } from './kyc.tables.ts';
import { recordProviderFailure } from './provider-failure.ts';
import { transition } from './transition.ts';

/**
 * The calls to the provider, one per step. Each runs outside any transaction (a slow provider
 * must not hold a database connection), then records its outcome in a short transaction that
 * re-reads the case, because a webhook may have moved it meanwhile.
 */

const iinContext = (caseId: string): string => `${caseId}:iin`;
export const recognisedContext = (caseId: string): string => `${caseId}:recognised`;
export const personContext = (caseId: string): string => `${caseId}:person`;

export function decryptIin(ctx: KycContext, kycCase: CaseRow): string {
  if (!kycCase.iinCiphertext) throw new Error(`case ${kycCase.id} holds no IIN (purged)`);
  return ctx.encryptor.decrypt(kycCase.iinCiphertext, iinContext(kycCase.id));
}

export const encryptIin = (ctx: KycContext, caseId: string, iin: string): string =>
  ctx.encryptor.encrypt(iin, iinContext(caseId));

export async function createProviderSession(
  ctx: KycContext,
  kycCase: CaseRow,
  actor: string,
): Promise<CaseRow | undefined> {
  let sessionId: string;
  try {
    ({ sessionId } = await ctx.provider.createSession({
      reference: kycCase.id,
      iin: decryptIin(ctx, kycCase),
      consentVersion: kycCase.consentVersion,
      consentGivenAt: kycCase.consentGivenAt,
    }));
  } catch (error) {
    return recordProviderFailure(ctx, kycCase.id, 'create-session', error, actor);
  }
  return ctx.db.transaction(async (tx) => {
    const current = await findCase(tx, kycCase.id, true);
    if (current?.status !== 'iin_submitted' && current?.status !== 'provider_unavailable') return current;
    return transition(ctx, tx, current, {
      to: 'awaiting_document',
      reason: null,
      operation: 'provider-session-created',
      actor,
      set: { providerSessionId: sessionId, pendingStep: null, retryCount: 0, nextRetryAt: null },
    });
  });
}

const unsent = (rows: readonly DocumentRow[], selfie: boolean): DocumentRow[] =>
  rows.filter((row) => row.sentToProviderAt === null && (row.side === 'selfie') === selfie);

export async function sendDocument(
  ctx: KycContext,
  kycCase: CaseRow,
  actor: string,
): Promise<CaseRow | undefined> {
  const pages = unsent(await documentsOfCase(ctx.db, kycCase.id), false);
  const documentType = kycCase.documentType;
  if (!kycCase.providerSessionId || !documentType || pages.length === 0) return kycCase;
  const sessionId = kycCase.providerSessionId;
  let recognition;
  try {
    const images = await Promise.all(
      pages.map(async (page) => ({ side: page.side, ...(await loadImage(ctx, page)) })),
    );
    recognition = await ctx.provider.uploadDocument(sessionId, { documentType, pages: images });
  } catch (error) {
    return recordProviderFailure(ctx, kycCase.id, 'upload-document', error, actor);
  }
  return ctx.db.transaction(async (tx) => {
    const current = await findCase(tx, kycCase.id, true);
    await markDocumentsSent(
      tx,
      pages.map((page) => page.id),
      ctx.clock.now(),
    );
    if (current?.status !== 'awaiting_document' && current?.status !== 'provider_unavailable') return current;
    if (recognition.outcome === 'unreadable') {
      return transition(ctx, tx, current, {
        to: 'awaiting_document',
        reason: 'document_unreadable',
        operation: 'document-uploaded',
        actor,
        result: 'unreadable',
        set: { pendingStep: null, retryCount: 0, nextRetryAt: null },
      });
    }
    return transition(ctx, tx, current, {
      to: 'awaiting_liveness',
      reason: null,
      operation: 'document-uploaded',
      actor,
      result: 'recognised',
      set: {
        recognisedCiphertext: ctx.encryptor.encrypt(
          JSON.stringify(recognition.fields),
          recognisedContext(kycCase.id),
        ),
        pendingStep: null,
        retryCount: 0,
        nextRetryAt: null,
      },
    });
  });
}

export async function sendSelfie(
  ctx: KycContext,
  kycCase: CaseRow,
  actor: string,
): Promise<CaseRow | undefined> {
  const [selfie] = unsent(await documentsOfCase(ctx.db, kycCase.id), true).slice(-1);
  if (!kycCase.providerSessionId || !selfie) return kycCase;
  const sessionId = kycCase.providerSessionId;
  try {
    await ctx.provider.submitLiveness(sessionId, await loadImage(ctx, selfie));
  } catch (error) {
    return recordProviderFailure(ctx, kycCase.id, 'submit-liveness', error, actor);
  }
  return ctx.db.transaction(async (tx) => {
    const current = await findCase(tx, kycCase.id, true);
    await markDocumentsSent(tx, [selfie.id], ctx.clock.now());
    // A fast provider may already have decided by webhook: then there is nothing left to record.
    if (current?.status !== 'awaiting_liveness' && current?.status !== 'provider_unavailable') return current;
    return transition(ctx, tx, current, {
      to: 'state_check',
      reason: null,
      operation: 'liveness-submitted',
      actor,
      set: { pendingStep: null, retryCount: 0, nextRetryAt: null, lastPolledAt: null },
    });
  });
}
