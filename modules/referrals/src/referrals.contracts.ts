import { Type } from '@sauda/platform';

/** Request and response schemas of the referrals API; they are the OpenAPI document. */

const strict = { additionalProperties: false } as const;
const Minor = Type.String({ pattern: '^[0-9]+$', description: 'minor units' });
const Code = Type.String({
  minLength: 1,
  maxLength: 16,
  description: 'a referral code; spaces, dashes and case are ignored',
  examples: ['K7MQ2ZPA'],
});
const UserId = Type.String({ minLength: 4, maxLength: 64, pattern: '^usr_[0-9a-z]+$' });
const Status = Type.Union([
  Type.Literal('linked'),
  Type.Literal('waiting'),
  Type.Literal('rewarded'),
  Type.Literal('refused'),
]);

export const DeviceHeaders = Type.Object({
  'x-device-id': Type.Optional(
    Type.String({ minLength: 8, maxLength: 128, description: 'the id the app keeps on this device, if any' }),
  ),
});

export const StatsSchema = Type.Object({
  invited: Type.Integer({ description: 'distinct devices that opened the link' }),
  registered: Type.Integer(),
  kycVerified: Type.Integer(),
  rewarded: Type.Integer({ description: 'referees whose bonus was paid' }),
  earned: Type.Object({ amount: Minor, asset: Type.String() }),
});

export const CardSchema = Type.Object({ code: Type.String(), link: Type.String(), stats: StatsSchema });

export const ClaimBody = Type.Object({ code: Code }, strict);
export const ClaimResponse = Type.Object({ status: Status, claimedAt: Type.String({ format: 'date-time' }) });
export const VisitBody = Type.Object({ code: Code }, strict);

const ReferralSchema = Type.Object({
  id: Type.String(),
  referrerId: Type.String(),
  refereeId: Type.String(),
  code: Type.String(),
  status: Status,
  refusalReason: Type.Union([Type.String(), Type.Null()]),
  claimedAt: Type.String({ format: 'date-time' }),
  refereeVerifiedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  firstRewardAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ReferralListQuery = Type.Object(
  {
    referrerId: Type.Optional(UserId),
    refereeId: Type.Optional(UserId),
    status: Type.Optional(Status),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  strict,
);
export const ReferralPage = Type.Object({
  items: Type.Array(ReferralSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const UserParams = Type.Object({ userId: UserId }, strict);

export const FundingBody = Type.Object(
  {
    amount: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'decimal amount of the reward asset',
      examples: ['500'],
    }),
    reference: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$',
      description: 'your reference of the deposit, the idempotency key',
    }),
  },
  strict,
);
export const FundingResponse = Type.Object({
  reference: Type.String(),
  amount: Minor,
  asset: Type.String(),
  pool: Type.Object({ posted: Minor, available: Minor }),
  created: Type.Boolean(),
});
