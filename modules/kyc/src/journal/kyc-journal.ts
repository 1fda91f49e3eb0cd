import { newId, type Clock, type Db, type Executor } from '@sauda/platform';
import type { JournalRow } from '../kyc.tables.ts';
import { GENESIS_HASH, journalEntryHash, JournalVerifier, type JournalProblem } from './journal-chain.ts';
import { appendJournalEntry, readJournal } from './journal.repository.ts';

/** What can happen to a KYC case; the journal's `operation` column. */
export const JOURNAL_OPERATIONS = [
  'iin-submitted',
  'prechecks-passed',
  'prechecks-failed',
  'provider-session-created',
  'provider-unavailable',
  'provider-retry-failed',
  'document-uploaded',
  'liveness-submitted',
  'result-received',
  'session-expired',
  'staff-approved',
  'staff-rejected',
  'reopened',
  'personal-data-viewed',
  'document-viewed',
  'personal-data-purged',
  'journal-exported',
] as const;
export type JournalOperation = (typeof JOURNAL_OPERATIONS)[number];

export interface JournalInput {
  /** `usr_…` for a person, `system:<component>`, `provider:<name>` for webhooks, `cli:<command>`. */
  readonly actor: string;
  readonly operation: JournalOperation;
  readonly caseId?: string | undefined;
  readonly userId?: string | undefined;
  /** Never a full IIN: the table's CHECK accepts only `123456******`. */
  readonly maskedIin?: string | undefined;
  readonly fromStatus?: string | undefined;
  readonly toStatus?: string | undefined;
  readonly result?: string | undefined;
  readonly reason?: string | undefined;
  readonly providerReference?: string | undefined;
}

export type JournalEntry = Omit<JournalRow, 'prevHash'>;

export type JournalVerifyResult =
  | { readonly ok: true; readonly count: number; readonly head: string }
  | { readonly ok: false; readonly count: number; readonly problem: JournalProblem };

/** Appends an entry in the caller's transaction: it exists exactly when the operation committed. */
export async function recordJournal(
  executor: Executor,
  clock: Clock,
  input: JournalInput,
): Promise<JournalEntry> {
  const row = await appendJournalEntry(executor, ({ seq, hash }) => {
    const entry = {
      seq,
      id: newId('kjr'),
      occurredAt: clock.now(),
      actor: input.actor,
      operation: input.operation,
      caseId: input.caseId ?? null,
      userId: input.userId ?? null,
      maskedIin: input.maskedIin ?? null,
      fromStatus: input.fromStatus ?? null,
      toStatus: input.toStatus ?? null,
      result: input.result ?? null,
      reason: input.reason ?? null,
      providerReference: input.providerReference ?? null,
      prevHash: hash || GENESIS_HASH,
    };
    return { ...entry, hash: journalEntryHash(entry) };
  });
  const { prevHash: _prev, ...entry } = row;
  return entry;
}

export async function verifyJournal(db: Db): Promise<JournalVerifyResult> {
  const verifier = new JournalVerifier();
  for await (const row of readJournal(db)) {
    const problem = verifier.next(row);
    if (problem) return { ok: false, count: verifier.count, problem };
  }
  return { ok: true, count: verifier.count, head: verifier.head };
}
