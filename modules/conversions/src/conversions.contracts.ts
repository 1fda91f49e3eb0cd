import { Type } from '@sauda/platform';

/** Request and response schemas of the conversions API; they are the OpenAPI document. */

const strict = { additionalProperties: false } as const;
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const NetworkKey = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,39}$', examples: ['admitad'] });
const NetworkId = Type.String({ pattern: '^net_[0-9a-z]{26}$' });
const ConversionId = Type.String({ pattern: '^cnv_[0-9a-z]{26}$' });
const PartnerId = Type.String({ minLength: 3, maxLength: 64, pattern: '^ptn_[0-9a-z]+$' });
const UserId = Type.String({ minLength: 3, maxLength: 64, pattern: '^usr_[0-9a-z]+$' });
const Kind = Type.Union([
  Type.Literal('admitad'),
  Type.Literal('s2s'),
  Type.Literal('signed'),
  Type.Literal('sandbox'),
  Type.Literal('direct'),
]);
const Product = Type.Union([Type.Literal('loyalty'), Type.Literal('cpa')]);
const State = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('declined'),
  Type.Literal('paid'),
  Type.Literal('reversed'),
]);
const AttributionStatus = Type.Union([
  Type.Literal('attributed'),
  Type.Literal('unattributed'),
  Type.Literal('probable'),
  Type.Literal('rejected'),
]);
const Money = Type.Object({
  amount: Type.String({ pattern: '^[0-9]+$', description: 'minor units' }),
  asset: Type.String(),
});
const ParameterName = Type.String({ minLength: 1, maxLength: 64 });

const ParameterMapping = Type.Object(
  {
    clickId: ParameterName,
    actionId: ParameterName,
    orderId: ParameterName,
    commission: ParameterName,
    orderAmount: ParameterName,
    currency: ParameterName,
    status: ParameterName,
    ip: ParameterName,
    userAgent: ParameterName,
    occurredAt: ParameterName,
    statusUpdatedAt: ParameterName,
    secret: ParameterName,
  },
  { ...strict, description: 'our field -> the name of the network’s parameter' },
);
const StatusMapping = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Union([
    Type.Literal('pending'),
    Type.Literal('approved'),
    Type.Literal('declined'),
    Type.Literal('paid'),
  ]),
  { description: 'the network’s status (lower case) -> pending, approved, declined or paid' },
);
const Polling = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2048, description: 'the `statistics/actions` endpoint' }),
    token: Type.Optional(
      nullable(
        Type.String({ minLength: 1, maxLength: 512, description: 'Bearer token; default the secret' }),
      ),
    ),
    enabled: Type.Boolean(),
  },
  strict,
);
const AddressList = Type.Array(Type.String({ minLength: 2, maxLength: 64 }), {
  maxItems: 100,
  description: 'IP addresses or CIDR blocks reports may come from; empty: any',
});
const Origins = Type.Array(Type.String({ minLength: 8, maxLength: 255 }), {
  maxItems: 100,
  description: 'retailers: sites the pixel may report from, e.g. https://shop.kz',
});

export const NetworkCreateBody = Type.Object(
  {
    key: NetworkKey,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Kind,
    secret: Type.Optional(
      Type.String({ minLength: 1, maxLength: 256, description: 'generated when absent' }),
    ),
    ipAllowlist: Type.Optional(AddressList),
    parameterMapping: Type.Optional(Type.Partial(ParameterMapping)),
    statusMapping: Type.Optional(StatusMapping),
    defaultCurrency: Type.Optional(Type.String({ minLength: 3, maxLength: 12 })),
    partnerId: Type.Optional(nullable(PartnerId)),
    allowedOrigins: Type.Optional(Origins),
    polling: Type.Optional(nullable(Polling)),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);

export const NetworkPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    secret: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    rotateSecret: Type.Optional(Type.Boolean()),
    ipAllowlist: Type.Optional(AddressList),
    parameterMapping: Type.Optional(Type.Partial(ParameterMapping)),
    statusMapping: Type.Optional(StatusMapping),
    defaultCurrency: Type.Optional(Type.String({ minLength: 3, maxLength: 12 })),
    partnerId: Type.Optional(nullable(PartnerId)),
    allowedOrigins: Type.Optional(Origins),
    polling: Type.Optional(nullable(Polling)),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);

