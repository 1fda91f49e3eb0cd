import { AppError } from '@sauda/platform';
import { hasPermission } from '@sauda/identity';
import { loadImage, type Image } from './documents/document-vault.ts';
import { journalOfCase } from './journal/journal.repository.ts';
import { recordJournal, type JournalEntry } from './journal/kyc-journal.ts';
import type { KycContext, KycStaff } from './kyc.context.ts';
import { KycErrors } from './kyc.errors.ts';
import { COMPLIANCE_ROLE, KycPermissions } from './kyc.permissions.ts';
import { documentsOfCase, findCase } from './kyc.repository.ts';
import type { CaseRow, DocumentRow } from './kyc.tables.ts';
import { decryptIin, personContext, recognisedContext } from './provider-steps.ts';
import type { RecognisedDocument, VerifiedPerson } from './providers/kyc-provider.ts';

/**
 * Decrypted personal data leaves the module only here, only for a compliance officer (the role
 * itself, not merely a permission an admin holds by default), and every access is audited and
 * journaled before the data is returned.
 */
export function assertComplianceOfficer(staff: KycStaff): void {
  if (
    !staff.roles.includes(COMPLIANCE_ROLE) ||
    !hasPermission(staff.permissions, KycPermissions.personalDataRead)
  )
    throw new AppError(KycErrors.KYC_COMPLIANCE_ROLE_REQUIRED);
}

export interface CaseEvidence {
  readonly kycCase: CaseRow;
  readonly iin: string | null;
  readonly recognised: RecognisedDocument | null;
  readonly person: VerifiedPerson | null;
  readonly documents: readonly DocumentRow[];
  readonly history: readonly JournalEntry[];
}

async function recordAccess(
  ctx: KycContext,
  staff: KycStaff,
  kycCase: CaseRow,
  operation: 'personal-data-viewed' | 'document-viewed',
  documentId?: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await recordJournal(tx, ctx.clock, {
      actor: staff.id,
      operation,
      caseId: kycCase.id,
      userId: kycCase.userId,
      maskedIin: kycCase.iinMasked,
      fromStatus: kycCase.status,
      toStatus: kycCase.status,
      result: documentId,
    });
    await ctx.audit.record(tx, {
      actor: staff.id,
      action: `kyc.${operation}`,
      entityType: 'kyc-case',
      entityId: kycCase.id,
      after: documentId ? { documentId } : undefined,
      context: staff.context,
    });
  });
}

async function caseFor(ctx: KycContext, staff: KycStaff, caseId: string): Promise<CaseRow> {
  assertComplianceOfficer(staff);
  const kycCase = await findCase(ctx.db, caseId);
  if (!kycCase) throw new AppError(KycErrors.KYC_CASE_NOT_FOUND);
  return kycCase;
}

const decryptJson = (ctx: KycContext, ciphertext: string | null, context: string): unknown =>
  ciphertext ? JSON.parse(ctx.encryptor.decrypt(ciphertext, context)) : null;

export async function viewEvidence(ctx: KycContext, staff: KycStaff, caseId: string): Promise<CaseEvidence> {
  const kycCase = await caseFor(ctx, staff, caseId);
  await recordAccess(ctx, staff, kycCase, 'personal-data-viewed');
  const history = (await journalOfCase(ctx.db, caseId)).map(({ prevHash: _prev, ...entry }) => entry);
  return {
    kycCase,
    iin: kycCase.iinCiphertext ? decryptIin(ctx, kycCase) : null,
    recognised: decryptJson(
      ctx,
      kycCase.recognisedCiphertext,
      recognisedContext(caseId),
    ) as RecognisedDocument | null,
    person: decryptJson(ctx, kycCase.personCiphertext, personContext(caseId)) as VerifiedPerson | null,
    documents: await documentsOfCase(ctx.db, caseId),
    history,
  };
}

export async function viewDocument(
  ctx: KycContext,
  staff: KycStaff,
  caseId: string,
  documentId: string,
): Promise<Image> {
  const kycCase = await caseFor(ctx, staff, caseId);
  const document = (await documentsOfCase(ctx.db, caseId)).find((row) => row.id === documentId);
  if (!document) throw new AppError(KycErrors.KYC_DOCUMENT_NOT_FOUND);
  await recordAccess(ctx, staff, kycCase, 'document-viewed', documentId);
  return loadImage(ctx, document);
}
