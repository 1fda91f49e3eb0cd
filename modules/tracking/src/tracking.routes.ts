import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { findDailyClicks } from './click-reports.ts';
import { CONTEXT_COOKIE, CONTEXT_TTL_SECONDS, signClickContext } from './click-context.ts';
import { createLink, disableLink, getLink, listLinks } from './manage-links.ts';
import { listMyClicks } from './my-clicks.ts';
import {
  ClickContextResponse,
  CreateLinkBody,
  DailyClicksQuery,
  DailyClicksResponse,
  LinkListQuery,
  LinkPage,
  LinkParams,
  LinkSchema,
  MyClickPage,
  MyClicksQuery,
} from './tracking.contracts.ts';
import type { TrackingContext } from './tracking.context.ts';
import { TrackingPermissions } from './tracking.permissions.ts';
import { userRefOf } from './tracking.repository.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
};

/** Signed-in endpoints: the click context, my clicks, the link wrapper, and the staff click report. */
export function trackingRoutes(ctx: TrackingContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const secure = ctx.publicUrl.startsWith('https:');

    app.post(
      '/v1/tracking/context',
      {
        preHandler: guards.requireUser,
        schema: {
          tags: ['tracking'],
          security,
          summary: 'Get a click context, so /go attributes clicks to me without a sign-in lookup',
          description:
            'The web app calls it after sign-in (the answer also sets the httpOnly sauda_click cookie); the extension calls it with its device access token and adds ctx= to /go links.',
          response: { 200: ClickContextResponse, ...errors },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const now = ctx.clock.now();
        const expiresAt = new Date(now.getTime() + CONTEXT_TTL_SECONDS * 1000);
        const token = signClickContext(ctx.keys.context, {
          userId: user.id,
          userRef: await userRefOf(ctx.db, user.id, now),
          expiresAt,
        });
        if (user.authMethod === 'session') {
          void reply.setCookie(CONTEXT_COOKIE, token, {
            httpOnly: true,
            sameSite: 'lax',
            secure,
            path: '/',
            maxAge: CONTEXT_TTL_SECONDS,
          });
        }
        return { token, expiresAt: expiresAt.toISOString() };
      },
    );

    app.delete(
      '/v1/tracking/context',
      {
        schema: {
          tags: ['tracking'],
          summary: 'Forget the click context cookie (the web app calls it at sign-out)',
        },
      },
      async (_request, reply) =>
        reply
          .clearCookie(CONTEXT_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure })
          .status(204)
          .send(),
    );

    app.get(
      '/v1/me/clicks',
      {
        preHandler: guards.requireUser,
        schema: {
          tags: ['tracking'],
          security,
          summary:
            'My recent visits to partner shops through Sauda (web, extension, app, my links), newest first',
          description:
            'Lets a shopper check that a cashback activation registered. Clicks are buffered and written in batches (every 200 ms), so a click just made appears after the next write. Robot clicks are never listed.',
          querystring: MyClicksQuery,
          response: { 200: MyClickPage, ...errors },
        },
      },
      async (request) =>
        listMyClicks(ctx, currentUser(request).id, {
          cursor: request.query.cursor,
          limit: request.query.limit ?? 20,
          locale: request.locale,
        }),
    );

    const manageLinks = guards.requirePermission(TrackingPermissions.linksManage);
    const linkTags = ['tracking: links'];
    app.post(
      '/v1/links',
      {
        preHandler: manageLinks,
        schema: {
          tags: linkTags,
          security,
          summary:
            'Wrap a product URL of an active partner into my short link (the same URL returns the same link)',
          body: CreateLinkBody,
          response: { 200: LinkSchema, 201: LinkSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { link, created } = await createLink(ctx, currentUser(request).id, request.body.url);
        return reply.status(created ? 201 : 200).send(link);
      },
    );
    app.get(
      '/v1/links',
      {
        preHandler: manageLinks,
        schema: {
          tags: linkTags,
          security,
          summary: 'My links with clicks and unique clicks, newest first',
          querystring: LinkListQuery,
          response: { 200: LinkPage, ...errors },
        },
      },
      async (request) =>
        listLinks(ctx, currentUser(request).id, {
          cursor: request.query.cursor,
          limit: request.query.limit ?? 20,
        }),
    );
    app.get(
      '/v1/links/:linkId',
      {
        preHandler: manageLinks,
        schema: {
          tags: linkTags,
          security,
          summary: 'One of my links',
          params: LinkParams,
          response: { 200: LinkSchema, ...errors },
        },
      },
      async (request) => getLink(ctx, currentUser(request).id, request.params.linkId),
    );
    app.delete(
      '/v1/links/:linkId',
      {
        preHandler: manageLinks,
        schema: {
          tags: linkTags,
          security,
          summary: 'Disable one of my links (it stops redirecting)',
          params: LinkParams,
          response: { 200: LinkSchema, ...errors },
        },
      },
      async (request) => disableLink(ctx, currentUser(request).id, request.params.linkId),
    );

    app.get(
      '/v1/admin/tracking/daily-clicks',
      {
        preHandler: guards.requirePermission(TrackingPermissions.reportsRead),
        schema: {
          tags: ['admin: tracking'],
          security,
          summary: 'Clicks by Almaty day, partner, source, user and link',
          querystring: DailyClicksQuery,
          response: { 200: DailyClicksResponse, ...errors },
        },
      },
      async (request) => ({
        items: (await findDailyClicks(ctx.db, { ...request.query, limit: request.query.limit ?? 1000 })).map(
          (row) => ({
            ...row,
            userId: row.userId === '' ? null : row.userId,
            linkId: row.linkId === '' ? null : row.linkId,
          }),
        ),
      }),
    );
  };
}
