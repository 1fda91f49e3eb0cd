import { maskIin } from '@sauda/kyc';
import type { Encryptor } from '@sauda/platform';
import type { MemberLocale, MemberRow, ReminderChannel, StaffStatus } from './dues.tables.ts';
import { openMemberField } from './member-data.ts';
import type { MembershipStatus } from './membership-status.ts';

/** A member as the member and staff see it: personal data decrypted, the IIN masked. */
export interface Member {
  readonly id: string;
  readonly number: number;
  readonly userId: string | null;
  readonly fullName: string;
  readonly phone: string;
  readonly email: string | null;
  readonly iinMasked: string | null;
  readonly city: string | null;
  readonly preferredChannel: ReminderChannel;
  readonly remindersEnabled: boolean;
  readonly locale: MemberLocale;
  readonly joinedPeriod: string;
  readonly status: MembershipStatus;
  readonly staffStatus: StaffStatus;
  readonly staffStatusReason: string | null;
  readonly source: MemberRow['source'];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The decrypted contact data of a member, for messages and exports. */
export interface MemberContacts {
  readonly fullName: string;
  readonly phone: string;
  readonly email: string | null;
}

export function contactsOf(encryptor: Encryptor, row: MemberRow): MemberContacts {
  return {
    fullName: openMemberField(encryptor, row.id, 'full_name', row.fullNameCiphertext),
    phone: openMemberField(encryptor, row.id, 'phone', row.phoneCiphertext),
    email: row.emailCiphertext ? openMemberField(encryptor, row.id, 'email', row.emailCiphertext) : null,
  };
}

export function toMember(encryptor: Encryptor, row: MemberRow, status: MembershipStatus): Member {
  const contacts = contactsOf(encryptor, row);
  return {
    id: row.id,
    number: row.number,
    userId: row.userId,
    ...contacts,
    iinMasked: row.iinCiphertext
      ? maskIin(openMemberField(encryptor, row.id, 'iin', row.iinCiphertext))
      : null,
    city: row.city,
    preferredChannel: row.preferredChannel,
    remindersEnabled: row.remindersEnabled,
    locale: row.locale,
    joinedPeriod: row.joinedPeriod,
    status,
    staffStatus: row.staffStatus,
    staffStatusReason: row.staffStatusReason,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
