import { formatDateTime } from '../format.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Cabinet, Payment, PaymentHistory, Requisites, Ticket } from './dues-api.ts';
import { confirmationPdfUrl, receiptUrl } from './dues-api.ts';
import { formatAmount, formatDate, formatPeriod, sumAmounts } from './dues-format.ts';

/**
 * The cabinet as the page shows it, formatted on the server: months, money and dates come out the
 * same in every browser (old phones' date libraries differ), and the page ships no formatting code.
 */
export interface OpenPaymentView {
  readonly id: string;
  readonly period: string;
  readonly amount: string;
  readonly method: Payment['method'];
  readonly reference: string;
  readonly kaspi: {
    readonly usable: boolean;
    readonly paymentUrl: string | null;
    readonly qrImage: string | null;
    readonly expiresAt: string | null;
  } | null;
  readonly receipt: { readonly uploadedAt: string; readonly url: string } | null;
}

export interface CabinetView {
  readonly number: number;
  readonly fullName: string;
  readonly status: Cabinet['member']['status'];
  readonly staffReason: string | null;
  readonly currentPeriod: string;
  readonly deadline: string;
  readonly fee: string;
  readonly currentPeriodPaid: boolean;
  readonly arrears: readonly string[];
  readonly arrearsTotal: string | null;
  readonly payable: readonly { readonly period: string; readonly label: string; readonly amount: string }[];
  readonly methods: Cabinet['methods'];
  readonly requisites: Requisites | null;
  readonly open: readonly OpenPaymentView[];
  readonly rejected: readonly { readonly period: string; readonly reason: string }[];
  readonly months: readonly {
    readonly period: string;
    readonly state: PaymentHistory['months'][number]['state'];
    readonly amount: string;
    readonly confirmedAt: string | null;
    readonly pdfUrl: string | null;
  }[];
  readonly ticket: { readonly qrImage: string; readonly memberNumber: number } | null;
}

export function cabinetView(
  cabinet: Cabinet,
  history: PaymentHistory,
  openPayments: readonly Payment[],
  ticket: Ticket | null,
  locale: Locale,
): CabinetView {
  const paidPeriods = new Set(history.months.filter((month) => month.state === 'paid').map((m) => m.period));
  // A rejection matters while its month is still unpaid and nothing newer is waiting for it.
  const waiting = new Set(openPayments.map((payment) => payment.period));
  const rejected = history.payments
    .filter((p) => p.status === 'rejected' && !paidPeriods.has(p.period) && !waiting.has(p.period))
    .map((p) => ({ period: formatPeriod(p.period, locale), reason: p.rejectionReason ?? '' }));
  return {
    number: cabinet.member.number,
    fullName: cabinet.member.fullName,
    status: cabinet.member.status,
    staffReason: cabinet.member.staffStatusReason,
    currentPeriod: formatPeriod(cabinet.currentPeriod, locale),
    deadline: formatDate(cabinet.deadline, locale),
    fee: formatAmount(cabinet.fee, locale),
    currentPeriodPaid: cabinet.currentPeriodPaid,
    arrears: cabinet.arrears.map(
      (item) => `${formatPeriod(item.period, locale)} — ${formatAmount(item.amount, locale)}`,
    ),
    arrearsTotal:
      cabinet.arrears.length > 0
        ? formatAmount(
            sumAmounts(
              cabinet.arrears.map((item) => item.amount),
              cabinet.fee.asset,
            ),
            locale,
          )
        : null,
    payable: cabinet.payablePeriods
      .filter((item) => !waiting.has(item.period))
      .map((item) => ({
        period: item.period,
        label: formatPeriod(item.period, locale),
        amount: formatAmount(item.amount, locale),
      })),
    methods: cabinet.methods,
    requisites: cabinet.requisites,
    open: openPayments.map((payment) => openPaymentView(payment, locale)),
    rejected,
    months: history.months.map((month) => ({
      period: formatPeriod(month.period, locale),
      state: month.state,
      amount: formatAmount(month.amount, locale),
      confirmedAt: month.confirmedAt ? formatDateTime(month.confirmedAt, locale) : null,
      pdfUrl: month.state === 'paid' && month.paymentId ? confirmationPdfUrl(month.paymentId) : null,
    })),
    ticket: ticket ? { qrImage: ticket.qrImage, memberNumber: ticket.memberNumber } : null,
  };
}

function openPaymentView(payment: Payment, locale: Locale): OpenPaymentView {
  const online = payment.online;
  return {
    id: payment.id,
    period: formatPeriod(payment.period, locale),
    amount: formatAmount(payment.amount, locale),
    method: payment.method,
    reference: payment.reference,
    kaspi:
      payment.method === 'kaspi_qr'
        ? {
            usable: online?.status === 'created',
            paymentUrl: online?.paymentUrl ?? null,
            qrImage: online?.qrImage ?? null,
            expiresAt: online?.expiresAt ? formatDateTime(online.expiresAt, locale) : null,
          }
        : null,
    receipt: payment.receipt
      ? { uploadedAt: formatDateTime(payment.receipt.uploadedAt, locale), url: receiptUrl(payment.id) }
      : null,
  };
}