export const NetworkSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  kind: Kind,
  ipAllowlist: Type.Array(Type.String()),
  parameterMapping: ParameterMapping,
  statusMapping: StatusMapping,
  defaultCurrency: Type.String(),
  partnerId: nullable(Type.String()),
  publishableKey: nullable(Type.String()),
  allowedOrigins: Type.Array(Type.String()),
  polling: nullable(
    Type.Object({
      url: Type.String(),
      enabled: Type.Boolean(),
      hasToken: Type.Boolean(),
      polledUntil: nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  active: Type.Boolean(),
  postbackUrl: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const NetworkWithSecretSchema = Type.Object({
  network: NetworkSchema,
  secret: Type.Optional(Type.String({ description: 'shown once, when generated or changed' })),
});
export const NetworkList = Type.Object({ networks: Type.Array(NetworkSchema) });
export const NetworkParams = Type.Object({ networkId: NetworkId }, strict);

export const PollBody = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  strict,
);
export const PollResultSchema = Type.Object({
  networkKey: Type.String(),
  window: Type.Object({ from: Type.String(), to: Type.String() }),
  fetched: Type.Integer(),
  stored: Type.Integer(),
});

export const ConversionSchema = Type.Object({
  id: Type.String(),
  networkId: Type.String(),
  actionId: Type.String(),
  orderId: nullable(Type.String()),
  partnerId: nullable(Type.String()),
  userId: nullable(Type.String()),
  clickId: nullable(Type.String()),
  product: nullable(Product),
  attribution: nullable(Type.Union([Type.Literal('click'), Type.Literal('staff'), Type.Literal('probable')])),
  attributionStatus: AttributionStatus,
  unattributedReason: nullable(Type.String()),
  probableMatch: nullable(Type.Object({ userId: Type.String(), clickId: Type.String(), product: Product })),
  state: State,
  networkStatus: Type.String(),
  commission: Money,
  orderAmount: nullable(Money),
  occurredAt: Type.String({ format: 'date-time' }),
  statusUpdatedAt: nullable(Type.String({ format: 'date-time' })),
  revision: Type.Integer({ description: 'ConversionChanged revisions published so far' }),
  resolvedBy: nullable(Type.String()),
  resolvedAt: nullable(Type.String({ format: 'date-time' })),
  resolutionNote: nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ConversionDetail = Type.Object({
  conversion: ConversionSchema,
  history: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Type.String({ format: 'date-time' }),
      kind: Type.String(),
      state: State,
      previousState: nullable(State),
      commission: Type.String(),
      previousCommission: nullable(Type.String()),
      inboxId: nullable(Type.String()),
      actor: Type.String(),
      revision: nullable(Type.Integer()),
    }),
  ),
});

export const ConversionPage = Type.Object({
  conversions: Type.Array(ConversionSchema),
  nextCursor: nullable(Type.String()),
});

export const ConversionListQuery = Type.Object(
  {
    networkId: Type.Optional(NetworkId),
    partnerId: Type.Optional(PartnerId),
    userId: Type.Optional(UserId),
    state: Type.Optional(State),
    attributionStatus: Type.Optional(AttributionStatus),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  strict,
);
export const QueueQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  strict,
);
export const ConversionParams = Type.Object({ conversionId: ConversionId }, strict);

export const AssignBody = Type.Object(
  {
    userId: UserId,
    partnerId: Type.Optional(PartnerId),
    product: Type.Optional(Product),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  strict,
);
export const ApproveBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, strict);
export const RejectBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }, strict);

export const InboxQuery = Type.Object(
  {
    networkId: Type.Optional(NetworkId),
    outcome: Type.Optional(
      Type.Union([
        Type.Literal('unprocessed'),
        Type.Literal('created'),
        Type.Literal('changed'),
        Type.Literal('duplicate'),
        Type.Literal('stale'),
        Type.Literal('ignored'),
        Type.Literal('rejected'),
        Type.Literal('failed'),
      ]),
    ),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'the `seq` of the last row seen' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  strict,
);
export const InboxPage = Type.Object({
  entries: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      id: Type.String(),
      networkId: Type.String(),
      source: Type.String(),
      receivedAt: Type.String({ format: 'date-time' }),
      method: Type.String(),
      query: Type.String(),
      body: Type.String(),
      contentType: nullable(Type.String()),
      headers: Type.Record(Type.String(), Type.String()),
      remoteIp: nullable(Type.String()),
      auth: Type.String(),
      processedAt: nullable(Type.String({ format: 'date-time' })),
      outcome: nullable(Type.String()),
      conversionId: nullable(Type.String()),
      errorCode: nullable(Type.String()),
    }),
  ),
});

export const Accepted = Type.Object({
  status: Type.Literal('accepted'),
  id: Type.String({ description: 'the inbox id of the stored report (pbk_…)' }),
});

export const PostbackParams = Type.Object({ networkKey: Type.String({ maxLength: 64 }) }, strict);
export const PostbackSecretParams = Type.Object(
  { networkKey: Type.String({ maxLength: 64 }), secret: Type.String({ maxLength: 256 }) },
  strict,
);
