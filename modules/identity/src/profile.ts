import { AppError, type Encryptor } from '@sauda/platform';
import { openFor } from './contact-points.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { AccountStatus, UserRow } from './identity.tables.ts';
import type { Role } from './roles.ts';
import { countUnusedBackupCodes } from './second-factor.ts';
import { findUser, rolesOf } from './users.repository.ts';

export interface Profile {
  readonly id: string;
  readonly status: AccountStatus;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly phone: string | null;
  readonly phoneVerified: boolean;
  readonly fullName: string | null;
  readonly locale: string;
  readonly roles: readonly Role[];
  readonly twoFactorEnabled: boolean;
  readonly backupCodesRemaining: number;
  readonly blockedReason: string | null;
  readonly createdAt: string;
}

const decrypt = (encryptor: Encryptor, user: UserRow, field: string, token: string | null): string | null =>
  token === null ? null : openFor(encryptor, user.id, field, token);

/** The account as its owner (or staff with identity.users.read) sees it, personal data decrypted. */
export async function getProfile(ctx: IdentityContext, userId: string): Promise<Profile> {
  const user = await findUser(ctx.db, userId);
  if (!user) throw new AppError(IdentityErrors.IDENTITY_USER_NOT_FOUND);
  return {
    id: user.id,
    status: user.status,
    email: decrypt(ctx.encryptor, user, 'email', user.emailCiphertext),
    emailVerified: user.emailVerifiedAt !== null,
    phone: decrypt(ctx.encryptor, user, 'phone', user.phoneCiphertext),
    phoneVerified: user.phoneVerifiedAt !== null,
    fullName: decrypt(ctx.encryptor, user, 'full_name', user.fullNameCiphertext),
    locale: user.locale,
    roles: await rolesOf(ctx.db, user.id),
    twoFactorEnabled: user.totpEnabledAt !== null,
    backupCodesRemaining: user.totpEnabledAt ? await countUnusedBackupCodes(ctx.db, user.id) : 0,
    blockedReason: user.blockedReason,
    createdAt: user.createdAt.toISOString(),
  };
}
