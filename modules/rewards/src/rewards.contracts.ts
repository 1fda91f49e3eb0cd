import { Type, type TSchema } from '@sauda/platform';

/** Request and response schemas of the rewards API; they are the OpenAPI document. */

const strict = { additionalProperties: false } as const;

const Minor = Type.String({ pattern: '^-?[0-9]+$', description: 'minor units', examples: ['1050000'] });
const Day = Type.String({ format: 'date', examples: ['2026-03-14'] });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const RewardId = Type.String({ minLength: 4, maxLength: 64, pattern: '^rwd_[0-9a-z]+$' });
const UserId = Type.String({ minLength: 4, maxLength: 64, pattern: '^usr_[0-9a-z]+$' });
const Currency = Type.String({ pattern: '^[A-Z][A-Z0-9]{1,11}$', examples: ['KZT'] });

export const RewardStatusSchema = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('pending'),
  Type.Literal('available'),
  Type.Literal('declined'),
  Type.Literal('reversed'),
]);
const Product = Type.Union([Type.Literal('loyalty'), Type.Literal('cpa')]);
export const TaxStatusSchema = Type.Union([
  Type.Literal('individual'),
  Type.Literal('self_employed'),
  Type.Literal('individual_entrepreneur'),
]);

const rewardFields = {
  id: Type.String(),
  conversionId: Type.String(),
  product: Product,
  status: RewardStatusSchema,
  waitingReason: Nullable(
    Type.String({ description: 'no-rate | pool-empty | partner-unknown | asset-unknown: why it waits' }),
  ),
  partner: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  amount: Type.Object({ amount: Minor, asset: Type.String() }, { description: "the user's amount" }),
  commission: Type.Object({ amount: Minor, currency: Type.String() }),
  rate: Nullable(
    Type.Object({
      forDay: Day,
      day: Day,
      price: Type.String({ description: 'units of the commission currency per unit of the reward asset' }),
      fallback: Type.Boolean({ description: 'true when the day had no rate and an earlier one was used' }),
    }),
  ),
  split: Nullable(
    Type.Object({
      gross: Minor,
      fee: Minor,
      tax: Minor,
      net: Minor,
      taxStatus: Nullable(TaxStatusSchema),
    }),
  ),
  occurredAt: Type.String({ format: 'date-time' }),
  availableAfter: Nullable(Type.String({ format: 'date-time' })),
  availableAt: Nullable(Type.String({ format: 'date-time' })),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const RewardSchema = Type.Object(rewardFields);

const staffFields = {
  ...rewardFields,
  userId: Type.String(),
  networkKey: Type.String(),
  actionId: Type.String(),
  revision: Type.Integer(),
  conversionState: Type.String(),
  ledger: Type.Object({ held: Minor, posted: Minor, grossBooked: Minor, sequence: Type.Integer() }),
};
export const StaffRewardSchema = Type.Object(staffFields);
export const StaffRewardDetail = Type.Object({
  ...staffFields,
  revisions: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      state: Type.String(),
      commission: Minor,
      outcome: Type.Union([Type.Literal('applied'), Type.Literal('stale')]),
      receivedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const RewardPage = Type.Object({
  items: Type.Array(RewardSchema),
  nextCursor: Nullable(Type.String()),
});
export const StaffRewardPage = Type.Object({
  items: Type.Array(StaffRewardSchema),
  nextCursor: Nullable(Type.String()),
});

const listFilters = {
  status: Type.Optional(Type.Array(RewardStatusSchema, { maxItems: 5 })),
  product: Type.Optional(Product),
  partnerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export const RewardListQuery = Type.Object(listFilters, strict);
export const StaffRewardListQuery = Type.Object(
  {
    ...listFilters,
    userId: Type.Optional(UserId),
    conversionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    networkKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    actionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  strict,
);

export const RewardParams = Type.Object({ rewardId: RewardId }, strict);
export const UserParams = Type.Object({ userId: UserId }, strict);

const WalletBalance = {
  asset: Type.String(),
  pending: Minor,
  available: Minor,
  debt: Minor,
};
export const BalancesSchema = Type.Object({
  rewards: Type.Object({
    ...WalletBalance,
    equivalent: Nullable(
      Type.Object({
        currency: Type.String(),
        pending: Minor,
        available: Minor,
        rateDay: Day,
        price: Type.String(),
      }),
    ),
  }),
  commissions: Type.Array(Type.Object(WalletBalance)),
});

export const TaxStatusBody = Type.Object({ status: TaxStatusSchema }, strict);
export const TaxStatusResponse = Type.Object({
  status: TaxStatusSchema,
  isDefault: Type.Boolean(),
  taxBasisPoints: Type.Integer({ description: 'withholding rate, 1000 = 10 %' }),
});

export const RateParams = Type.Object({ day: Day, currency: Currency }, strict);
export const RateBody = Type.Object(
  {
    price: Type.String({
      minLength: 1,
      maxLength: 32,
      description: 'units of `currency` for one unit of the reward asset, e.g. "505.12"',
      examples: ['505.12'],
    }),
  },
  strict,
);
const RateSchema = Type.Object({
  asset: Type.String(),
  currency: Type.String(),
  day: Day,
  price: Type.String(),
  enteredBy: Type.String(),
  enteredAt: Type.String({ format: 'date-time' }),
});
export const RateResponse = RateSchema;
export const RateListQuery = Type.Object(
  { currency: Type.Optional(Currency), from: Type.Optional(Day), to: Type.Optional(Day) },
  strict,
);
export const RateList = Type.Object({ items: Type.Array(RateSchema) });

export const PoolFundingBody = Type.Object(
  {
    amount: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'decimal amount of the reward asset',
      examples: ['1000'],
    }),
    reference: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$',
      description: 'your reference of the deposit, the idempotency key',
      examples: ['exchange-order-8812'],
    }),
  },
  strict,
);
export const PoolFundingResponse = Type.Object({
  reference: Type.String(),
  amount: Minor,
  asset: Type.String(),
  pool: Type.Object({ posted: Minor, available: Minor }),
  created: Type.Boolean(),
});

export const TaxReportQuery = Type.Object(
  {
    period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', examples: ['2026-03'] }),
    format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
  },
  strict,
);
export const TaxReportResponse = Type.Object({
  period: Type.String(),
  rows: Type.Array(
    Type.Object({
      iin: Nullable(Type.String()),
      userId: Type.String(),
      taxStatus: Type.String(),
      currency: Type.String(),
      gross: Minor,
      withheld: Minor,
      net: Minor,
      entries: Type.Integer(),
    }),
  ),
  totals: Type.Array(Type.Object({ currency: Type.String(), gross: Minor, withheld: Minor, net: Minor })),
});
