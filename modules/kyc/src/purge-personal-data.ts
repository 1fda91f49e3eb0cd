import { recordJournal } from './journal/kyc-journal.ts';
import type { KycContext } from './kyc.context.ts';
import { casesDueForPurge, documentsOfCase, purgeDocuments, updateCase } from './kyc.repository.ts';

const BATCH = 100;
const DAY_MS = 86_400_000;

/**
 * Erases the personal data of accounts closed longer ago than the retention period: ciphertexts,
 * the blind index, the decision note, and the document images (their keys first, so a file that
 * survives somewhere, e.g. in a backup, is unreadable). The case rows and the journal, which hold
 * only ids, codes and masked IINs, stay as the regulator's record. Returns the cases purged.
 */
export async function purgeExpiredPersonalData(ctx: KycContext): Promise<number> {
  const now = ctx.clock.now();
  const closedBefore = new Date(now.getTime() - ctx.settings.retentionDays * DAY_MS);
  let purged = 0;
  for (;;) {
    const due = await casesDueForPurge(ctx.db, closedBefore, BATCH);
    for (const kycCase of due) {
      const files = await documentsOfCase(ctx.db, kycCase.id);
      await ctx.db.transaction(async (tx) => {
        await purgeDocuments(tx, kycCase.id, now);
        await updateCase(tx, kycCase.id, {
          iinCiphertext: null,
          iinIndex: null,
          recognisedCiphertext: null,
          personCiphertext: null,
          decisionNote: null,
          purgedAt: now,
          updatedAt: now,
        });
        await recordJournal(tx, ctx.clock, {
          actor: 'system:kyc-retention',
          operation: 'personal-data-purged',
          caseId: kycCase.id,
          userId: kycCase.userId,
          maskedIin: kycCase.iinMasked,
          fromStatus: kycCase.status,
          toStatus: kycCase.status,
          result: `${files.length} images`,
        });
      });
      for (const file of files) await ctx.storage.delete(file.storageKey);
      purged += 1;
    }
    if (due.length < BATCH) return purged;
  }
}
