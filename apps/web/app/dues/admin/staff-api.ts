import type { Amount, MembershipStatus, PageSlug, PaymentHistory } from '../dues-api.ts';

/** The staff parts of the dues API (`/v1/admin/dues/…`) that the members, import, audit, pages and settings pages read. */

export const STAFF_STATUSES = ['none', 'suspended', 'blocked'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];
export const REMINDER_CHANNELS = ['sms', 'whatsapp', 'email', 'in_app'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const MEMBER_LOCALES = ['ru', 'kk', 'en'] as const;
export const PAGE_LOCALES = ['ru', 'kk'] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];

export interface StaffMember {
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
  readonly locale: (typeof MEMBER_LOCALES)[number];
  readonly joinedPeriod: string;
  readonly status: MembershipStatus;
  readonly staffStatus: StaffStatus;
  readonly staffStatusReason: string | null;
  readonly source: 'registration' | 'import' | 'staff';
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MemberPage {
  readonly items: readonly (StaffMember & { readonly arrearsCount: number })[];
  readonly total: number;
}

export interface MemberCard {
  readonly member: StaffMember;
  readonly arrears: readonly { readonly period: string; readonly amount: Amount }[];
  readonly history: PaymentHistory;
}

export interface AuditEntry {
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly nextBefore: number | null;
}

export interface ImportRowError {
  readonly row: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportReport {
  readonly id: string;
  readonly status: 'running' | 'completed' | 'failed';
  readonly dryRun: boolean;
  readonly format: 'csv' | 'xlsx';
  readonly totalRows: number;
  readonly processedRows: number;
  readonly createdMembers: number;
  readonly updatedMembers: number;
  readonly paymentsCreated: number;
  readonly errors: readonly ImportRowError[];
  readonly preview: readonly {
    readonly row: number;
    readonly fullName: string;
    readonly phone: string;
    readonly action: 'create' | 'update';
    readonly paidMonths: readonly string[];
  }[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export interface StaffPage {
  readonly slug: PageSlug;
  readonly locale: PageLocale;
  readonly version: number;
  readonly title: string;
  readonly body: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface FeeVersion {
  readonly effectiveFrom: string;
  readonly amount: Amount;
  readonly deadlineDay: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface DuesSettings {
  readonly communityName: { readonly ru: string; readonly kk: string; readonly en: string };
  readonly previousMonths: number;
  readonly futureMonths: number;
  readonly requisites: {
    readonly recipient: string;
    readonly bin: string;
    readonly bank: string;
    readonly iban: string;
    readonly kaspiPhone?: string;
  } | null;
  readonly reminderOffsets: readonly number[];
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly feeSchedule: readonly FeeVersion[];
}

/** What `POST /v1/admin/dues/imports` takes: the raw file, at most this big. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const importUrl = (dryRun: boolean, fileName: string): string =>
  `/v1/admin/dues/imports?${new URLSearchParams({ dryRun: String(dryRun), fileName: fileName.slice(0, 200) }).toString()}`;

export const MEMBER_ID = /^mbr_[0-9a-z]{26}$/;
