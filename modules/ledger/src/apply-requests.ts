import { AppError, type Executor, type Tx } from '@sauda/platform';
import {
  evaluateRequest,
  type AccountState,
  type LedgerState,
  type WrittenTransfer,
} from './evaluate-request.ts';
import { LedgerErrors } from './ledger.errors.ts';
import {
  findTransfers,
  insertBatch,
  lockBatch,
  publicTransfer,
  type Claim,
  type NewClaim,
  type Transfer,
} from './ledger.repository.ts';
import {
  commandFromJson,
  commandJson,
  differingField,
  requestHash,
  type Command,
  type LedgerRequest,
} from './transfer-commands.ts';

export type Outcome =
  | { readonly ok: true; readonly transfers: readonly Transfer[]; readonly replayed: boolean }
  | { readonly ok: false; readonly error: AppError };

export interface Applied {
  readonly outcomes: Outcome[];
  /** Every account the batch locked, as it stands after the batch (for the account cache once committed). */
  readonly accounts: ReadonlyMap<string, AccountState>;
}

/** Another transaction claimed one of our ids (or resolved one of our holds) between our read and write. */
export class ConcurrentClaim extends Error {
  override name = 'ConcurrentClaim';
}

const MAX_ATTEMPTS = 5;
// 40001 serialization failure, 40P01 deadlock: neither should happen with ordered locks, but both are safe to retry.
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

function isRetryable(error: unknown): boolean {
  if (error instanceof ConcurrentClaim) return true;
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code;
  const causeCode = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return RETRYABLE_SQLSTATES.has(String(code)) || RETRYABLE_SQLSTATES.has(String(causeCode));
}

/**
 * Runs requests in one transaction (a savepoint when the executor is already a transaction) and
 * retries the whole attempt when a concurrent writer got in between; `onApplied` runs in the same
 * transaction, for events that must commit exactly when the transfers do.
 */
export async function runRequests(
  executor: Executor,
  requests: readonly LedgerRequest[],
  now: Date,
  onApplied?: (tx: Tx, outcomes: readonly Outcome[]) => Promise<void>,
): Promise<Applied> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await executor.transaction(async (tx) => {
        const applied = await applyRequests(tx, requests, now);
        if (onApplied) await onApplied(tx, applied.outcomes);
        return applied;
      });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

function mismatch(transferId: string, field: string): Outcome {
  return {
    ok: false,
    error: new AppError(LedgerErrors.LEDGER_TRANSFER_EXISTS_MISMATCH, { params: { transferId, field } }),
  };
}

/** Compares a request with what its ids were first used for. */
function replayVerdict(
  request: LedgerRequest,
  stored: readonly (Command | undefined)[],
  storedHashes: readonly (string | undefined)[],
): Outcome | 'identical' {
  for (const [index, command] of request.commands.entries()) {
    const previous = stored[index];
    if (!previous) return mismatch(command.id, 'linked');
    if (storedHashes[index] !== requestHash(command)) {
      return mismatch(command.id, differingField(previous, command) ?? 'request');
    }
  }
  return 'identical';
}

function rejectionOf(claims: readonly Claim[]): AppError {
  const root =
    claims.find((claim) => claim.errorCode !== LedgerErrors.LEDGER_LINKED_TRANSFER_FAILED) ?? claims[0];
  return new AppError(root?.errorCode ?? LedgerErrors.LEDGER_LINKED_TRANSFER_FAILED, {
    params: root?.errorParams ?? {},
  });
}

/**
 * One attempt at a batch of independent requests inside `tx`: replays are answered from their
 * claims, new requests are evaluated in order against the locked accounts, and every transfer and
 * claim is written by one statement. Each request succeeds or fails on its own.
 */
