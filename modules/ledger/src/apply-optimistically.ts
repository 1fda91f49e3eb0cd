import type { Executor } from '@sauda/platform';
import type { AccountCache } from './account-cache.ts';
import { evaluateFresh, type Outcome } from './apply-requests.ts';
import type { AccountState } from './evaluate-request.ts';
import { insertAll, readAccounts } from './ledger.repository.ts';
import type { LedgerRequest } from './transfer-commands.ts';

// Nothing was written, and the locking path will sort it out: unique_violation (an id of the batch was
// claimed since: a replay or a race), serialization_failure (an account moved since the batch was
// evaluated; ledger.apply_transfers checks) or deadlock_detected (two writers claimed the same ids in
// opposite orders).
const STALE = new Set(['23505', '40001', '40P01']);

function isStale(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return STALE.has(String(code)) || STALE.has(String(cause?.code));
}

/**
 * The fast path of group commit, for batches of new plain and pending transfers (the bulk of the
 * traffic): accounts come from the cache or one unlocked read, the batch is evaluated in memory and
 * written by one autocommitted statement whose trigger checks, under the account locks, that every
 * account is still where the evaluation found it. One or two round trips instead of four, and the
 * hot account is locked only at the end of the statement. Returns undefined, having written nothing,
 * when the batch does not qualify or an account moved; the caller then takes the locking path.
 */
export async function applyOptimistically(
  db: Executor,
  requests: readonly LedgerRequest[],
  now: Date,
  cache: AccountCache,
): Promise<Outcome[] | undefined> {
  const commands = requests.flatMap((request) => request.commands);
  const plain = commands.every((command) => command.type === 'transfer' || command.type === 'pending');
  if (!plain || new Set(commands.map((command) => command.id)).size !== commands.length) return undefined;

  const accountIds = new Set(
    commands.flatMap((command) => [command.debitAccountId ?? '', command.creditAccountId ?? '']),
  );
  for (const id of accountIds) if (cache.isContended(id)) return undefined;
  const accounts = new Map<string, AccountState>();
  const missing: string[] = [];
  for (const id of accountIds) {
    const cached = cache.get(id);
    if (cached) accounts.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0)
    for (const account of await readAccounts(db, missing)) accounts.set(account.id, account);

  const state = { accounts, targets: new Map() };
  const evaluated = evaluateFresh(state, requests, [...requests.keys()], now);
  // A refusal is kept for good (its id keeps failing the same way), yet the statement re-checks only
  // the accounts it writes: a refusal judged on a cached state (say, before the expiry job released a
  // hold) would stick. Refusals are rare; they take the locking path, which judges on locked rows.
  if ([...evaluated.outcomes.values()].some((outcome) => !outcome.ok)) return undefined;
  try {
    await insertAll(db, evaluated.written, evaluated.claims, now);
  } catch (error) {
    if (!isStale(error)) throw error;
    cache.contended(accountIds);
    return undefined;
  }
  cache.remember(state.accounts.values());
  return requests.map((_, index) => {
    const outcome = evaluated.outcomes.get(index);
    if (!outcome) throw new Error('ledger batch left a request without an outcome');
    return outcome;
  });
}
