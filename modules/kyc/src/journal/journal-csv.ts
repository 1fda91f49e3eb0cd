import { stringify } from 'csv-stringify/sync';
import { translate, type Locale } from '@sauda/platform';
import type { JournalEntry } from './kyc-journal.ts';
import { almatyDateTime, JOURNAL_COLUMNS } from './journal-texts.ts';

/** CSV with a byte-order mark, so spreadsheet programs read the Cyrillic headings as UTF-8. */
export function journalCsv(entries: readonly JournalEntry[], locale: Locale): Buffer {
  const columns = Object.entries(JOURNAL_COLUMNS).map(([key, header]) => ({
    key,
    header: translate(header, locale),
  }));
  const records = entries.map((entry) => ({
    seq: entry.seq,
    occurredAt: almatyDateTime(entry.occurredAt),
    actor: entry.actor,
    operation: entry.operation,
    caseId: entry.caseId ?? '',
    userId: entry.userId ?? '',
    maskedIin: entry.maskedIin ?? '',
    status: statusChange(entry),
    result: entry.result ?? '',
    reason: entry.reason ?? '',
    providerReference: entry.providerReference ?? '',
    hash: entry.hash,
  }));
  return Buffer.from(stringify(records, { header: true, columns, bom: true }), 'utf8');
}

export function statusChange(entry: Pick<JournalEntry, 'fromStatus' | 'toStatus'>): string {
  if (!entry.fromStatus && !entry.toStatus) return '';
  if (entry.fromStatus === entry.toStatus) return entry.toStatus ?? '';
  return `${entry.fromStatus ?? ''} → ${entry.toStatus ?? ''}`;
}
