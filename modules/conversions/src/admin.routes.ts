import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { AppError, PlatformErrors } from '@sauda/platform';
import { toChangeView, toConversionView, toInboxView } from './conversion-views.ts';
import type { Actor, ConversionsContext } from './conversions.context.ts';
import {
  ApproveBody,
  AssignBody,
  ConversionDetail,
  ConversionListQuery,
  ConversionPage,
  ConversionParams,
  ConversionSchema,
  InboxPage,
  InboxQuery,
  NetworkCreateBody,
  NetworkList,
  NetworkParams,
  NetworkPatchBody,
  NetworkWithSecretSchema,
  PollBody,
  PollResultSchema,
  QueueQuery,
  RejectBody,
} from './conversions.contracts.ts';
import { ConversionsErrors } from './conversions.errors.ts';
import { ConversionsPermissions } from './conversions.permissions.ts';
import {
  findConversion,
  listChanges,
  listConversions,
  listInbox,
  type ConversionFilter,
} from './conversions.repository.ts';
import type { ConversionRow } from './conversions.tables.ts';
import { createNetwork, findNetwork, listNetworks, toNetworkView, updateNetwork } from './manage-networks.ts';
import { pollNetwork } from './poll-networks.ts';
import { approveProbableMatch, assignConversion, rejectConversion } from './resolve-unattributed.ts';

const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
  502: { $ref: 'Problem#' },
};

const actorOf = (request: FastifyRequest): Actor => ({
  id: currentUser(request).id,
  context: request.context(),
});

/** `<createdAt ISO>|<id>` in base64url: where the next page starts. */
export function encodeCursor(row: Pick<ConversionRow, 'createdAt' | 'id'>): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): ConversionFilter['before'] {
  if (cursor === undefined) return undefined;
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || !/^cnv_[0-9a-z]{26}$/.test(id))
    throw new AppError(ConversionsErrors.CONVERSIONS_INVALID_CURSOR);
  return { createdAt, id };
}

async function page(ctx: ConversionsContext, filter: ConversionFilter) {
  const rows = await listConversions(ctx.db, { ...filter, limit: filter.limit + 1 });
  const more = rows.length > filter.limit;
  const shown = rows.slice(0, filter.limit);
  const last = shown.at(-1);
  return {
    conversions: shown.map(toConversionView),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

/** Staff endpoints: networks, conversions, the unattributed queue and the inbox; every decision is audited. */
export function adminRoutes(ctx: ConversionsContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['admin: conversions'];
    const preHandler = guards.requirePermission(ConversionsPermissions.manage);
    const base = '/v1/admin/conversions';

    app.get(
      `${base}/networks`,
      {
        preHandler,
        schema: { tags, security, summary: 'Networks', response: { 200: NetworkList, ...errors } },
      },
      async () => ({ networks: await listNetworks(ctx) }),
    );

    app.post(
      `${base}/networks`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Add a network (or a retailer without one: kind `direct`); the secret is shown once',
          body: NetworkCreateBody,
          response: { 201: NetworkWithSecretSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createNetwork(ctx, actorOf(request), request.body)),
    );

    app.get(
      `${base}/networks/:networkId`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'One network',
          params: NetworkParams,
          response: { 200: NetworkWithSecretSchema, ...errors },
        },
      },
      async (request) => {
        const row = await findNetwork(ctx.db, request.params.networkId);
        if (!row) throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
        return { network: toNetworkView(row, ctx.publicUrl) };
      },
    );

    app.patch(
      `${base}/networks/:networkId`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Change a network; a new or rotated secret is shown once',
          params: NetworkParams,
          body: NetworkPatchBody,
          response: { 200: NetworkWithSecretSchema, ...errors },
        },
      },
      async (request) => updateNetwork(ctx, actorOf(request), request.params.networkId, request.body),
    );

    app.post(
      `${base}/networks/:networkId/poll`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Poll the network’s API now (default window: since the last poll, with overlap)',
          params: NetworkParams,
          body: PollBody,
          response: { 200: PollResultSchema, ...errors },
        },
      },
      async (request) => {
        const network = await ctx.networks.byId(request.params.networkId);
        if (!network) throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
        const { from, to } = request.body;
        if ((from === undefined) !== (to === undefined) || (from && to && new Date(from) >= new Date(to)))
          throw new AppError(PlatformErrors.PLATFORM_VALIDATION, {
            errors: [{ path: 'body', message: 'both `from` and `to`, `from` before `to`' }],
          });
        const result = await pollNetwork(
          ctx,
          network,
          from && to ? { from: new Date(from), to: new Date(to) } : undefined,
        );
        await ctx.audit.record(ctx.db, {
          actor: actorOf(request).id,
          action: 'conversions.network-polled',
          entityType: 'conversion-network',
          entityId: network.id,
          after: result,
          context: request.context(),
        });
        return result;
      },
    );

    app.get(
      base,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Conversions, newest first',
          querystring: ConversionListQuery,
          response: { 200: ConversionPage, ...errors },
        },
      },
      async (request) => {
        const { cursor, limit, ...filter } = request.query;
        return page(ctx, { ...filter, before: decodeCursor(cursor), limit });
      },
    );

    app.get(
      `${base}/unattributed`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'The queue: conversions without a user (or with a probable match), oldest first',
          querystring: QueueQuery,
          response: { 200: ConversionPage, ...errors },
        },
      },
      async (request) =>
        page(ctx, { queue: true, before: decodeCursor(request.query.cursor), limit: request.query.limit }),
    );

    app.get(
      `${base}/inbox`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Reports as received, newest first (e.g. `outcome=rejected`)',
          querystring: InboxQuery,
          response: { 200: InboxPage, ...errors },
        },
      },
      async (request) => ({
        entries: (
          await listInbox(ctx.db, {
            networkId: request.query.networkId,
            outcome: request.query.outcome,
            beforeSeq: request.query.before,
            limit: request.query.limit,
          })
        ).map(toInboxView),
      }),
    );

    app.get(
      `${base}/:conversionId`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'One conversion with its history',
          params: ConversionParams,
          response: { 200: ConversionDetail, ...errors },
        },
      },
      async (request) => {
        const row = await findConversion(ctx.db, request.params.conversionId);
        if (!row) throw new AppError(ConversionsErrors.CONVERSIONS_CONVERSION_NOT_FOUND);
        return {
          conversion: toConversionView(row),
          history: (await listChanges(ctx.db, row.id)).map(toChangeView),
        };
      },
    );

    app.post(
      `${base}/:conversionId/assign`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Name the user who earns an unattributed conversion (published at once)',
          params: ConversionParams,
          body: AssignBody,
          response: { 200: ConversionSchema, ...errors },
        },
      },
      async (request) => assignConversion(ctx, actorOf(request), request.params.conversionId, request.body),
    );

    app.post(
      `${base}/:conversionId/approve-match`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Approve the probable (fingerprint) match: its user earns the conversion',
          params: ConversionParams,
          body: ApproveBody,
          response: { 200: ConversionSchema, ...errors },
        },
      },
      async (request) =>
        approveProbableMatch(ctx, actorOf(request), request.params.conversionId, request.body.note),
    );

    app.post(
      `${base}/:conversionId/reject`,
      {
        preHandler,
        schema: {
          tags,
          security,
          summary: 'Decide that nobody earns the conversion',
          params: ConversionParams,
          body: RejectBody,
          response: { 200: ConversionSchema, ...errors },
        },
      },
      async (request) =>
        rejectConversion(ctx, actorOf(request), request.params.conversionId, request.body.note),
    );
  };
}
