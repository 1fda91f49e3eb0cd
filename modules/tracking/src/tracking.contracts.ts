import { Type } from '@sauda/platform';

/** Request and response schemas of the tracking API; they are the OpenAPI document. */
const strict = { additionalProperties: false } as const;

export const GoParams = Type.Object({
  partnerSlug: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }),
});
export const GoQuery = Type.Object({
  to: Type.Optional(
    Type.String({
      maxLength: 8192,
      description: 'deep target: an http(s) URL on one of the partner’s own domains',
    }),
  ),
  src: Type.Optional(
    Type.Union([Type.Literal('web'), Type.Literal('ext'), Type.Literal('app'), Type.Literal('link')], {
      default: 'web',
    }),
  ),
  ctx: Type.Optional(
    Type.String({ maxLength: 300, description: 'click context token (else the sauda_click cookie)' }),
  ),
});
export const LinkCodeParams = Type.Object({
  code: Type.String({ minLength: 4, maxLength: 16, pattern: '^[A-Za-z0-9]+$' }),
});

export const ClickContextResponse = Type.Object({
  token: Type.String({
    description: 'pass as ctx= on /go links, or rely on the sauda_click cookie in browsers',
  }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const CreateLinkBody = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: 2048,
      examples: ['https://tehnograd.kz/catalog/smartfony/iphone-16'],
    }),
  },
  strict,
);
export const LinkSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  shortUrl: Type.String(),
  partnerId: Type.String(),
  partnerSlug: Type.Union([Type.String(), Type.Null()]),
  targetUrl: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  clicks: Type.Integer(),
  uniqueClicks: Type.Integer(),
});
export const LinkPage = Type.Object({
  items: Type.Array(LinkSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const LinkListQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export const LinkParams = Type.Object({
  linkId: Type.String({ minLength: 3, maxLength: 64, pattern: '^lnk_[0-9a-z]+$' }),
});

export const MyClicksQuery = Type.Object({
  cursor: Type.Optional(
    Type.String({ maxLength: 200, description: 'nextCursor of the previous page; omit for the newest' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'page size' })),
});
const ClickSource = Type.Union(
  [Type.Literal('web'), Type.Literal('ext'), Type.Literal('app'), Type.Literal('link')],
  {
    description:
      'where the click came from: web (the site), ext (the browser extension), app (the mobile app), link (one of my short links)',
  },
);
export const MyClick = Type.Object(
  {
    clickId: Type.String({ description: 'the click id the shop received as the network sub-id' }),
    clickedAt: Type.String({ format: 'date-time', description: 'when the click went through Sauda' }),
    partner: Type.Object(
      {
        id: Type.String(),
        slug: Type.String({ description: 'for the catalog page /partners/{slug}' }),
        name: Type.String({ description: 'in the language of the request (Accept-Language)' }),
      },
      { description: 'the shop visited' },
    ),
    source: ClickSource,
    duplicate: Type.Boolean({
      description: 'a repeat of the same visitor on the same shop within 60 s (counted, but not as unique)',
    }),
  },
  { description: 'one visit to a partner shop through Sauda (bots are never listed)' },
);
export const MyClickPage = Type.Object({
  items: Type.Array(MyClick, { description: 'newest first' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'pass as cursor for the next (older) page; null on the last page',
  }),
});

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-03-01'] });
export const DailyClicksQuery = Type.Object({
  from: Day,
  to: Day,
  partnerId: Type.Optional(Type.String({ maxLength: 64 })),
  userId: Type.Optional(Type.String({ maxLength: 64 })),
  source: Type.Optional(
    Type.Union([Type.Literal('web'), Type.Literal('ext'), Type.Literal('app'), Type.Literal('link')]),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
});
export const DailyClicksResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      day: Type.String(),
      partnerId: Type.String(),
      source: Type.String(),
      userId: Type.Union([Type.String(), Type.Null()]),
      linkId: Type.Union([Type.String(), Type.Null()]),
      clicks: Type.Integer(),
      uniqueClicks: Type.Integer(),
      botClicks: Type.Integer(),
    }),
  ),
});
