import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { KycContext } from './kyc.context.ts';
import { decryptIin } from './provider-steps.ts';
import { cases, subjects } from './kyc.tables.ts';

/**
 * Reads other modules need about a verified person, without exposing the evidence: the IIN for a
 * tax agent's report, and whether an IIN was ever submitted by another account (referral farming).
 */

/** The users among `userIds` whose verification stands, with their verified case. */
async function standingCases(ctx: KycContext, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return ctx.db
    .select({ userId: cases.userId, kycCase: cases })
    .from(subjects)
    .innerJoin(cases, eq(cases.id, subjects.verifiedCaseId))
    .where(
      and(
        inArray(subjects.userId, [...userIds]),
        eq(subjects.currentCaseId, subjects.verifiedCaseId),
        eq(cases.status, 'verified'),
      ),
    );
}

/**
 * Decrypted IINs of the users whose verification stands (a user without one is absent from the
 * map). For the tax agent's report only: the caller audits the use and never logs the values.
 */
export async function verifiedIins(
  ctx: KycContext,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await standingCases(ctx, userIds);
  return new Map(
    rows
      .filter((row) => row.kycCase.iinCiphertext !== null)
      .map((row) => [row.userId, decryptIin(ctx, row.kycCase)]),
  );
}

/**
 * Other accounts that ever submitted the IIN of this user's standing verification, found by the
 * blind index in any case status; empty when the user is not verified.
 */
export async function accountsSharingIin(ctx: KycContext, userId: string): Promise<string[]> {
  const [own] = await standingCases(ctx, [userId]);
  const index = own?.kycCase.iinIndex;
  if (!index) return [];
  const rows = await ctx.db
    .selectDistinct({ userId: cases.userId })
    .from(cases)
    .where(and(eq(cases.iinIndex, index), isNotNull(cases.iinIndex), ne(cases.userId, userId)));
  return rows.map((row) => row.userId).sort();
}
