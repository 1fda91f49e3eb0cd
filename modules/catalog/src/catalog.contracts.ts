import { Type } from '@sauda/platform';

/** Request and response schemas of the catalog API; they are the OpenAPI document. */

const strict = { additionalProperties: false } as const;

const Localized = (maxLength: number, minLength = 0) =>
  Type.Object(
    {
      ru: Type.String({ minLength, maxLength }),
      kk: Type.String({ minLength, maxLength }),
      en: Type.String({ minLength, maxLength }),
    },
    strict,
  );

export const Slug = Type.String({
  minLength: 2,
  maxLength: 64,
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  examples: ['tehnograd'],
});
const PartnerId = Type.String({ minLength: 3, maxLength: 64, pattern: '^ptn_[0-9a-z]+$' });
const CategoryId = Type.String({ minLength: 3, maxLength: 64, pattern: '^cat_[0-9a-z]+$' });
const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('active'),
  Type.Literal('paused'),
  Type.Literal('archived'),
]);
const Kind = Type.Union([Type.Literal('percent'), Type.Literal('fixed')]);

const Domain = Type.Object(
  {
    domain: Type.String({ minLength: 1, maxLength: 253, examples: ['tehnograd.kz'] }),
    includeSubdomains: Type.Boolean(),
  },
  strict,
);

const Reward = Type.Object(
  {
    kind: Kind,
    rate: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'percent: of the order, (0, 100], two decimals at most; fixed: minor units of `currency`',
      examples: ['5.5'],
    }),
    currency: Type.String({ minLength: 2, maxLength: 12, examples: ['KZT'] }),
    userShare: Type.String({
      minLength: 1,
      maxLength: 6,
      description: 'fraction passed to the user, 0 to 1',
      examples: ['0.7'],
    }),
    cap: Type.Union([Type.String({ minLength: 1, maxLength: 16 }), Type.Null()], {
      description: 'maximum reward per order in minor units, or null',
    }),
    holdDays: Type.Integer({ minimum: 0, maximum: 365 }),
  },
  strict,
);

const AppLinks = Type.Union([
  Type.Object(
    {
      ios: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
      android: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
    },
    strict,
  ),
  Type.Null(),
]);

const partnerFields = {
  slug: Slug,
  name: Localized(100, 1),
  shortDescription: Localized(300),
  description: Localized(10_000),
  conditions: Localized(10_000),
  website: Type.String({ minLength: 1, maxLength: 2048, examples: ['https://tehnograd.kz/'] }),
  domains: Type.Array(Domain, { minItems: 1, maxItems: 20 }),
  categories: Type.Array(Slug, { maxItems: 10 }),
  reward: Reward,
  network: Type.String({
    minLength: 2,
    maxLength: 32,
    pattern: '^[a-z0-9-]+$',
    examples: ['admitad', 'direct', 'sandbox'],
  }),
  trackingUrlTemplate: Type.String({
    minLength: 1,
    maxLength: 2048,
    description: 'URL with {click_id} and optionally {target_url} (URL-encoded)',
    examples: ['https://ad.admitad.com/g/abc123/?subid={click_id}&ulp={target_url}'],
  }),
  appLinks: AppLinks,
  interstitial: Type.Boolean({ description: 'on mobile, show a page that tries the app first' }),
  featured: Type.Boolean(),
  sortWeight: Type.Integer({ minimum: -1000, maximum: 1000 }),
};

export const PartnerCreateBody = Type.Object(
  { ...partnerFields, status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active')])) },
  strict,
);
export const PartnerPatchBody = Type.Partial(Type.Object(partnerFields, strict), {
  ...strict,
  minProperties: 1,
});
export const StatusBody = Type.Object(
  { status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('archived')]) },
  strict,
);

const PublicRewardSchema = Type.Object({
  kind: Kind,
  rate: Type.String(),
  currency: Type.String(),
  userShare: Type.String(),
  cap: Type.Union([Type.String(), Type.Null()]),
  holdDays: Type.Integer(),
  userRate: Type.String({ description: 'what the user gets, in the unit of `rate`' }),
});
const LocalizedOut = Type.Object({ ru: Type.String(), kk: Type.String(), en: Type.String() });

const publicPartnerFields = {
  id: Type.String(),
  slug: Type.String(),
  name: LocalizedOut,
  shortDescription: LocalizedOut,
  description: LocalizedOut,
  conditions: LocalizedOut,
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  website: Type.String(),
  domains: Type.Array(Type.Object({ domain: Type.String(), includeSubdomains: Type.Boolean() })),
  categories: Type.Array(Type.String()),
  reward: PublicRewardSchema,
  status: Status,
  featured: Type.Boolean(),
  goUrl: Type.String(),
};
export const PublicPartnerSchema = Type.Object(publicPartnerFields);
export const PartnerSchema = Type.Object({
  ...publicPartnerFields,
  number: Type.Integer(),
  network: Type.String(),
  trackingUrlTemplate: Type.String(),
  appLinks: Type.Union([
    Type.Object({ ios: Type.Optional(Type.String()), android: Type.Optional(Type.String()) }),
    Type.Null(),
  ]),
  interstitial: Type.Boolean(),
  sortWeight: Type.Integer(),
  popularity: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const PartnerListQuery = Type.Object({
  category: Type.Optional(Slug),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'name in any language or script; typos tolerated' }),
  ),
  sort: Type.Optional(Type.Union([Type.Literal('popular'), Type.Literal('rate'), Type.Literal('name')])),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export const StaffPartnerListQuery = Type.Object({
  ...PartnerListQuery.properties,
  status: Type.Optional(Status),
});
export const PublicPartnerPage = Type.Object({
  items: Type.Array(PublicPartnerSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const PartnerPage = Type.Object({
  items: Type.Array(PartnerSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const SlugParams = Type.Object({ slug: Slug });
export const PartnerParams = Type.Object({ partnerId: PartnerId });
export const CategoryParams = Type.Object({ categoryId: CategoryId });
export const FileParams = Type.Object({
  partnerId: Type.String({ maxLength: 64, pattern: '^ptn_[0-9a-z]+$' }),
  file: Type.String({ maxLength: 64, pattern: '^[0-9a-f]{32}\\.png$' }),
});

export const CategorySchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: LocalizedOut,
  icon: Type.String(),
  position: Type.Integer(),
});
export const CategoryList = Type.Object({ items: Type.Array(CategorySchema) });
const categoryFields = {
  slug: Slug,
  name: Localized(60, 1),
  icon: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9-]+$', examples: ['smartphone'] }),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
};
export const CategoryCreateBody = Type.Object(categoryFields, strict);
export const CategoryPatchBody = Type.Partial(Type.Object(categoryFields, strict), {
  ...strict,
  minProperties: 1,
});

export const RateHistory = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      changedAt: Type.String({ format: 'date-time' }),
      actor: Type.String(),
      oldTerms: Type.Union([Type.Unknown(), Type.Null()]),
      newTerms: Type.Unknown(),
    }),
  ),
});

export const SyncFeedSchema = Type.Object({
  version: Type.Integer(),
  partners: Type.Array(
    Type.Object({
      id: Type.String(),
      slug: Type.String(),
      status: Type.Union([Type.Literal('active'), Type.Literal('paused')]),
      domains: Type.Array(Type.Object({ domain: Type.String(), includeSubdomains: Type.Boolean() })),
      reward: Type.Object({ kind: Kind, userRate: Type.String(), currency: Type.String() }),
      goUrl: Type.String(),
    }),
  ),
});
