import { AppError, newId, periodOf, publishEvent, type Tx } from '@sauda/platform';
import type { IdentityApi } from '@sauda/identity';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { MemberRegistered } from './dues.events.ts';
import { members, type MemberLocale, type MemberRow, type ReminderChannel } from './dues.tables.ts';
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
import { findMemberByPhoneIndex, findMemberByUser, violatedConstraint } from './members.repository.ts';
import { eq } from 'drizzle-orm';

export interface MemberInput {
  readonly fullName: string;
  readonly phone: string;
  readonly email?: string | null | undefined;
  readonly iin?: string | null | undefined;
  readonly city?: string | null | undefined;
  readonly preferredChannel?: ReminderChannel | undefined;
  readonly remindersEnabled?: boolean | undefined;
  readonly locale?: MemberLocale | undefined;
}

/** The normalised, checked form of a member's data, ready to be sealed. */
export interface CleanMemberData {
  readonly fullName: string;
  readonly phone: string;
  readonly email: string | null;
  readonly iin: string | null;
  readonly city: string | null;
}

const optional = <T>(value: string | null | undefined, clean: (value: string) => T): T | null =>
  value === undefined || value === null || value.trim() === '' ? null : clean(value);

export function cleanMemberData(input: MemberInput, now: Date): CleanMemberData {
  return {
    fullName: normalizeFullName(input.fullName),
    phone: normalizePhone(input.phone),
    email: optional(input.email, normalizeEmail),
    iin: optional(input.iin, (value) => normalizeIin(value, now)),
    city: optional(input.city, normalizeCity),
  };
}

/** Maps the unique indexes of dues.members to the errors a client can act on. */
export function memberConflict(error: unknown): AppError | undefined {
  const constraint = violatedConstraint(error);
  if (constraint === 'members_phone_index_key') return new AppError(DuesErrors.DUES_PHONE_TAKEN);
  if (constraint === 'members_iin_index_key') return new AppError(DuesErrors.DUES_IIN_TAKEN);
  if (constraint === 'members_user_id_key') return new AppError(DuesErrors.DUES_ALREADY_REGISTERED);
  return undefined;
}

export async function withMemberConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw memberConflict(error) ?? error;
  }
}

/** Inserts a member inside the caller's transaction; audit and event included. */
export async function insertMember(
  ctx: DuesContext,
  tx: Tx,
  actor: Actor,
  data: CleanMemberData,
  options: {
    readonly userId: string | null;
    readonly source: MemberRow['source'];
    readonly joinedPeriod: string;
    readonly preferredChannel?: ReminderChannel | undefined;
    readonly remindersEnabled?: boolean | undefined;
    readonly locale?: MemberLocale | undefined;
  },
): Promise<MemberRow> {
  const id = newId('mbr');
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(members)
    .values({
      id,
      userId: options.userId,
      fullNameCiphertext: sealMemberField(ctx.encryptor, id, 'full_name', data.fullName),
      phoneCiphertext: sealMemberField(ctx.encryptor, id, 'phone', data.phone),
      phoneIndex: phoneIndex(ctx.encryptor, data.phone),
      emailCiphertext: data.email ? sealMemberField(ctx.encryptor, id, 'email', data.email) : null,
      iinCiphertext: data.iin ? sealMemberField(ctx.encryptor, id, 'iin', data.iin) : null,
      iinIndex: data.iin ? iinIndex(ctx.encryptor, data.iin) : null,
      city: data.city,
      preferredChannel: options.preferredChannel ?? 'sms',
      remindersEnabled: options.remindersEnabled ?? true,
      locale: options.locale ?? 'ru',
      joinedPeriod: options.joinedPeriod,
      staffStatus: 'none',
      staffStatusReason: null,
      source: options.source,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('member was not stored');
  await ctx.audit.record(tx, {
    actor: actor.id,
    action: 'dues.member-registered',
    entityType: 'dues-member',
    entityId: id,
    after: {
      userId: options.userId,
      source: options.source,
      city: data.city,
      joinedPeriod: options.joinedPeriod,
      hasEmail: data.email !== null,
      hasIin: data.iin !== null,
    },
    context: actor.context,
  });
  await publishEvent(tx, MemberRegistered, { memberId: id, userId: options.userId });
  return row;
}

/**
 * A signed-in user becomes a member. A member imported by staff with the same phone is taken over
 * (linked to this account) only when the account has verified that very phone number; otherwise
 * the phone counts as taken, so nobody can attach themselves to someone else's membership.
 */
export async function registerSelf(
  ctx: DuesContext,
  identity: Pick<IdentityApi, 'getProfile'>,
  actor: Actor,
  input: MemberInput,
): Promise<MemberRow> {
  const now = ctx.clock.now();
  const data = cleanMemberData(input, now);
  const profile = await identity.getProfile(actor.id);
  const locale =
    input.locale ?? (['ru', 'kk', 'en'].includes(profile.locale) ? (profile.locale as MemberLocale) : 'ru');
  return withMemberConflicts(() =>
    ctx.db.transaction(async (tx) => {
      if (await findMemberByUser(tx, actor.id)) throw new AppError(DuesErrors.DUES_ALREADY_REGISTERED);
      const existing = await findMemberByPhoneIndex(tx, phoneIndex(ctx.encryptor, data.phone), true);
      if (existing) {
        const provenOwner = existing.userId === null && profile.phoneVerified && profile.phone === data.phone;
        if (!provenOwner) throw new AppError(DuesErrors.DUES_PHONE_TAKEN);
        return claimImportedMember(ctx, tx, actor, existing, data, { ...input, locale });
      }
      return insertMember(ctx, tx, actor, data, {
        userId: actor.id,
        source: 'registration',
        joinedPeriod: periodOf(now),
        preferredChannel: input.preferredChannel,
        remindersEnabled: input.remindersEnabled,
        locale,
      });
    }),
  );
}

async function claimImportedMember(
  ctx: DuesContext,
  tx: Tx,
  actor: Actor,
  existing: MemberRow,
  data: CleanMemberData,
  input: MemberInput,
): Promise<MemberRow> {
  const id = existing.id;
  const [row] = await tx
    .update(members)
    .set({
      userId: actor.id,
      fullNameCiphertext: sealMemberField(ctx.encryptor, id, 'full_name', data.fullName),
      ...(data.email ? { emailCiphertext: sealMemberField(ctx.encryptor, id, 'email', data.email) } : {}),
      ...(data.iin
        ? {
            iinCiphertext: sealMemberField(ctx.encryptor, id, 'iin', data.iin),
            iinIndex: iinIndex(ctx.encryptor, data.iin),
          }
        : {}),
      ...(data.city ? { city: data.city } : {}),
      ...(input.preferredChannel ? { preferredChannel: input.preferredChannel } : {}),
      ...(input.remindersEnabled === undefined ? {} : { remindersEnabled: input.remindersEnabled }),
      ...(input.locale ? { locale: input.locale } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(members.id, id))
    .returning();
  if (!row) throw new Error('member vanished while locked');
  await ctx.audit.record(tx, {
    actor: actor.id,
    action: 'dues.member-claimed',
    entityType: 'dues-member',
    entityId: id,
    before: { userId: null, source: existing.source },
    after: { userId: actor.id, proof: 'verified-phone' },
    context: actor.context,
  });
  return row;
}
