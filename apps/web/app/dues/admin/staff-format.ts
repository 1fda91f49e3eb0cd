import { LANGUAGE_TAGS, type Locale } from '../../i18n/locales.ts';
import type { AuditEntry } from './staff-api.ts';

/**
 * Date and time in Almaty, formatted by the loader: the server's and the browser's ICU may space
 * dates differently, so texts are made once on the server and hydrate unchanged.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Almaty',
  }).format(new Date(iso));
}

/** Before/after of an audit entry, indented for reading (null when the entry has none). */
export const prettyJson = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value, null, 2);

/** The actions dues writes to the audit log, without their `dues.` prefix; each has a label. */
export const AUDIT_ACTIONS = [
  'member-registered',
  'member-claimed',
  'member-updated',
  'member-status-changed',
  'payment-created',
  'receipt-attached',
  'payment-confirmed',
  'payment-rejected',
  'payment-refunded',
  'members-imported',
  'settings-changed',
  'fee-scheduled',
  'page-saved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditLine {
  readonly seq: number;
  readonly when: string;
  readonly actor: string;
  /** A known action (labelled), or the raw name of one this page does not know yet. */
  readonly action: AuditAction | null;
  readonly rawAction: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

export function auditLines(items: readonly AuditEntry[], locale: Locale): AuditLine[] {
  return items.map((entry) => {
    const short = entry.action.replace(/^dues\./, '');
    return {
      seq: entry.seq,
      when: formatDateTime(entry.occurredAt, locale),
      actor: entry.actor,
      action: (AUDIT_ACTIONS as readonly string[]).includes(short) ? (short as AuditAction) : null,
      rawAction: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: prettyJson(entry.before),
      after: prettyJson(entry.after),
    };
  });
}
