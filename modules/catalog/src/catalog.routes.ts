import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '@sauda/platform';
import type { CatalogContext } from './catalog.context.ts';
import {
  CategoryList,
  FileParams,
  PartnerListQuery,
  PublicPartnerPage,
  PublicPartnerSchema,
  SlugParams,
  SyncFeedSchema,
} from './catalog.contracts.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { categorySlugsOf, findPartnerBySlug, listCategoryRows } from './catalog.repository.ts';
import { matchesEtag, sendCacheable, sendNotModified } from './http-caching.ts';
import { listPublicPartners } from './list-partners.ts';
import { toCategory, toPublicPartner } from './partner-views.ts';
import type { SyncFeedCache } from './sync-feed.ts';

const errors = { 400: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' } };
const LIST_MAX_AGE_SECONDS = 60;

/** The public catalog: no sign-in, the same answer for everyone, cacheable. */
export function catalogRoutes(ctx: CatalogContext, feed: SyncFeedCache) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['catalog'];

    app.get(
      '/v1/catalog/categories',
      { schema: { tags, summary: 'Categories, in display order', response: { 200: CategoryList } } },
      async (request, reply) =>
        sendCacheable(
          request,
          reply,
          { items: (await listCategoryRows(ctx.db)).map(toCategory) },
          LIST_MAX_AGE_SECONDS,
        ),
    );

    app.get(
      '/v1/catalog/partners',
      {
        schema: {
          tags,
          summary:
            'Active partners: filter by category, search by name in any language, sort, page with a cursor',
          querystring: PartnerListQuery,
          response: { 200: PublicPartnerPage, ...errors },
        },
      },
      async (request, reply) =>
        sendCacheable(
          request,
          reply,
          await listPublicPartners(ctx, { ...request.query, locale: request.locale }),
          LIST_MAX_AGE_SECONDS,
        ),
    );

    app.get(
      '/v1/catalog/partners/:slug',
      {
        schema: {
          tags,
          summary: 'One partner (active or paused)',
          params: SlugParams,
          response: { 200: PublicPartnerSchema, ...errors },
        },
      },
      async (request, reply) => {
        const row = await findPartnerBySlug(ctx.db, request.params.slug);
        if (!row || (row.status !== 'active' && row.status !== 'paused'))
          throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
        const slugs = (await categorySlugsOf(ctx.db, [row.id])).get(row.id) ?? [];
        return sendCacheable(
          request,
          reply,
          toPublicPartner(row, slugs, ctx.publicUrl),
          LIST_MAX_AGE_SECONDS,
        );
      },
    );

    app.get(
      '/v1/catalog/sync',
      {
        schema: {
          tags,
          summary: 'The extension sync feed: domains, rates and status of every reachable partner',
          description:
            'Send the last ETag in If-None-Match: the answer is 304 until the catalog changes. The ETag is the feed version.',
          response: { 200: SyncFeedSchema },
        },
      },
      async (request, reply) => {
        const version = await feed.version();
        const etag = `"v${version}"`;
        void reply.header('etag', etag);
        void reply.header('cache-control', 'public, max-age=0, must-revalidate');
        if (matchesEtag(request, etag)) return sendNotModified(reply);
        return feed.feed(version);
      },
    );

    app.get(
      '/v1/catalog/files/logos/:partnerId/:file',
      {
        schema: {
          tags,
          summary: 'A partner logo (PNG); the URL changes when the logo does',
          params: FileParams,
        },
      },
      async (request, reply) => {
        const stored = await ctx.storage.get(`logos/${request.params.partnerId}/${request.params.file}`);
        if (!stored) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
        return reply
          .type(stored.contentType)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(stored.data);
      },
    );
  };
}
