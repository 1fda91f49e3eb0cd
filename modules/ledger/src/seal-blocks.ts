import { sql } from 'drizzle-orm';
import { publishEvent, type Clock, type Db, type Executor } from '@sauda/platform';
import { LedgerEvents } from './ledger.events.ts';
import { blockHash, GENESIS_HASH } from './transfer-hash.ts';

// Only sealers take this lock, so there is one chain with no forks; writers never touch it.
const SEAL_LOCK_KEY = 7_364_121_520;

export interface SealedBlock {
  readonly number: number;
  readonly transfers: number;
  readonly hash: string;
}

export interface SealResult {
  readonly blocks: readonly SealedBlock[];
  /** Hash of the newest block (the genesis hash while nothing is sealed): export it to make history unforgeable. */
  readonly head: string;
}

interface Candidate {
  readonly id: string;
  readonly hash: string;
  readonly txid: bigint;
}

export async function chainHead(
  executor: Executor,
): Promise<{ number: number; hash: string; toTxid: bigint }> {
  const { rows } = await executor.execute<{ number: string; hash: string; to_txid: string }>(
    sql`SELECT number, hash, to_txid FROM ledger.blocks ORDER BY number DESC LIMIT 1`,
  );
  const last = rows[0];
  return last
    ? { number: Number(last.number), hash: last.hash, toTxid: BigInt(last.to_txid) }
    : { number: 0, hash: GENESIS_HASH, toTxid: 0n };
}

/**
 * Seals every transfer written by a transaction older than the oldest transaction still running
 * (pg_snapshot_xmin): such transactions have all committed or aborted, so no transfer can later
 * appear inside a sealed txid range. Writers are never blocked or ordered by this: they only stamp
 * their own transaction id. A backlog is cut into blocks of at most `maxTransfers` (one writing
 * transaction is never split).
 */
export async function sealBlocks(
  db: Db,
  clock: Clock,
  options: { maxTransfers?: number } = {},
): Promise<SealResult> {
  const maxTransfers = options.maxTransfers ?? 10_000;
  const sealed: SealedBlock[] = [];
  for (;;) {
    const block = await db.transaction(async (tx) => sealOne(tx, clock, maxTransfers));
    if (!block) break;
    sealed.push(block.sealed);
    if (!block.more) break;
  }
  return { blocks: sealed, head: (await chainHead(db)).hash };
}

async function sealOne(
  tx: Executor,
  clock: Clock,
  maxTransfers: number,
): Promise<{ sealed: SealedBlock; more: boolean } | undefined> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK_KEY})`);
  const head = await chainHead(tx);
  const { rows: horizonRows } = await tx.execute<{ horizon: string }>(
    sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
  );
  const horizon = BigInt(horizonRows[0]?.horizon ?? '0');
  if (horizon <= head.toTxid) return undefined;

  let candidates = await candidatesBetween(tx, head.toTxid, horizon, maxTransfers + 1);
  if (candidates.length === 0) return undefined;
  let toTxid = horizon;
  const overflow = candidates[maxTransfers];
  if (overflow) {
    const firstTxid = candidates[0]?.txid ?? head.toTxid;
    toTxid = overflow.txid > firstTxid ? overflow.txid : firstTxid + 1n;
    candidates = await candidatesBetween(tx, head.toTxid, toTxid, Number.MAX_SAFE_INTEGER);
  }

  const content = {
    number: head.number + 1,
    fromTxid: head.toTxid,
    toTxid,
    transferIds: candidates.map((row) => row.id),
    transferHashes: candidates.map((row) => row.hash),
    prevHash: head.hash,
    sealedAt: clock.now(),
  };
  const hash = blockHash(content);
  await tx.execute(sql`
    INSERT INTO ledger.blocks (number, from_txid, to_txid, transfer_ids, transfer_hashes, prev_hash, hash, sealed_at)
    VALUES (${content.number}, ${content.fromTxid.toString()}, ${content.toTxid.toString()},
            ${sql.param(content.transferIds)}::text[], ${sql.param(content.transferHashes)}::text[],
            ${content.prevHash}, ${hash}, ${content.sealedAt.toISOString()}::timestamptz)`);
  await publishEvent(tx, LedgerEvents.blockSealed, {
    number: content.number,
    transfers: candidates.length,
    hash,
  });
  return {
    sealed: { number: content.number, transfers: candidates.length, hash },
    more: toTxid < horizon,
  };
}

async function candidatesBetween(
  tx: Executor,
  from: bigint,
  to: bigint,
  limit: number,
): Promise<Candidate[]> {
  const { rows } = await tx.execute<{ id: string; hash: string; txid: string }>(sql`
    SELECT id, hash, txid FROM ledger.transfers
    WHERE txid >= ${from.toString()}::bigint AND txid < ${to.toString()}::bigint
    ORDER BY txid, seq
    LIMIT ${Math.min(limit, 2_147_483_647)}`);
  return rows.map((row) => ({ id: row.id, hash: row.hash, txid: BigInt(row.txid) }));
}
