import { sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '@sauda/platform';
import { storedTransfer, TRANSFER_COLUMNS, type StoredTransfer } from './ledger.repository.ts';
import { blockHash, GENESIS_HASH, transferHash } from './transfer-hash.ts';

export interface LedgerProblem {
  /**
   * edited: a transfer's content no longer matches its hash, its block or its neighbours;
   * inserted: a transfer no writer made; removed: a transfer that is gone (named by its id);
   * block: a block itself was altered; totals: an account's totals differ from its transfers;
   * unbalanced: an asset's posted debits and credits differ.
   */
  readonly kind: 'edited' | 'inserted' | 'removed' | 'block' | 'totals' | 'unbalanced';
  readonly transferId?: string;
  readonly accountId?: string;
  readonly block?: number;
  readonly asset?: string;
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly problems: readonly LedgerProblem[];
  readonly transfers: number;
  readonly sealedTransfers: number;
  readonly blocks: number;
  readonly accounts: number;
  /** Hash of the newest block as recomputed here (compare it with the exported one). */
  readonly head: string;
}

const MAX_PROBLEMS = 1000;
const PAGE = 5000;

class Findings {
  readonly problems: LedgerProblem[] = [];
  readonly #named = new Set<string>();

  add(problem: LedgerProblem): void {
    const key = `${problem.kind}|${problem.transferId ?? ''}|${problem.accountId ?? ''}|${problem.block ?? ''}|${problem.asset ?? ''}`;
    if (this.#named.has(key) || this.problems.length >= MAX_PROBLEMS) return;
    this.#named.add(key);
    this.problems.push(problem);
  }

  /** A transfer already named edited or inserted explains the anomalies its neighbours show. */
  named(transferId: string): boolean {
    return this.#named.has(`edited|${transferId}|||`) || this.#named.has(`inserted|${transferId}|||`);
  }
}

/**
 * Recomputes everything the ledger stores from the transfers themselves, in one consistent
 * snapshot: each transfer's hash, the block chain (which names rows edited, inserted into or removed
 * from sealed history), each account's backward chain and running balance (which name them in the
 * unsealed tail too), the idempotency claims, the holds and the account totals.
 */
export async function verifyLedger(db: Db): Promise<VerifyReport> {
  return db.transaction(
    async (tx) => {
      // A full recomputation of a large ledger takes longer than the pool's per-statement limit.
      await tx.execute(sql`SET LOCAL statement_timeout = 0`);
      const findings = new Findings();
      const chain = await verifyBlocks(tx, findings);
      const tail = await verifyTail(tx, chain.toTxid, findings);
      await verifyClaims(tx, findings);
      await verifyAccountChains(tx, findings);
      const accounts = await verifyTotals(tx, findings);
      await verifyHoldsAndAssets(tx, findings);
      return {
        ok: findings.problems.length === 0,
        problems: findings.problems,
        transfers: chain.sealed + tail,
        sealedTransfers: chain.sealed,
        blocks: chain.blocks,
        accounts,
        head: chain.head,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function checkOwnHash(row: StoredTransfer, findings: Findings): string {
  const recomputed = transferHash(row);
  if (recomputed !== row.hash) {
    findings.add({
      kind: 'edited',
      transferId: row.id,
      detail: 'its content no longer matches its stored hash',
    });
  }
  return recomputed;
}

async function verifyBlocks(
  tx: Executor,
  findings: Findings,
): Promise<{ blocks: number; sealed: number; toTxid: bigint; head: string }> {
  let previousHash = GENESIS_HASH;
  let expected = { number: 1, fromTxid: 0n };
  let sealed = 0;
  for (;;) {
    const { rows } = await tx.execute(sql`
      SELECT number, from_txid, to_txid, transfer_ids, transfer_hashes, prev_hash, hash, sealed_at
      FROM ledger.blocks WHERE number >= ${expected.number} ORDER BY number LIMIT 100`);
    if (rows.length === 0) break;
    for (const row of rows) {
      const block = {
        number: Number(row.number),
        fromTxid: BigInt(row.from_txid as string),
        toTxid: BigInt(row.to_txid as string),
        transferIds: row.transfer_ids as string[],
        transferHashes: row.transfer_hashes as string[],
        prevHash: row.prev_hash as string,
        sealedAt: new Date(row.sealed_at as string),
      };
      if (block.number !== expected.number || block.fromTxid !== expected.fromTxid) {
        findings.add({
          kind: 'block',
          block: expected.number,
          detail: `block ${expected.number} is missing or does not start where block ${expected.number - 1} ended`,
        });
      }
      if (block.prevHash !== previousHash || blockHash(block) !== row.hash) {
        findings.add({
          kind: 'block',
          block: block.number,
          detail: 'the block does not match its hash chain',
        });
      }
      sealed += await verifyBlockTransfers(tx, block, findings);
      previousHash = row.hash as string;
      expected = { number: block.number + 1, fromTxid: block.toTxid };
    }
  }
  return { blocks: expected.number - 1, sealed, toTxid: expected.fromTxid, head: previousHash };
}

async function verifyBlockTransfers(
  tx: Executor,
  block: {
    number: number;
    fromTxid: bigint;
    toTxid: bigint;
    transferIds: string[];
    transferHashes: string[];
  },
  findings: Findings,
): Promise<number> {
  const { rows } = await tx.execute(sql`
    SELECT ${TRANSFER_COLUMNS} FROM ledger.transfers
    WHERE txid >= ${block.fromTxid.toString()}::bigint AND txid < ${block.toTxid.toString()}::bigint
    ORDER BY txid, seq`);
  const present = new Map(rows.map((raw) => [raw.id as string, storedTransfer(raw)]));
  const sealedHashes = new Map(block.transferIds.map((id, index) => [id, block.transferHashes[index]]));
  for (const [id, sealedHash] of sealedHashes) {
    const row = present.get(id);
    if (!row) {
      findings.add({
        kind: 'removed',
        transferId: id,
        detail: `sealed in block ${block.number} but no longer stored`,
      });
      continue;
    }
    if (checkOwnHash(row, findings) !== sealedHash) {
      findings.add({
        kind: 'edited',
        transferId: id,
        detail: `differs from what block ${block.number} sealed`,
      });
    }
  }
  for (const id of present.keys()) {
    if (!sealedHashes.has(id)) {
      findings.add({
        kind: 'inserted',
        transferId: id,
        detail: `stamped with a transaction that block ${block.number} sealed without it`,
      });
    }
  }
  return present.size;
}

async function verifyTail(tx: Executor, fromTxid: bigint, findings: Findings): Promise<number> {
  let after = { txid: fromTxid, seq: -1n };
  let count = 0;
  for (;;) {
    const { rows } = await tx.execute(sql`
      SELECT ${TRANSFER_COLUMNS} FROM ledger.transfers
      WHERE txid >= ${after.txid.toString()}::bigint
        AND (txid, seq) > (${after.txid.toString()}::bigint, ${after.seq.toString()}::bigint)
      ORDER BY txid, seq LIMIT ${PAGE}`);
    for (const raw of rows) checkOwnHash(storedTransfer(raw), findings);
    count += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return count;
    after = { txid: BigInt(last.txid as string), seq: BigInt(last.seq as string) };
  }
}

/** Every applied claim has its transfer and every transfer its claim: both are written together. */
async function verifyClaims(tx: Executor, findings: Findings): Promise<void> {
  const { rows: orphans } = await tx.execute<{ id: string }>(sql`
    SELECT r.id FROM ledger.requests r LEFT JOIN ledger.transfers t ON t.id = r.id
    WHERE r.outcome = 'applied' AND t.id IS NULL ORDER BY r.id LIMIT ${MAX_PROBLEMS}`);
  for (const { id } of orphans) {
    findings.add({
      kind: 'removed',
      transferId: id,
      detail: 'its idempotency claim remains but the transfer is gone',
    });
  }
  const { rows: unclaimed } = await tx.execute<{ id: string }>(sql`
    SELECT t.id FROM ledger.transfers t LEFT JOIN ledger.requests r ON r.id = t.id
    WHERE r.id IS NULL OR r.outcome <> 'applied' ORDER BY t.seq LIMIT ${MAX_PROBLEMS}`);
  for (const { id } of unclaimed) {
    findings.add({ kind: 'inserted', transferId: id, detail: 'no request ever claimed this transfer id' });
  }
}

const LEGS: SQL = sql`
  SELECT debit_account_id AS account_id, seq, id, debit_prev_id AS prev_id, debit_balance AS balance,
         -(CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END) AS change,
         CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END AS debits_posted,
         CASE kind WHEN 'pending' THEN amount WHEN 'posted' THEN 0 ELSE -pending_amount END AS debits_pending,
         0::numeric AS credits_posted, 0::numeric AS credits_pending
  FROM ledger.transfers
  UNION ALL
  SELECT credit_account_id, seq, id, credit_prev_id, credit_balance,
         CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END,
         0, 0,
         CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END,
         CASE kind WHEN 'pending' THEN amount WHEN 'posted' THEN 0 ELSE -pending_amount END
  FROM ledger.transfers`;

/**
 * Each transfer names the previous transfer of each of its accounts and the balance it left there.
 * Where an account's links do not follow its seq order, or its head is not its newest transfer, the
 * chain is walked back from the head: a link to a transfer that does not exist names a removed row,
 * and a transfer the walk never reaches names an inserted one. A balance that does not follow from
 * the previous one and the amount names an edited row.
 */
async function verifyAccountChains(tx: Executor, findings: Findings): Promise<void> {
  const { rows } = await tx.execute(sql`
    WITH walked AS (
      SELECT account_id, seq, id, prev_id, balance, change,
             lag(id) OVER w AS expected_prev, coalesce(lag(balance) OVER w, 0) AS previous_balance,
             lead(id) OVER w IS NULL AS newest
      FROM (${LEGS}) AS legs
      WINDOW w AS (PARTITION BY account_id ORDER BY seq)
    )
    SELECT walked.account_id, walked.id, walked.expected_prev,
           walked.prev_id IS DISTINCT FROM walked.expected_prev
             OR (walked.newest AND walked.id IS DISTINCT FROM a.head_transfer_id) AS link_broken
    FROM walked LEFT JOIN ledger.accounts a ON a.id = walked.account_id
    WHERE walked.prev_id IS DISTINCT FROM walked.expected_prev
       OR walked.balance <> walked.previous_balance + walked.change
       OR (walked.newest AND walked.id IS DISTINCT FROM a.head_transfer_id)
    ORDER BY walked.account_id, walked.seq
    LIMIT ${MAX_PROBLEMS}`);
  // An account whose newest transfer is gone altogether has no legs left to show it above.
  const { rows: heads } = await tx.execute<{ id: string }>(sql`
    SELECT a.id FROM ledger.accounts a
    WHERE a.head_transfer_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ledger.transfers t WHERE t.debit_account_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM ledger.transfers t WHERE t.credit_account_id = a.id)
    LIMIT ${MAX_PROBLEMS}`);
  const broken = new Set([
    ...rows.filter((row) => row.link_broken).map((row) => row.account_id as string),
    ...heads.map((row) => row.id),
  ]);
  for (const accountId of broken) await walkAccountChain(tx, accountId, findings);
  for (const row of rows) {
    const id = row.id as string;
    if (row.link_broken || findings.named(id) || findings.named((row.expected_prev as string | null) ?? ''))
      continue;
    const accountId = row.account_id as string;
    findings.add({
      kind: 'edited',
      transferId: id,
      accountId,
      detail: `its running balance on account ${accountId} does not follow from the transfer before it`,
    });
  }
}

async function walkAccountChain(tx: Executor, accountId: string, findings: Findings): Promise<void> {
  const [{ rows: accountRows }, { rows: legs }] = [
    await tx.execute<{ head: string | null }>(
      sql`SELECT head_transfer_id AS head FROM ledger.accounts WHERE id = ${accountId}`,
    ),
    await tx.execute<{ id: string; prev_id: string | null }>(sql`
      SELECT id, prev_id FROM (${LEGS}) AS legs WHERE account_id = ${accountId} ORDER BY seq`),
  ];
  const position = new Map(legs.map((leg, index) => [leg.id, index]));
  const reached = new Set<string>();
  const head = accountRows[0]?.head ?? null;
  let index = head === null ? -1 : (position.get(head) ?? legs.length);
  if (head !== null && !position.has(head)) {
    findings.add({
      kind: 'removed',
      transferId: head,
      accountId,
      detail: `it was the newest transfer of account ${accountId}`,
    });
    index = legs.length;
  }
  // Walk back along the links; a dangling link resumes at the newest transfer older than the gap.
  let resumeBelow = legs.length;
  while (index >= 0) {
    if (index >= legs.length) {
      index = resumeBelow - 1;
      continue;
    }
    const leg = legs[index];
    if (!leg || reached.has(leg.id)) break;
    reached.add(leg.id);
    resumeBelow = index;
    if (leg.prev_id === null) break;
    const previous = position.get(leg.prev_id);
    if (previous === undefined) {
      findings.add({
        kind: 'removed',
        transferId: leg.prev_id,
        accountId,
        detail: `transfer ${leg.id} follows it on account ${accountId}, but it is gone`,
      });
      index = resumeBelow - 1;
      continue;
    }
    index = previous;
  }
  for (const leg of legs) {
    if (!reached.has(leg.id) && !findings.named(leg.id)) {
      findings.add({
        kind: 'inserted',
        transferId: leg.id,
        accountId,
        detail: `account ${accountId}'s chain of transfers does not lead to it`,
      });
    }
  }
}

/** Stored totals against the totals recomputed from the transfers. */
async function verifyTotals(tx: Executor, findings: Findings): Promise<number> {
  const { rows } = await tx.execute(sql`
    WITH sums AS (
      SELECT account_id, sum(debits_posted) AS debits_posted, sum(credits_posted) AS credits_posted,
             sum(debits_pending) AS debits_pending, sum(credits_pending) AS credits_pending
      FROM (${LEGS}) AS legs GROUP BY account_id
    )
    SELECT a.id,
           a.debits_posted AS stored_debits_posted, coalesce(s.debits_posted, 0) AS debits_posted,
           a.credits_posted AS stored_credits_posted, coalesce(s.credits_posted, 0) AS credits_posted,
           a.debits_pending AS stored_debits_pending, coalesce(s.debits_pending, 0) AS debits_pending,
           a.credits_pending AS stored_credits_pending, coalesce(s.credits_pending, 0) AS credits_pending
    FROM ledger.accounts a
    LEFT JOIN sums s ON s.account_id = a.id
    WHERE (a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending)
          IS DISTINCT FROM (coalesce(s.debits_posted, 0), coalesce(s.credits_posted, 0),
                            coalesce(s.debits_pending, 0), coalesce(s.credits_pending, 0))
    ORDER BY a.id LIMIT ${MAX_PROBLEMS}`);
  for (const row of rows) {
    const accountId = row.id as string;
    for (const field of ['debits_posted', 'credits_posted', 'debits_pending', 'credits_pending']) {
      const stored = row[`stored_${field}`] as string;
      const recomputed = row[field] as string;
      if (BigInt(stored) !== BigInt(recomputed)) {
        findings.add({
          kind: 'totals',
          accountId,
          detail: `${field} is ${stored} but its transfers add up to ${recomputed}`,
        });
      }
    }
  }
  const { rows: counted } = await tx.execute<{ count: string }>(
    sql`SELECT count(*) AS count FROM ledger.accounts`,
  );
  return Number(counted[0]?.count ?? 0);
}

async function verifyHoldsAndAssets(tx: Executor, findings: Findings): Promise<void> {
  const { rows: twins } = await tx.execute<{ id: string }>(sql`
    SELECT unnest(ids) AS id FROM (
      SELECT array_agg(id ORDER BY id) AS ids FROM ledger.transfers GROUP BY seq HAVING count(*) > 1
    ) AS duplicated LIMIT ${MAX_PROBLEMS}`);
  for (const { id } of twins) {
    findings.add({ kind: 'edited', transferId: id, detail: 'another transfer has the same seq' });
  }
  const { rows: resolutions } = await tx.execute<{ id: string }>(sql`
    SELECT r.id FROM ledger.transfers r LEFT JOIN ledger.transfers p ON p.id = r.pending_id
    WHERE r.pending_id IS NOT NULL
      AND (p.id IS NULL OR p.kind <> 'pending' OR p.amount <> r.pending_amount
           OR p.debit_account_id <> r.debit_account_id OR p.credit_account_id <> r.credit_account_id)
    LIMIT ${MAX_PROBLEMS}`);
  for (const { id } of resolutions) {
    findings.add({ kind: 'edited', transferId: id, detail: 'it does not match the hold it resolves' });
  }
  const { rows: misfits } = await tx.execute<{ id: string }>(sql`
    SELECT t.id FROM ledger.transfers t
    LEFT JOIN ledger.accounts d ON d.id = t.debit_account_id
    LEFT JOIN ledger.accounts c ON c.id = t.credit_account_id
    WHERE d.id IS NULL OR c.id IS NULL OR t.asset <> d.asset OR t.asset <> c.asset
    LIMIT ${MAX_PROBLEMS}`);
  for (const { id } of misfits) {
    findings.add({
      kind: 'edited',
      transferId: id,
      detail: 'its accounts do not exist or hold another asset',
    });
  }
  const { rows: unbalanced } = await tx.execute<{ asset: string; debits: string; credits: string }>(sql`
    SELECT asset, sum(debits_posted) AS debits, sum(credits_posted) AS credits
    FROM ledger.accounts GROUP BY asset HAVING sum(debits_posted) <> sum(credits_posted)`);
  for (const row of unbalanced) {
    findings.add({
      kind: 'unbalanced',
      asset: row.asset,
      detail: `posted debits ${row.debits} differ from posted credits ${row.credits}`,
    });
  }
}
