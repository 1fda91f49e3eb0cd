import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuditApi } from '@sauda/audit';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { AppError, Money, type Db, type Locale } from '@sauda/platform';
import type { StatementFilter, StatementPage } from './account-statement.ts';
import { balanceOf, type Balance } from './balances.ts';
import {
  AccountList,
  AccountParams,
  AccountView,
  AdjustmentBody,
  BalanceQuery,
  BalanceView,
  OwnerQuery,
  StatementQuery,
  StatementView,
  TransferParams,
  TransferView,
} from './ledger.contracts.ts';
import { LedgerErrors } from './ledger.errors.ts';
import type { LedgerApi } from './ledger.api.ts';
import { LedgerPermissions } from './ledger.permissions.ts';
import type { Transfer } from './ledger.repository.ts';
import { loadAsset, type Account, type AssetInfo } from './manage-accounts.ts';
import { postAdjustment } from './manual-adjustment.ts';

export interface LedgerRoutesDeps {
  readonly db: Db;
  readonly ledger: LedgerApi;
  readonly guards: AuthGuards;
  readonly audit: Pick<AuditApi, 'record'>;
}

const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
} as const;

/**
 * Reads for everyone (a user's own accounts, balances and statements), reads of any account for
 * staff, and the manual adjustment. Someone else's account answers 404, exactly like an unknown one,
 * so account ids cannot be probed.
 */
