import type { Amount, MembershipStatus, PaymentMethod } from '../dues-api.ts';

/**
 * The parts of the staff dues API the payments, reports and ticket pages read
 * (`/v1/admin/dues/payments…`, `/reports/…`, `/tickets/verify`); the OpenAPI document has the rest.
 */

export const PAYMENT_STATUSES = ['pending', 'confirmed', 'rejected', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** What a cashier may record by hand (`POST /v1/admin/dues/payments`); Kaspi QR payments come from the provider. */
export const MANUAL_METHODS = [
  'manual',
  'kaspi_transfer',
  'other',
] as const satisfies readonly PaymentMethod[];

export interface StaffPayment {
  readonly id: string;
  readonly memberId: string;
  readonly memberName: string;
  readonly memberPhone: string;
  readonly memberNumber: number;
  readonly period: string;
  readonly amount: Amount;
  readonly status: PaymentStatus;
  readonly method: PaymentMethod;
  readonly reference: string;
  readonly note: string | null;
  readonly receipt: {
    readonly contentType: string;
    readonly bytes: number;
    readonly uploadedAt: string;
  } | null;
  readonly ledgerTransferId: string | null;
  readonly confirmedAt: string | null;
  readonly confirmedBy: string | null;
  readonly rejectedAt: string | null;
  readonly rejectionReason: string | null;
  readonly refundedAt: string | null;
  readonly refundReason: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly online: { readonly provider: string; readonly status: string } | null;
}

export interface StaffPaymentPage {
  readonly items: readonly StaffPayment[];
  readonly total: number;
}

export interface BulkConfirmResult {
  readonly results: readonly {
    readonly paymentId: string;
    readonly status: 'confirmed' | 'failed';
    readonly code: string | null;
    readonly message: string | null;
  }[];
}

/** A member as the manual entry's search shows them. */
export interface MemberChoice {
  readonly id: string;
  readonly number: number;
  readonly fullName: string;
  readonly phone: string;
  readonly status: MembershipStatus;
}

export interface CollectedReport {
  readonly months: readonly {
    readonly period: string;
    readonly payments: number;
    readonly collected: readonly Amount[];
    readonly refunded: number;
  }[];
  readonly treasury: readonly Amount[];
}

export interface ArrearsReport {
  readonly items: readonly {
    readonly memberId: string;
    readonly number: number;
    readonly fullName: string;
    readonly phone: string;
    readonly status: string;
    readonly periods: readonly string[];
    readonly owed: readonly Amount[];
  }[];
}

export interface TicketCheck {
  readonly valid: true;
  readonly member: {
    readonly id: string;
    readonly number: number;
    readonly fullName: string;
    readonly status: MembershipStatus;
    readonly currentPeriod: string;
    readonly paidThrough: string | null;
  };
}

/** Files the browser fetches straight from the API: binary bodies, authorised by the staff session cookie. */
export const staffReceiptUrl = (paymentId: string): string =>
  `/v1/admin/dues/payments/${encodeURIComponent(paymentId)}/receipt`;
export const staffConfirmationPdfUrl = (paymentId: string): string =>
  `/v1/admin/dues/payments/${encodeURIComponent(paymentId)}/confirmation.pdf`;

export const isPaymentStatus = (value: unknown): value is PaymentStatus =>
  typeof value === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(value);
