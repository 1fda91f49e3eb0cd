import { almatyWallTimeToInstant, AppError, type Locale, type RequestContext } from '@sauda/platform';
import type { KycContext } from '../kyc.context.ts';
import { KycErrors } from '../kyc.errors.ts';
import { existingDate } from '../iin.ts';
import { journalCsv } from './journal-csv.ts';
import { journalPdf } from './journal-pdf.ts';
import { journalBetween } from './journal.repository.ts';
import { recordJournal, verifyJournal } from './kyc-journal.ts';

export const MAX_EXPORT_DAYS = 366;
/** An export is a report, not a dump: far more than a year of KYC operations of this service. */
const MAX_EXPORT_ENTRIES = 200_000;

export interface JournalExportInput {
  /** First and last Almaty calendar day included, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  readonly format: 'csv' | 'pdf';
  readonly locale: Locale;
}

export interface JournalExport {
  readonly contentType: string;
  readonly filename: string;
  readonly body: Buffer;
  readonly entries: number;
}

function dayBounds(day: string): { start: Date; next: Date } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || !existingDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const following = new Date(Date.UTC(year, month - 1, date + 1));
  return {
    start: almatyWallTimeToInstant(year, month, date),
    next: almatyWallTimeToInstant(
      following.getUTCFullYear(),
      following.getUTCMonth() + 1,
      following.getUTCDate(),
    ),
  };
}

/**
 * The journal of a period for the regulator, as CSV or PDF. The export itself is an operation:
 * it is journaled and audited (who exported which period) before the file is produced.
 */
export async function exportJournal(
  ctx: KycContext,
  actor: { readonly id: string; readonly context?: RequestContext | undefined },
  input: JournalExportInput,
): Promise<JournalExport> {
  const from = dayBounds(input.from);
  const to = dayBounds(input.to);
  const days = from && to ? Math.round((to.next.getTime() - from.start.getTime()) / 86_400_000) : 0;
  if (!from || !to || days < 1 || days > MAX_EXPORT_DAYS)
    throw new AppError(KycErrors.KYC_EXPORT_RANGE_INVALID, { params: { maxDays: MAX_EXPORT_DAYS } });
  const entries = (await journalBetween(ctx.db, from.start, to.next, MAX_EXPORT_ENTRIES)).map(
    ({ prevHash: _prev, ...entry }) => entry,
  );
  await ctx.db.transaction(async (tx) => {
    await recordJournal(tx, ctx.clock, {
      actor: actor.id,
      operation: 'journal-exported',
      result: `${input.format} ${input.from}..${input.to}, ${entries.length} entries`,
    });
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'kyc.journal-exported',
      entityType: 'kyc-journal',
      after: { from: input.from, to: input.to, format: input.format, entries: entries.length },
      context: actor.context,
    });
  });
  const filename = `kyc-journal_${input.from}_${input.to}.${input.format}`;
  if (input.format === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      filename,
      body: journalCsv(entries, input.locale),
      entries: entries.length,
    };
  const chain = await verifyJournal(ctx.db);
  const body = await journalPdf({
    entries,
    from: input.from,
    to: input.to,
    generatedAt: ctx.clock.now(),
    generatedBy: actor.id,
    chain: chain.ok
      ? { ok: true, count: chain.count, head: chain.head }
      : { ok: false, count: chain.count, brokenAt: chain.problem.seq },
    locale: input.locale,
  });
  return { contentType: 'application/pdf', filename, body, entries: entries.length };
}