export function ledgerRoutes(deps: LedgerRoutesDeps) {
  // Decimals never change once registered (the ledger refuses it), so a process may remember them.
  const assets = new Map<string, AssetInfo>();
  const assetOf = async (code: string): Promise<AssetInfo> => {
    const known = assets.get(code) ?? (await loadAsset(deps.db, code));
    assets.set(code, known);
    return known;
  };

  async function balanceView(balance: Balance, locale: Locale) {
    const { decimals } = await assetOf(balance.asset);
    const text = (amount: bigint) => Money.of(amount, balance.asset).format(locale);
    return {
      accountId: balance.accountId,
      asset: balance.asset,
      decimals,
      asOf: balance.asOf?.toISOString() ?? null,
      posted: balance.posted.toString(),
      pending: balance.pending.toString(),
      available: balance.available.toString(),
      postedText: text(balance.posted),
      availableText: text(balance.available),
    };
  }

  const accountView = async (account: Account, locale: Locale) => ({
    id: account.id,
    asset: account.asset,
    owner: account.owner,
    code: account.code,
    closed: account.closed,
    debitsMustNotExceedCredits: account.debitsMustNotExceedCredits,
    creditsMustNotExceedDebits: account.creditsMustNotExceedDebits,
    createdAt: account.createdAt.toISOString(),
    balance: await balanceView(balanceOf(account.id, account.asset, null, account), locale),
  });

  /** The account, if the caller may see it: their own, or any with the read-any permission. */
  async function visibleAccount(
    request: FastifyRequest,
    accountId: string,
    staff: boolean,
  ): Promise<Account> {
    const account = await deps.ledger.getAccount(accountId);
    if (!staff && account.owner !== currentUser(request).id)
      throw new AppError(LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND, { params: { accountId } });
    return account;
  }

  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const readAny = deps.guards.requirePermission(LedgerPermissions.readAny);

    for (const scope of ['me', 'admin'] as const) {
      const staff = scope === 'admin';
      const base = staff ? '/v1/admin/ledger/accounts' : '/v1/me/ledger/accounts';
      const tags = [staff ? 'admin: ledger' : 'ledger'];
      const preHandler = staff ? readAny : deps.guards.requireUser;
      const whose = staff ? 'any account (staff)' : 'one of the caller’s own accounts';

      app.get(
        `${base}/:accountId/balance`,
        {
          preHandler,
          schema: {
            tags,
            summary: `Balance of ${whose}: posted, pending and available, now or as of a past instant`,
            security,
            params: AccountParams,
            querystring: BalanceQuery,
            response: { 200: BalanceView, ...errors },
          },
        },
        async (request) => {
          const account = await visibleAccount(request, request.params.accountId, staff);
          const asOf = request.query.asOf === undefined ? undefined : new Date(request.query.asOf);
          return balanceView(await deps.ledger.getBalance(account.id, { asOf }), request.locale);
        },
      );

      app.get(
        `${base}/:accountId/statement`,
        {
          preHandler,
          schema: {
            tags,
            summary: `Statement of ${whose}, newest first, with the running balance`,
            security,
            params: AccountParams,
            querystring: StatementQuery,
            response: { 200: StatementView, ...errors },
          },
        },
        async (request) => {
          const account = await visibleAccount(request, request.params.accountId, staff);
          const { code, from, to, partner, limit, cursor } = request.query;
          const filter: StatementFilter = {
            codes: code?.split(',').map((value) => value.trim()),
            from: from === undefined ? undefined : new Date(from),
            to: to === undefined ? undefined : new Date(to),
            metadata: partner === undefined ? undefined : { partner },
            limit,
            cursor,
          };
          return statementView(await deps.ledger.getStatement(account.id, filter));
        },
      );
    }

    app.get(
      '/v1/me/ledger/accounts',
      {
        preHandler: deps.guards.requireUser,
        schema: {
          tags: ['ledger'],
          summary: 'The caller’s accounts with their balances',
          security,
          response: { 200: AccountList, ...errors },
        },
      },
      async (request) => {
        const accounts = await deps.ledger.listAccounts(currentUser(request).id);
        return { items: await Promise.all(accounts.map((account) => accountView(account, request.locale))) };
      },
    );

    app.get(
      '/v1/admin/ledger/accounts',
      {
        preHandler: readAny,
        schema: {
          tags: ['admin: ledger'],
          summary: 'The accounts of an owner (a user id, or a platform owner such as platform:fees)',
          security,
          querystring: OwnerQuery,
          response: { 200: AccountList, ...errors },
        },
      },
      async (request) => {
        const accounts = await deps.ledger.listAccounts(request.query.owner);
        return { items: await Promise.all(accounts.map((account) => accountView(account, request.locale))) };
      },
    );

    app.get(
      '/v1/admin/ledger/accounts/:accountId',
      {
        preHandler: readAny,
        schema: {
          tags: ['admin: ledger'],
          summary: 'One account with its balance',
          security,
          params: AccountParams,
          response: { 200: AccountView, ...errors },
        },
      },
      async (request) => accountView(await deps.ledger.getAccount(request.params.accountId), request.locale),
    );

    app.get(
      '/v1/admin/ledger/transfers/:transferId',
      {
        preHandler: readAny,
        schema: {
          tags: ['admin: ledger'],
          summary: 'One transfer by its id',
          security,
          params: TransferParams,
          response: { 200: TransferView, ...errors },
        },
      },
      async (request) => {
        const transfer = await deps.ledger.getTransfer(request.params.transferId);
        if (!transfer)
          throw new AppError(LedgerErrors.LEDGER_TRANSFER_NOT_FOUND, {
            params: { transferId: request.params.transferId },
          });
        return transferView(transfer);
      },
    );

    app.post(
      '/v1/admin/ledger/adjustments',
      {
        preHandler: deps.guards.requirePermission(LedgerPermissions.adjust),
        schema: {
          tags: ['admin: ledger'],
          summary:
            'Move value between two accounts by hand, with a mandatory reason (audited, idempotent by id)',
          security,
          body: AdjustmentBody,
          response: { 201: TransferView, ...errors, 409: { $ref: 'Problem#' }, 422: { $ref: 'Problem#' } },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const transfer = await postAdjustment(
          deps,
          { id: user.id, context: request.context() },
          { ...request.body, reason: request.body.reason.trim() },
        );
        return reply.status(201).send(transferView(transfer));
      },
    );
  };
}

function statementView(page: StatementPage) {
  return {
    accountId: page.accountId,
    asset: page.asset,
    nextCursor: page.nextCursor,
    entries: page.entries.map((entry) => ({
      ...entry,
      amount: entry.amount.toString(),
      postedChange: entry.postedChange.toString(),
      pendingChange: entry.pendingChange.toString(),
      balanceAfter: entry.balanceAfter.toString(),
      createdAt: entry.createdAt.toISOString(),
    })),
  };
}

function transferView(transfer: Transfer) {
  return {
    id: transfer.id,
    kind: transfer.kind,
    debitAccountId: transfer.debitAccountId,
    creditAccountId: transfer.creditAccountId,
    asset: transfer.asset,
    amount: transfer.amount.toString(),
    pendingId: transfer.pendingId,
    reversesId: transfer.reversesId,
    code: transfer.code,
    metadata: transfer.metadata,
    batchId: transfer.batchId,
    createdAt: transfer.createdAt.toISOString(),
  };
}
