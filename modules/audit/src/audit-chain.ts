import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EntryRow } from './audit.tables.ts';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an entry covers every column and the previous entry's hash. The content is
 * serialised as RFC 8785 canonical JSON, so the same row read back from jsonb hashes the same.
 */
export function entryHash(entry: Omit<EntryRow, 'hash'>): string {
  const content = canonicalize({
    seq: entry.seq,
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip,
    userAgent: entry.userAgent,
    requestId: entry.requestId,
    prevHash: entry.prevHash,
  });
  return createHash('sha256')
    .update(content ?? '')
    .digest('hex');
}

export type ChainProblem =
  | { readonly kind: 'edited'; readonly seq: number; readonly id: string }
  | { readonly kind: 'missing'; readonly seq: number }
  | { readonly kind: 'out-of-chain'; readonly seq: number; readonly id: string };

/**
 * Walks entries in seq order and names the first break: a row whose content no longer matches its
 * hash (edited), a gap in the sequence (removed), or a row whose link does not point at its
 * predecessor (inserted, or its predecessor re-hashed after an edit).
 */
export class ChainVerifier {
  #expectedSeq = 1;
  #previousHash = GENESIS_HASH;
  #count = 0;

  get count(): number {
    return this.#count;
  }

  get head(): string {
    return this.#previousHash;
  }

  next(row: EntryRow): ChainProblem | undefined {
    if (row.seq !== this.#expectedSeq) return { kind: 'missing', seq: this.#expectedSeq };
    if (row.prevHash !== this.#previousHash) return { kind: 'out-of-chain', seq: row.seq, id: row.id };
    if (entryHash(row) !== row.hash) return { kind: 'edited', seq: row.seq, id: row.id };
    this.#expectedSeq += 1;
    this.#previousHash = row.hash;
    this.#count += 1;
    return undefined;
  }
}
