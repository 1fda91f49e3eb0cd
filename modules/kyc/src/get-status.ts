import type { Locale } from '@sauda/platform';
import type { KycContext } from './kyc.context.ts';
import { findCase, findSubject } from './kyc.repository.ts';
import { statusView, type KycStatusView } from './status-view.ts';

export async function getStatus(ctx: KycContext, userId: string, locale: Locale): Promise<KycStatusView> {
  const subject = await findSubject(ctx.db, userId);
  const current = subject?.currentCaseId ? await findCase(ctx.db, subject.currentCaseId) : undefined;
  return statusView(
    subject,
    current,
    { ...ctx.settings, documentTypes: ctx.provider.capabilities.documentTypes },
    locale,
  );
}

/** True while the user's verification stands (not reopened, not replaced by a new attempt). */
export async function isVerified(ctx: KycContext, userId: string): Promise<boolean> {
  const subject = await findSubject(ctx.db, userId);
  if (!subject?.verifiedCaseId || subject.verifiedCaseId !== subject.currentCaseId) return false;
  return (await findCase(ctx.db, subject.verifiedCaseId))?.status === 'verified';
}
