import { AppError, type Tx } from '@sauda/platform';
import type { KycContext, KycStaff } from './kyc.context.ts';
import { KycErrors } from './kyc.errors.ts';
import {
  findCase,
  findSubject,
  isUniqueViolation,
  updateSubject,
  verifiedElsewhere,
} from './kyc.repository.ts';
import type { CaseRow } from './kyc.tables.ts';
import { attemptsLeft } from './status-view.ts';
import { transition } from './transition.ts';

/**
 * Staff decisions on cases: approve or reject a case under manual review, or reopen a decided
 * one (which also withdraws a verification). Each is journaled and audited in one transaction.
 * The note is for colleagues and auditors: keep personal data out of it.
 */

async function decide(
  ctx: KycContext,
  staff: KycStaff,
  caseId: string,
  action: string,
  work: (tx: Tx, kycCase: CaseRow) => Promise<CaseRow>,
  note: string,
): Promise<CaseRow> {
  return ctx.db.transaction(async (tx) => {
    const kycCase = await findCase(tx, caseId, true);
    if (!kycCase) throw new AppError(KycErrors.KYC_CASE_NOT_FOUND);
    if (kycCase.userId === staff.id) throw new AppError(KycErrors.KYC_OWN_CASE);
    const decided = await work(tx, kycCase);
    await ctx.audit.record(tx, {
      actor: staff.id,
      action,
      entityType: 'kyc-case',
      entityId: caseId,
      before: { status: kycCase.status, reason: kycCase.reason },
      after: { status: decided.status, reason: decided.reason, note },
      context: staff.context,
    });
    return decided;
  });
}

const decision = (staff: KycStaff, note: string, now: Date) => ({
  decidedBy: staff.id,
  decidedAt: now,
  decisionNote: note,
});

export function approveCase(
  ctx: KycContext,
  staff: KycStaff,
  caseId: string,
  note: string,
): Promise<CaseRow> {
  // The check inside answers the common case; the unique index answers a race between approvals.
  return decide(
    ctx,
    staff,
    caseId,
    'kyc.case-approved',
    async (tx, kycCase) => {
      if (kycCase.status !== 'manual_review')
        throw new AppError(KycErrors.KYC_WRONG_STEP, { params: { status: kycCase.status } });
      if (!kycCase.iinIndex) throw new AppError(KycErrors.KYC_CASE_NOT_FOUND);
      if (await verifiedElsewhere(tx, kycCase.iinIndex, kycCase.userId))
        throw new AppError(KycErrors.KYC_IIN_VERIFIED_ELSEWHERE);
      return transition(ctx, tx, kycCase, {
        to: 'verified',
        reason: null,
        operation: 'staff-approved',
        actor: staff.id,
        set: decision(staff, note, ctx.clock.now()),
      });
    },
    note,
  ).catch((error: unknown) => {
    throw isUniqueViolation(error) ? new AppError(KycErrors.KYC_IIN_VERIFIED_ELSEWHERE) : error;
  });
}

export function rejectCase(
  ctx: KycContext,
  staff: KycStaff,
  caseId: string,
  input: { note: string; final: boolean },
): Promise<CaseRow> {
  return decide(
    ctx,
    staff,
    caseId,
    'kyc.case-rejected',
    async (tx, kycCase) => {
      if (kycCase.status !== 'manual_review')
        throw new AppError(KycErrors.KYC_WRONG_STEP, { params: { status: kycCase.status } });
      const now = ctx.clock.now();
      const subject = await findSubject(tx, kycCase.userId);
      // "Reject, may retry" must leave the user an attempt even if they had used them all.
      if (!input.final && subject && attemptsLeft(subject, ctx.settings) === 0) {
        await updateSubject(tx, kycCase.userId, {
          attemptsGranted: subject.attemptsGranted + 1,
          updatedAt: now,
        });
      }
      return transition(ctx, tx, kycCase, {
        to: input.final ? 'rejected_final' : 'rejected',
        reason: 'staff_decision',
        operation: 'staff-rejected',
        actor: staff.id,
        result: input.final ? 'final' : 'retry allowed',
        set: decision(staff, input.note, now),
      });
    },
    input.note,
  );
}

export function reopenCase(ctx: KycContext, staff: KycStaff, caseId: string, note: string): Promise<CaseRow> {
  return decide(
    ctx,
    staff,
    caseId,
    'kyc.case-reopened',
    async (tx, kycCase) => {
      const subject = await findSubject(tx, kycCase.userId);
      // Only the user's latest attempt: reopening an old one behind a newer attempt would fork them.
      if (subject?.currentCaseId !== kycCase.id || kycCase.purgedAt)
        throw new AppError(KycErrors.KYC_WRONG_STEP, { params: { status: kycCase.status } });
      return transition(ctx, tx, kycCase, {
        to: 'manual_review',
        reason: 'reopened',
        operation: 'reopened',
        actor: staff.id,
        set: decision(staff, note, ctx.clock.now()),
      });
    },
    note,
  );
}