export async function applyRequests(
  tx: Executor,
  requests: readonly LedgerRequest[],
  now: Date,
): Promise<Applied> {
  const outcomes: (Outcome | undefined)[] = Array.from({ length: requests.length });
  const ids = new Set<string>();
  const accountIds = new Set<string>();
  const targetIds = new Set<string>();
  for (const command of requests.flatMap((request) => request.commands)) {
    ids.add(command.id);
    if (command.debitAccountId) accountIds.add(command.debitAccountId);
    if (command.creditAccountId) accountIds.add(command.creditAccountId);
    if (command.targetId) targetIds.add(command.targetId);
  }
  // Replays lock their accounts too: they are rare, and one round trip for all beats two.
  const { claims, ...state } = await lockBatch(tx, [...accountIds], [...targetIds], [...ids]);

  const fresh: number[] = [];
  const inBatch = new Map<string, { command: Command; hash: string; request: number }>();
  const duplicates: [number, number][] = [];
  const replays = new Map<number, Claim[]>();
  for (const [index, request] of requests.entries()) {
    const stored = request.commands.map((command) => claims.get(command.id));
    if (stored.some(Boolean)) {
      const verdict = replayVerdict(
        request,
        stored.map((claim) => (claim ? commandFromJson(claim.request) : undefined)),
        stored.map((claim) => claim?.requestHash),
      );
      if (verdict === 'identical') replays.set(index, stored as Claim[]);
      else outcomes[index] = verdict;
      continue;
    }
    const earlier = request.commands.map((command) => inBatch.get(command.id));
    if (earlier.some(Boolean)) {
      const verdict = replayVerdict(
        request,
        earlier.map((entry) => entry?.command),
        earlier.map((entry) => entry?.hash),
      );
      if (verdict === 'identical') duplicates.push([index, earlier[0]?.request ?? index]);
      else outcomes[index] = verdict;
      continue;
    }
    for (const command of request.commands) {
      inBatch.set(command.id, { command, hash: requestHash(command), request: index });
    }
    fresh.push(index);
  }

  await answerReplays(tx, replays, outcomes);
  if (fresh.length > 0) {
    const evaluated = evaluateFresh(state, requests, fresh, now);
    for (const [index, outcome] of evaluated.outcomes) outcomes[index] = outcome;
    const counts = await insertBatch(tx, evaluated.written, evaluated.claims, now);
    if (counts.transfers !== evaluated.written.length || counts.claims !== evaluated.claims.length) {
      throw new ConcurrentClaim();
    }
  }
  for (const [duplicate, original] of duplicates) {
    const outcome = outcomes[original];
    outcomes[duplicate] = outcome?.ok ? { ...outcome, replayed: true } : outcome;
  }
  return {
    outcomes: outcomes.map((outcome) => {
      if (!outcome) throw new Error('ledger batch left a request without an outcome');
      return outcome;
    }),
    accounts: state.accounts,
  };
}

async function answerReplays(
  tx: Executor,
  replays: ReadonlyMap<number, Claim[]>,
  outcomes: (Outcome | undefined)[],
): Promise<void> {
  if (replays.size === 0) return;
  const appliedIds = [...replays.values()]
    .filter((claims) => claims.every((claim) => claim.outcome === 'applied'))
    .flatMap((claims) => claims.map((claim) => claim.id));
  const found = new Map((await findTransfers(tx, appliedIds)).map((row) => [row.id, publicTransfer(row)]));
  for (const [index, claims] of replays) {
    if (claims.every((claim) => claim.outcome === 'applied')) {
      const transfers = claims.map((claim) => found.get(claim.id));
      if (transfers.every((transfer) => transfer !== undefined)) {
        outcomes[index] = { ok: true, transfers, replayed: true };
        continue;
      }
      // A claim without its transfer means someone removed a ledger row: say so rather than re-apply.
      throw new Error(
        `ledger.requests claims ${claims.map((c) => c.id).join(', ')} but the transfer is gone`,
      );
    }
    outcomes[index] = { ok: false, error: rejectionOf(claims) };
  }
}

export interface Evaluated {
  readonly written: WrittenTransfer[];
  readonly claims: NewClaim[];
  readonly outcomes: Map<number, Outcome>;
}

/** Decides the new requests in order against the batch state; nothing is written yet. */
export function evaluateFresh(
  state: LedgerState,
  requests: readonly LedgerRequest[],
  fresh: readonly number[],
  now: Date,
): Evaluated {
  const outcomes = new Map<number, Outcome>();
  const written: WrittenTransfer[] = [];
  const claims: NewClaim[] = [];
  for (const index of fresh) {
    const request = requests[index];
    if (!request) continue;
    const verdict = evaluateRequest(state, request, now);
    if (verdict.ok) {
      written.push(...verdict.transfers);
      for (const command of request.commands) {
        claims.push({
          id: command.id,
          requestHash: requestHash(command),
          request: commandJson(command),
          outcome: 'applied',
          errorCode: null,
          errorParams: null,
        });
      }
      outcomes.set(index, { ok: true, transfers: verdict.transfers.map(publicTransfer), replayed: false });
      continue;
    }
    // Expiry ids are derived from the hold; remembering a refusal would block the real expiry later.
    const remember = request.commands.every((command) => command.type !== 'expire');
    for (const command of remember ? request.commands : []) {
      const failed = command.id === verdict.failedId;
      claims.push({
        id: command.id,
        requestHash: requestHash(command),
        request: commandJson(command),
        outcome: 'rejected',
        errorCode: failed ? verdict.code : LedgerErrors.LEDGER_LINKED_TRANSFER_FAILED,
        errorParams: failed
          ? verdict.params
          : { transferId: command.id, failedId: verdict.failedId, failedCode: verdict.code },
      });
    }
    outcomes.set(index, { ok: false, error: new AppError(verdict.code, { params: verdict.params }) });
  }
  return { written, claims, outcomes };
}
