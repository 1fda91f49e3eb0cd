import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { AppError } from '@sauda/platform';
import { changePartnerStatus } from './change-partner-status.ts';
import type { Actor, CatalogContext } from './catalog.context.ts';
import {
  CategoryCreateBody,
  CategoryParams,
  CategoryPatchBody,
  CategorySchema,
  PartnerCreateBody,
  PartnerPage,
  PartnerParams,
  PartnerPatchBody,
  PartnerSchema,
  RateHistory,
  StaffPartnerListQuery,
  StatusBody,
} from './catalog.contracts.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { CatalogPermissions } from './catalog.permissions.ts';
import { categorySlugsOf, findPartner, listRateChanges } from './catalog.repository.ts';
import { listPartners } from './list-partners.ts';
import { createCategory, updateCategory } from './manage-categories.ts';
import { toPartner } from './partner-views.ts';
import { createPartner, updatePartner } from './save-partner.ts';
import { LOGO_CONTENT_TYPES, MAX_LOGO_BYTES, setPartnerLogo } from './set-partner-logo.ts';

const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
};

const actorOf = (request: FastifyRequest): Actor => ({
  id: currentUser(request).id,
  context: request.context(),
});

/** Staff endpoints: partner managers (and admins) maintain the catalog; every change is audited. */
export function adminRoutes(ctx: CatalogContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['admin: catalog'];
    const managePartners = guards.requirePermission(CatalogPermissions.partnersManage);
    const manageCategories = guards.requirePermission(CatalogPermissions.categoriesManage);

    // Logos arrive as the raw image; only these types are parsed, anything else is 415.
    app.addContentTypeParser(
      [...LOGO_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: MAX_LOGO_BYTES },
      (_request, body, done) => {
        done(null, body);
      },
    );

    app.get(
      '/v1/admin/catalog/partners',
      {
        preHandler: managePartners,
        schema: {
          tags,
          security,
          summary: 'Partners in any status, with tracking settings',
          querystring: StaffPartnerListQuery,
          response: { 200: PartnerPage, ...errors },
        },
      },
      async (request) => {
        const { status, ...query } = request.query;
        return listPartners(ctx, {
          ...query,
          locale: request.locale,
          statuses: status ? [status] : ['draft', 'active', 'paused', 'archived'],
        });
      },
    );

    app.post(
      '/v1/admin/catalog/partners',
      {
        preHandler: managePartners,
        schema: {
          tags,
          security,
          summary: 'Create a partner',
          body: PartnerCreateBody,
          response: { 201: PartnerSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPartner(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/v1/admin/catalog/partners/:partnerId',
      {
        preHandler: managePartners,
        schema: {
          tags,
          security,
          summary: 'One partner in any status',
          params: PartnerParams,
          response: { 200: PartnerSchema, ...errors },
        },
      },
      async (request) => {
        const row = await findPartner(ctx.db, request.params.partnerId);
        if (!row) throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
        return toPartner(row, (await categorySlugsOf(ctx.db, [row.id])).get(row.id) ?? [], ctx.publicUrl);
      },
    );

    app.patch(
      '/v1/admin/catalog/partners/:partnerId',
      {
        preHandler: managePartners,
        schema: {
          tags,
          security,
          summary: 'Change some fields of a partner (reward changes go to the rate history)',
          params: PartnerParams,
          body: PartnerPatchBody,
          response: { 200: PartnerSchema, ...errors },
        },
      },
      async (request) => updatePartner(ctx, actorOf(request), request.params.partnerId, request.body),
    );

    app.post(
      '/v1/admin/catalog/partners/:partnerId/status',
      {
        preHandler: managePartners,
        schema: {
          tags,
          security,
          summary: 'Activate, pause or archive a partner (archived is final)',
          params: PartnerParams,
          body: StatusBody,
          response: { 200: PartnerSchema, ...errors },
        },
      },
      async (request) =>
        changePartnerStatus(ctx, actorOf(request), request.params.partnerId, request.body.status),
    );

    app.put(
      '/v1/admin/catalog/partners/:partnerId/logo',
      {
        preHandler: managePartners,
        bodyLimit: MAX_LOGO_BYTES,
        schema: {
          tags,
          security,
          summary: 'Upload the logo: the raw PNG, JPEG or WebP as the body (at most 2 MiB); it is re-encoded',
          params: PartnerParams,
          response: { 200: PartnerSchema, ...errors, 413: { $ref: 'Problem#' }, 415: { $ref: 'Problem#' } },
        },
      },
      async (request) => {
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body))
          throw new AppError(CatalogErrors.CATALOG_INVALID_LOGO, { params: { maxPixels: 4096 } });
        return setPartnerLogo(ctx, actorOf(request), request.params.partnerId, body);
      },
    );

    app.get(
      '/v1/admin/catalog/partners/:partnerId/rate-history',
      {
        preHandler: managePartners,
        schema: {
          tags,
          security,
          summary: 'Every change of the reward terms, newest first',
          params: PartnerParams,
          response: { 200: RateHistory, ...errors },
        },
      },
      async (request) => {
        if (!(await findPartner(ctx.db, request.params.partnerId)))
          throw new AppError(CatalogErrors.CATALOG_PARTNER_NOT_FOUND);
        const rows = await listRateChanges(ctx.db, request.params.partnerId);
        return {
          items: rows.map((row) => ({
            id: row.id,
            changedAt: row.changedAt.toISOString(),
            actor: row.actor,
            oldTerms: row.oldTerms,
            newTerms: row.newTerms,
          })),
        };
      },
    );

    app.post(
      '/v1/admin/catalog/categories',
      {
        preHandler: manageCategories,
        schema: {
          tags,
          security,
          summary: 'Create a category',
          body: CategoryCreateBody,
          response: { 201: CategorySchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCategory(ctx, actorOf(request), request.body)),
    );

    app.patch(
      '/v1/admin/catalog/categories/:categoryId',
      {
        preHandler: manageCategories,
        schema: {
          tags,
          security,
          summary: 'Change a category',
          params: CategoryParams,
          body: CategoryPatchBody,
          response: { 200: CategorySchema, ...errors },
        },
      },
      async (request) => updateCategory(ctx, actorOf(request), request.params.categoryId, request.body),
    );
  };
}
