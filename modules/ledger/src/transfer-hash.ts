import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { Metadata } from './transfer-commands.ts';

export type TransferKind = 'posted' | 'pending' | 'post_pending' | 'void_pending' | 'expire_pending';

/** Every column of a transfer a writer chooses (seq and txid are the database's). */
export interface TransferRecord {
  readonly id: string;
  readonly batchId: string | null;
  readonly kind: TransferKind;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly pendingId: string | null;
  readonly pendingAmount: bigint | null;
  readonly timeoutAt: Date | null;
  readonly reversesId: string | null;
  readonly code: string;
  readonly metadata: Metadata;
  readonly createdAt: Date;
  readonly debitPrevId: string | null;
  readonly creditPrevId: string | null;
  readonly debitBalance: bigint;
  readonly creditBalance: bigint;
}

export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * A transfer's own hash covers every column it was written with, including its links to the
 * previous transfer of each account, as canonical JSON (keys in sorted order) so the row read back
 * from PostgreSQL hashes the same. Writers compute it in parallel; blocks chain these hashes.
 */
export function transferHash(record: TransferRecord): string {
  const content =
    `{"amount":"${record.amount}","asset":${text(record.asset)},"batchId":${text(record.batchId)}` +
    `,"code":${text(record.code)},"createdAt":"${record.createdAt.toISOString()}"` +
    `,"creditAccountId":${text(record.creditAccountId)},"creditBalance":"${record.creditBalance}"` +
    `,"creditPrevId":${text(record.creditPrevId)},"debitAccountId":${text(record.debitAccountId)}` +
    `,"debitBalance":"${record.debitBalance}","debitPrevId":${text(record.debitPrevId)}` +
    `,"id":${text(record.id)},"kind":${text(record.kind)},"metadata":${canonicalJson(record.metadata)}` +
    `,"pendingAmount":${record.pendingAmount === null ? 'null' : `"${record.pendingAmount}"`}` +
    `,"pendingId":${text(record.pendingId)},"reversesId":${text(record.reversesId)}` +
    `,"timeoutAt":${record.timeoutAt === null ? 'null' : `"${record.timeoutAt.toISOString()}"`}}`;
  return sha256(content);
}

export interface BlockContent {
  readonly number: number;
  readonly fromTxid: bigint;
  readonly toTxid: bigint;
  readonly transferIds: readonly string[];
  readonly transferHashes: readonly string[];
  readonly prevHash: string;
  readonly sealedAt: Date;
}

/** A block's hash covers its transfers' hashes in order and the previous block's hash. */
export function blockHash(block: BlockContent): string {
  return sha256(
    canonicalJson({
      number: block.number,
      fromTxid: block.fromTxid.toString(),
      toTxid: block.toTxid.toString(),
      transferIds: block.transferIds,
      transferHashes: block.transferHashes,
      prevHash: block.prevHash,
      sealedAt: block.sealedAt.toISOString(),
    }),
  );
}
