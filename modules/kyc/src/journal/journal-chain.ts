import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JournalRow } from '../kyc.tables.ts';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a journal entry covers every column and the previous entry's hash, serialised as
 * RFC 8785 canonical JSON (the audit log's technique), so any edit, insertion or removal shows.
 */
export function journalEntryHash(entry: Omit<JournalRow, 'hash'>): string {
  const content = canonicalize({
    seq: entry.seq,
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actor: entry.actor,
    operation: entry.operation,
    caseId: entry.caseId,
    userId: entry.userId,
    maskedIin: entry.maskedIin,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    result: entry.result,
    reason: entry.reason,
    providerReference: entry.providerReference,
    prevHash: entry.prevHash,
  });
  return createHash('sha256')
    .update(content ?? '')
    .digest('hex');
}

export type JournalProblem =
  | { readonly kind: 'edited'; readonly seq: number; readonly id: string }
  | { readonly kind: 'missing'; readonly seq: number }
  | { readonly kind: 'out-of-chain'; readonly seq: number; readonly id: string };

/** Walks entries in seq order and names the first break. */
export class JournalVerifier {
  #expectedSeq = 1;
  #previousHash = GENESIS_HASH;
  #count = 0;

  get count(): number {
    return this.#count;
  }

  get head(): string {
    return this.#previousHash;
  }

  next(row: JournalRow): JournalProblem | undefined {
    if (row.seq !== this.#expectedSeq) return { kind: 'missing', seq: this.#expectedSeq };
    if (row.prevHash !== this.#previousHash) return { kind: 'out-of-chain', seq: row.seq, id: row.id };
    if (journalEntryHash(row) !== row.hash) return { kind: 'edited', seq: row.seq, id: row.id };
    this.#expectedSeq += 1;
    this.#previousHash = row.hash;
    this.#count += 1;
    return undefined;
  }
}
