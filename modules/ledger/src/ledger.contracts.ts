import { Type } from '@sauda/platform';

/** Request and response schemas of the ledger's HTTP API; they are the OpenAPI document. */
const strict = { additionalProperties: false } as const;

const Minor = (description: string) => Type.String({ pattern: '^-?[0-9]+$', description });
const Instant = Type.String({ format: 'date-time' });
const AccountId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9_:.-]*$' });

export const AccountParams = Type.Object({ accountId: AccountId });
export const TransferParams = Type.Object({
  transferId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_:.-]+$' }),
});

export const BalanceView = Type.Object({
  accountId: Type.String(),
  asset: Type.String(),
  decimals: Type.Integer(),
  asOf: Type.Union([Instant, Type.Null()]),
  posted: Minor('settled: credits minus debits, minor units'),
  pending: Minor('held either way, not settled yet'),
  available: Minor('what can be spent: posted minus pending debits'),
  postedText: Type.String({ description: 'posted, formatted for the request’s language' }),
  availableText: Type.String(),
});

export const AccountView = Type.Object({
  id: Type.String(),
  asset: Type.String(),
  owner: Type.String(),
  code: Type.String(),
  closed: Type.Boolean(),
  debitsMustNotExceedCredits: Type.Boolean(),
  creditsMustNotExceedDebits: Type.Boolean(),
  createdAt: Instant,
  balance: BalanceView,
});
export const AccountList = Type.Object({ items: Type.Array(AccountView) });

export const BalanceQuery = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({ format: 'date-time', description: 'the balance at this past instant' }),
    ),
  },
  strict,
);

export const StatementQuery = Type.Object(
  {
    code: Type.Optional(
      Type.String({ maxLength: 400, description: 'comma-separated transfer codes, e.g. reward,reversal' }),
    ),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'created at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'created before' })),
    partner: Type.Optional(
      Type.String({ maxLength: 256, description: 'only transfers with this metadata.partner' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  },
  strict,
);

export const StatementEntryView = Type.Object({
  transferId: Type.String(),
  kind: Type.String({ description: 'transfer, pending, post, void, expiry or reversal' }),
  code: Type.String(),
  side: Type.Union([Type.Literal('debit'), Type.Literal('credit')]),
  counterpartyAccountId: Type.String(),
  amount: Minor('the transfer’s amount'),
  postedChange: Minor('change of the posted balance'),
  pendingChange: Minor('change of the pending balance'),
  balanceAfter: Minor('running posted balance right after this transfer'),
  pendingId: Type.Union([Type.String(), Type.Null()]),
  reversesId: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Record(Type.String(), Type.String()),
  createdAt: Instant,
});
export const StatementView = Type.Object({
  accountId: Type.String(),
  asset: Type.String(),
  entries: Type.Array(StatementEntryView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const TransferView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  debitAccountId: Type.String(),
  creditAccountId: Type.String(),
  asset: Type.String(),
  amount: Minor('minor units'),
  pendingId: Type.Union([Type.String(), Type.Null()]),
  reversesId: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  metadata: Type.Record(Type.String(), Type.String()),
  batchId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});

export const OwnerQuery = Type.Object(
  { owner: Type.String({ minLength: 1, maxLength: 128, description: 'usr_…, cmt_…, platform:fees…' }) },
  strict,
);

export const AdjustmentBody = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 90,
      pattern: '^[A-Za-z0-9_:.-]+$',
      description:
        'chosen by the client, the idempotency key: resending the same body returns the same transfer',
    }),
    debitAccountId: AccountId,
    creditAccountId: AccountId,
    amount: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'decimal text in the accounts’ asset, e.g. "1500.50"',
    }),
    reason: Type.String({
      minLength: 10,
      maxLength: 250,
      description: 'why, for the audit log and the statement',
    }),
  },
  strict,
);
