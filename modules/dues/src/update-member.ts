import { eq } from 'drizzle-orm';
import { AppError, isPeriod } from '@sauda/platform';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import {
  members,
  type MemberLocale,
  type MemberRow,
  type ReminderChannel,
  type StaffStatus,
} from './dues.tables.ts';
import {
  iinIndex,
  normalizeCity,
  normalizeEmail,
  normalizeFullName,
  normalizeIin,
  normalizePhone,
  phoneIndex,
  sealMemberField,
} from './member-data.ts';
import { findMember } from './members.repository.ts';
import { withMemberConflicts } from './register-member.ts';

export interface MemberPatch {
  readonly fullName?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | null | undefined;
  readonly iin?: string | null | undefined;
  readonly city?: string | null | undefined;
  readonly preferredChannel?: ReminderChannel | undefined;
  readonly remindersEnabled?: boolean | undefined;
  readonly locale?: MemberLocale | undefined;
  /** Staff only: the first month the member owes. */
  readonly joinedPeriod?: string | undefined;
}

const blank = (value: string | null | undefined): boolean => value === null || value?.trim() === '';

/**
 * Changes a member's data. The audit entry names the personal fields that changed without their
 * values, and carries the other fields before and after.
 */
export async function updateMember(
  ctx: DuesContext,
  actor: Actor,
  memberId: string,
  patch: MemberPatch,
): Promise<MemberRow> {
  const now = ctx.clock.now();
  if (patch.joinedPeriod !== undefined && !isPeriod(patch.joinedPeriod))
    throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  const fullName = patch.fullName === undefined ? undefined : normalizeFullName(patch.fullName);
  const phone = patch.phone === undefined ? undefined : normalizePhone(patch.phone);
  const email =
    patch.email === undefined ? undefined : blank(patch.email) ? null : normalizeEmail(patch.email ?? '');
  const iin =
    patch.iin === undefined ? undefined : blank(patch.iin) ? null : normalizeIin(patch.iin ?? '', now);
  const city =
    patch.city === undefined ? undefined : blank(patch.city) ? null : normalizeCity(patch.city ?? '');
  return withMemberConflicts(() =>
    ctx.db.transaction(async (tx) => {
      const before = await findMember(tx, memberId, true);
      if (!before) throw new AppError(DuesErrors.DUES_MEMBER_NOT_FOUND);
      const id = before.id;
      const [after] = await tx
        .update(members)
        .set({
          ...(fullName === undefined
            ? {}
            : { fullNameCiphertext: sealMemberField(ctx.encryptor, id, 'full_name', fullName) }),
          ...(phone === undefined
            ? {}
            : {
                phoneCiphertext: sealMemberField(ctx.encryptor, id, 'phone', phone),
                phoneIndex: phoneIndex(ctx.encryptor, phone),
              }),
          ...(email === undefined
            ? {}
            : {
                emailCiphertext: email === null ? null : sealMemberField(ctx.encryptor, id, 'email', email),
              }),
          ...(iin === undefined
            ? {}
            : {
                iinCiphertext: iin === null ? null : sealMemberField(ctx.encryptor, id, 'iin', iin),
                iinIndex: iin === null ? null : iinIndex(ctx.encryptor, iin),
              }),
          ...(city === undefined ? {} : { city }),
          ...(patch.preferredChannel === undefined ? {} : { preferredChannel: patch.preferredChannel }),
          ...(patch.remindersEnabled === undefined ? {} : { remindersEnabled: patch.remindersEnabled }),
          ...(patch.locale === undefined ? {} : { locale: patch.locale }),
          ...(patch.joinedPeriod === undefined ? {} : { joinedPeriod: patch.joinedPeriod }),
          updatedAt: now,
        })
        .where(eq(members.id, id))
        .returning();
      if (!after) throw new Error('member vanished while locked');
      const personal = (['fullName', 'phone', 'email', 'iin'] as const).filter(
        (field) => patch[field] !== undefined,
      );
      const visible = (row: MemberRow) => ({
        city: row.city,
        preferredChannel: row.preferredChannel,
        remindersEnabled: row.remindersEnabled,
        locale: row.locale,
        joinedPeriod: row.joinedPeriod,
      });
      await ctx.audit.record(tx, {
        actor: actor.id,
        action: 'dues.member-updated',
        entityType: 'dues-member',
        entityId: id,
        before: visible(before),
        after: { ...visible(after), personalDataChanged: personal },
        context: actor.context,
      });
      return after;
    }),
  );
}

/** Staff suspend, block or restore a membership; a reason is required for the first two. */
export async function changeMemberStatus(
  ctx: DuesContext,
  actor: Actor,
  memberId: string,
  change: { readonly status: StaffStatus; readonly reason?: string | undefined },
): Promise<MemberRow> {
  const reason = change.status === 'none' ? null : (change.reason ?? '').trim();
  if (reason !== null && (reason.length < 1 || reason.length > 500))
    throw new AppError(DuesErrors.DUES_REASON_REQUIRED);
  return ctx.db.transaction(async (tx) => {
    const before = await findMember(tx, memberId, true);
    if (!before) throw new AppError(DuesErrors.DUES_MEMBER_NOT_FOUND);
    if (before.staffStatus === change.status && before.staffStatusReason === reason)
      throw new AppError(DuesErrors.DUES_INVALID_STATUS_CHANGE, { params: { status: change.status } });
    const [after] = await tx
      .update(members)
      .set({ staffStatus: change.status, staffStatusReason: reason, updatedAt: ctx.clock.now() })
      .where(eq(members.id, memberId))
      .returning();
    if (!after) throw new Error('member vanished while locked');
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'dues.member-status-changed',
      entityType: 'dues-member',
      entityId: memberId,
      before: { staffStatus: before.staffStatus, reason: before.staffStatusReason },
      after: { staffStatus: after.staffStatus, reason: after.staffStatusReason },
      context: actor.context,
    });
    return after;
  });
}
