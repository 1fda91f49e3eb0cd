import { stringify } from 'csv-stringify/sync';
import { translate, type Encryptor, type Executor, type Locale, type Localized } from '@sauda/platform';
import type { PaymentStatus } from './dues.tables.ts';
import { matchMembers, periodStates, type MemberQuery } from './list-members.ts';
import { paymentsForExport, type PaymentQuery } from './list-payments.ts';
import { contactsOf } from './member-views.ts';
import { almatyDateTime } from './payment-views.ts';

/** The columns the community asked for, exactly, in this order. */
export const CSV_COLUMNS = ['ФИО', 'телефон', 'период', 'статус', 'дата подтверждения'] as const;

const STATUS_TEXT: Readonly<Record<PaymentStatus | 'unpaid', Localized>> = {
  pending: { ru: 'ожидает подтверждения', kk: 'растауды күтуде', en: 'awaiting confirmation' },
  confirmed: { ru: 'подтверждён', kk: 'расталды', en: 'confirmed' },
  rejected: { ru: 'отклонён', kk: 'қабылданбады', en: 'rejected' },
  refunded: { ru: 'возвращён', kk: 'қайтарылды', en: 'refunded' },
  unpaid: { ru: 'не оплачен', kk: 'төленбеген', en: 'not paid' },
};

/** A name typed by a person could start a spreadsheet formula; a leading apostrophe defuses it. */
const defuse = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function toCsv(rows: readonly (readonly string[])[]): Buffer {
  // A byte-order mark, so spreadsheet programs read the Cyrillic as UTF-8; CRLF as RFC 4180 says.
  return Buffer.from(
    stringify([[...CSV_COLUMNS], ...rows], { bom: true, record_delimiter: 'windows' }),
    'utf8',
  );
}

/** One row per member matching the list's filters, with the state of their payment for `period`. */
export async function membersCsv(
  executor: Executor,
  encryptor: Encryptor,
  now: Date,
  period: string,
  query: Omit<MemberQuery, 'limit' | 'offset'>,
  locale: Locale,
): Promise<Buffer> {
  const [matched, states] = await Promise.all([
    matchMembers(executor, encryptor, now, { ...query, unpaidPeriod: query.unpaidPeriod }),
    periodStates(executor, period),
  ]);
  return toCsv(
    matched.map(({ row, member }) => {
      const state = states.get(row.id);
      return [
        defuse(member.fullName),
        member.phone,
        period,
        translate(STATUS_TEXT[state?.state ?? 'unpaid'], locale),
        state?.confirmedAt ? almatyDateTime(state.confirmedAt) : '',
      ];
    }),
  );
}

/** One row per payment matching the payment list's filters. */
export async function paymentsCsv(
  executor: Executor,
  encryptor: Encryptor,
  query: Omit<PaymentQuery, 'limit' | 'offset'>,
  locale: Locale,
): Promise<Buffer> {
  const rows = await paymentsForExport(executor, query);
  return toCsv(
    rows.map(({ payment, member }) => {
      const contacts = contactsOf(encryptor, member);
      return [
        defuse(contacts.fullName),
        contacts.phone,
        payment.period,
        translate(STATUS_TEXT[payment.status], locale),
        payment.confirmedAt ? almatyDateTime(payment.confirmedAt) : '',
      ];
    }),
  );
}
