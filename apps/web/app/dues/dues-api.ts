/** The parts of the dues API (modules/dues, `/v1/dues/…`) the pages read; the OpenAPI document has the rest. */

export interface Amount {
  /** Minor units (tiyn for KZT), as a string. */
  readonly amount: string;
  readonly asset: string;
}

export const MEMBERSHIP_STATUSES = ['active', 'overdue', 'pending', 'suspended', 'blocked'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const PAGE_SLUGS = ['home', 'about', 'rules', 'contacts', 'privacy'] as const;
export type PageSlug = (typeof PAGE_SLUGS)[number];

export interface DuesPage {
  readonly slug: PageSlug;
  readonly locale: 'ru' | 'kk';
  readonly version: number;
  readonly title: string;
  /** Markdown. */
  readonly body: string;
  readonly updatedAt: string;
}

export interface Requisites {
  readonly recipient: string;
  readonly bin: string;
  readonly bank: string;
  readonly iban: string;
  readonly kaspiPhone?: string;
}

export interface Cabinet {
  readonly member: {
    readonly id: string;
    readonly number: number;
    readonly fullName: string;
    readonly status: MembershipStatus;
    readonly staffStatusReason: string | null;
    readonly joinedPeriod: string;
  };
  readonly currentPeriod: string;
  readonly deadline: string;
  readonly fee: Amount;
  readonly currentPeriodPaid: boolean;
  readonly payablePeriods: readonly { readonly period: string; readonly amount: Amount }[];
  readonly arrears: readonly { readonly period: string; readonly amount: Amount }[];
  readonly methods: { readonly kaspiQr: boolean; readonly transfer: boolean };
  readonly requisites: Requisites | null;
}

export type PaymentMethod = 'kaspi_qr' | 'kaspi_transfer' | 'manual' | 'other';

export interface Payment {
  readonly id: string;
  readonly period: string;
  readonly amount: Amount;
  readonly status: 'pending' | 'confirmed' | 'rejected' | 'refunded';
  readonly method: PaymentMethod;
  readonly reference: string;
  readonly receipt: {
    readonly contentType: string;
    readonly bytes: number;
    readonly uploadedAt: string;
  } | null;
  readonly confirmedAt: string | null;
  readonly rejectionReason: string | null;
  readonly createdAt: string;
  readonly online: {
    readonly status: 'created' | 'paid' | 'failed' | 'expired' | 'amount-mismatch';
    readonly paymentUrl: string | null;
    readonly expiresAt: string | null;
    /** PNG data URL. */
    readonly qrImage?: string;
  } | null;
}

export interface PaymentHistory {
  readonly months: readonly {
    readonly period: string;
    readonly state: 'paid' | 'pending' | 'unpaid' | 'upcoming';
    readonly amount: Amount;
    readonly paymentId: string | null;
    readonly confirmedAt: string | null;
  }[];
  readonly payments: readonly Payment[];
}

export interface Ticket {
  readonly qrImage: string;
  readonly memberNumber: number;
  readonly fullName: string;
  readonly status: MembershipStatus;
}

/** Links the browser follows straight to the API (files it sends; the session cookie authorises them). */
export const confirmationPdfUrl = (paymentId: string): string =>
  `/v1/dues/me/payments/${encodeURIComponent(paymentId)}/confirmation.pdf`;
export const receiptUrl = (paymentId: string): string =>
  `/v1/dues/me/payments/${encodeURIComponent(paymentId)}/receipt`;

/** What the receipt endpoint accepts (it sniffs the bytes as well). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
export const RECEIPT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;

/** Why a chosen file cannot be a receipt (a dictionary key), checked before it is sent. */
export function receiptProblem(
  file: { readonly size: number; readonly type: string } | undefined,
): 'dues.receipt.missing' | 'dues.receipt.tooLarge' | 'dues.receipt.wrongType' | null {
  if (!file || file.size === 0) return 'dues.receipt.missing';
  if (file.size > MAX_RECEIPT_BYTES) return 'dues.receipt.tooLarge';
  // Some phones report HEIC photos with no type; the API recognises the file from its bytes.
  if (file.type && !(RECEIPT_TYPES as readonly string[]).includes(file.type)) return 'dues.receipt.wrongType';
  return null;
}
