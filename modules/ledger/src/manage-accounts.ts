import { and, eq, sql } from 'drizzle-orm';
import { AppError, newId, registerAsset as registerPlatformAsset, type Executor } from '@sauda/platform';
import { LedgerErrors } from './ledger.errors.ts';
import { accounts, assets, type AccountRow } from './ledger.tables.ts';
import { checkAccountId, checkCode, checkOwner } from './transfer-commands.ts';

export interface AccountFlags {
  /** No overdraft: debits (posted + pending) never exceed posted credits. For wallets. */
  readonly debitsMustNotExceedCredits?: boolean | undefined;
  /** The mirror rule, for accounts that may only hold what was paid in (e.g. a bank clearing account). */
  readonly creditsMustNotExceedDebits?: boolean | undefined;
}

export interface CreateAccountInput extends AccountFlags {
  readonly asset: string;
  /** Whose money: `usr_…`, `cmt_…`, `platform:fees`, `network:admitad`… */
  readonly owner: string;
  /** What the account is for: `wallet`, `rewards-pending`, `fees`, `tax-withheld`, `treasury`… */
  readonly code: string;
}

export interface Account {
  readonly id: string;
  readonly asset: string;
  readonly owner: string;
  readonly code: string;
  readonly debitsMustNotExceedCredits: boolean;
  readonly creditsMustNotExceedDebits: boolean;
  readonly closed: boolean;
  readonly debitsPosted: bigint;
  readonly creditsPosted: bigint;
  readonly debitsPending: bigint;
  readonly creditsPending: bigint;
  readonly createdAt: Date;
}

export interface AssetInfo {
  readonly code: string;
  readonly decimals: number;
}

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    asset: row.asset,
    owner: row.owner,
    code: row.code,
    debitsMustNotExceedCredits: row.debitsMustNotExceedCredits,
    creditsMustNotExceedDebits: row.creditsMustNotExceedDebits,
    closed: row.closed,
    debitsPosted: BigInt(row.debitsPosted),
    creditsPosted: BigInt(row.creditsPosted),
    debitsPending: BigInt(row.debitsPending),
    creditsPending: BigInt(row.creditsPending),
    createdAt: row.createdAt,
  };
}

/**
 * Registers an asset with the ledger (and with Money for formatting). Idempotent; registering a
 * known code with other decimals is refused, since every stored amount depends on them.
 */
export async function registerAsset(executor: Executor, asset: AssetInfo): Promise<AssetInfo> {
  if (
    typeof asset.code !== 'string' ||
    !/^[A-Z][A-Z0-9]{1,11}$/.test(asset.code) ||
    !Number.isInteger(asset.decimals) ||
    asset.decimals < 0 ||
    asset.decimals > 18
  ) {
    throw new AppError(LedgerErrors.LEDGER_ASSET_INVALID, { params: { asset: asset.code } });
  }
  await executor.insert(assets).values({ code: asset.code, decimals: asset.decimals }).onConflictDoNothing();
  const [stored] = await executor.select().from(assets).where(eq(assets.code, asset.code));
  if (stored?.decimals !== asset.decimals) {
    throw new AppError(LedgerErrors.LEDGER_ASSET_CONFLICT, {
      params: { asset: asset.code, decimals: stored?.decimals ?? '?' },
    });
  }
  registerPlatformAsset({ code: asset.code, decimals: asset.decimals });
  return { code: stored.code, decimals: stored.decimals };
}

export async function findAsset(executor: Executor, code: string): Promise<AssetInfo | undefined> {
  const [row] = await executor.select().from(assets).where(eq(assets.code, code));
  return row ? { code: row.code, decimals: row.decimals } : undefined;
}

/**
 * One account per (owner, asset, code), so creating it is idempotent: the same request returns the
 * existing account; a different flag is refused with the field named.
 */
export async function createAccount(
  executor: Executor,
  input: CreateAccountInput,
  now: Date,
): Promise<Account> {
  const owner = checkOwner(input.owner);
  const code = checkCode(input.code);
  const flags = {
    debitsMustNotExceedCredits: input.debitsMustNotExceedCredits === true,
    creditsMustNotExceedDebits: input.creditsMustNotExceedDebits === true,
  };
  if (typeof input.asset !== 'string' || !(await findAsset(executor, input.asset))) {
    throw new AppError(LedgerErrors.LEDGER_ASSET_UNKNOWN, { params: { asset: input.asset } });
  }
  if (flags.debitsMustNotExceedCredits && flags.creditsMustNotExceedDebits) {
    throw new AppError(LedgerErrors.LEDGER_ACCOUNT_EXISTS_MISMATCH, {
      params: { code, asset: input.asset, field: 'creditsMustNotExceedDebits' },
    });
  }
  const [created] = await executor
    .insert(accounts)
    .values({ id: newId('acc'), asset: input.asset, owner, code, ...flags, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (created) return toAccount(created);
  const existing = await findAccount(executor, { owner, asset: input.asset, code });
  if (!existing) throw new Error(`ledger account ${owner}/${input.asset}/${code} vanished after a conflict`);
  for (const field of ['debitsMustNotExceedCredits', 'creditsMustNotExceedDebits'] as const) {
    if (existing[field] !== flags[field]) {
      throw new AppError(LedgerErrors.LEDGER_ACCOUNT_EXISTS_MISMATCH, {
        params: { code, asset: input.asset, field },
      });
    }
  }
  return existing;
}

export async function findAccount(
  executor: Executor,
  key: { owner: string; asset: string; code: string },
): Promise<Account | undefined> {
  const [row] = await executor
    .select()
    .from(accounts)
    .where(and(eq(accounts.owner, key.owner), eq(accounts.asset, key.asset), eq(accounts.code, key.code)));
  return row ? toAccount(row) : undefined;
}

export async function getAccount(executor: Executor, id: string): Promise<Account> {
  const [row] = await executor
    .select()
    .from(accounts)
    .where(eq(accounts.id, checkAccountId(id)));
  if (!row) throw new AppError(LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND, { params: { accountId: id } });
  return toAccount(row);
}

export async function listAccounts(executor: Executor, owner: string): Promise<Account[]> {
  const rows = await executor.select().from(accounts).where(eq(accounts.owner, owner)).orderBy(accounts.id);
  return rows.map(toAccount);
}

/** Closing is final: no new movement in or out; holds already placed may still be voided or expire. */
export async function closeAccount(executor: Executor, id: string): Promise<Account> {
  const [row] = await executor
    .update(accounts)
    .set({ closed: sql`true` })
    .where(eq(accounts.id, checkAccountId(id)))
    .returning();
  if (!row) throw new AppError(LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND, { params: { accountId: id } });
  return toAccount(row);
}

/**
 * The asset as stored, also made known to Money in this process (formatting and parsing need it, and
 * a restarted server has not seen the `registerAsset` call that created it).
 */
export async function loadAsset(executor: Executor, code: string): Promise<AssetInfo> {
  const [stored] = await executor.select().from(assets).where(eq(assets.code, code));
  if (!stored) throw new AppError(LedgerErrors.LEDGER_ASSET_UNKNOWN, { params: { asset: code } });
  registerPlatformAsset({ code: stored.code, decimals: stored.decimals });
  return { code: stored.code, decimals: stored.decimals };
}
