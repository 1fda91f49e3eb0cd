import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '@sauda/platform';
import { CONTEXT_COOKIE, readClickContext } from './click-context.ts';
import { GoParams, GoQuery, LinkCodeParams } from './tracking.contracts.ts';
import { interstitialPage, targetRejectedPage, unavailablePage, type Page } from './pages.ts';
import { redirectClick, type ClickOutcome, type ClickRequest } from './redirect-click.ts';
import { NOT_ON_A_PLAIN_REDIRECT, PLAIN_REDIRECT_HEADERS, REDIRECT_HEADERS } from './redirect-headers.ts';
import type { TrackingContext } from './tracking.context.ts';
import { TrackingErrors } from './tracking.errors.ts';

const wantsHtml = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('text/html');
const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

function sendPage(reply: FastifyReply, status: number, page: Page): FastifyReply {
  return reply
    .status(status)
    .header('content-security-policy', page.csp)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page.html);
}

/** Turns the redirect decision into a response: 302, the interstitial, or a localized error. */
function respond(
  ctx: TrackingContext,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: ClickOutcome,
): FastifyReply {
  const locale = request.locale;
  const catalogUrl = `${ctx.publicUrl}/catalog`;
  switch (outcome.kind) {
    case 'redirect':
      for (const name of NOT_ON_A_PLAIN_REDIRECT) reply.removeHeader(name);
      return reply.headers(PLAIN_REDIRECT_HEADERS).redirect(outcome.location, 302);
    case 'interstitial':
      return sendPage(
        reply,
        200,
        interstitialPage(locale, {
          partnerName: outcome.partner.name[locale],
          appUrl: outcome.appUrl,
          webUrl: outcome.webUrl,
        }),
      );
    case 'not-found':
      if (wantsHtml(request)) return sendPage(reply, 404, unavailablePage(locale, { catalogUrl }));
      throw new AppError(TrackingErrors.TRACKING_PARTNER_NOT_FOUND);
    case 'unavailable': {
      const partnerName = outcome.partner.name[locale];
      if (wantsHtml(request))
        return sendPage(reply, 404, unavailablePage(locale, { partnerName, catalogUrl }));
      throw new AppError(TrackingErrors.TRACKING_PARTNER_UNAVAILABLE, { params: { partner: partnerName } });
    }
    case 'target-rejected': {
      const partnerName = outcome.partner.name[locale];
      if (wantsHtml(request))
        return sendPage(
          reply,
          400,
          targetRejectedPage(locale, {
            partnerName,
            partnerGoUrl: `${ctx.publicUrl}/go/${outcome.partner.slug}`,
            catalogUrl,
          }),
        );
      throw new AppError(TrackingErrors.TRACKING_TARGET_NOT_ALLOWED, { params: { partner: partnerName } });
    }
  }
}

function visitor(
  request: FastifyRequest,
): Pick<ClickRequest, 'method' | 'ip' | 'userAgent' | 'referrer' | 'language'> {
  return {
    method: request.method,
    ip: request.ip,
    userAgent: header(request, 'user-agent'),
    referrer: header(request, 'referer'),
    language: header(request, 'accept-language'),
  };
}

/**
 * `/go/:partnerSlug` and `/l/:code`. Served by a listening server, plain redirects are answered by
 * the fast path in front of Fastify (fast-redirect.ts); these routes give every other answer, and
 * all answers to `inject`. Helmet's per-request header set is skipped here (redirect-headers.ts).
 * No database access for `/go` (rules in memory, clicks buffered); `/l` reads a cold link code
 * once. Access logs are off for these routes at info level: the click rows are the record, and
 * logging every redirect would cost more than serving it.
 */
export function redirectRoutes(ctx: TrackingContext) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['tracking'];
    const errors = { 400: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' } };

    app.get(
      '/go/:partnerSlug',
      {
        logLevel: 'warn',
        helmet: false,
        schema: {
          tags,
          summary: 'Go to a partner: records the click and answers 302 to the partner’s tracking URL',
          description:
            'Browsers get a localized HTML page instead of problem+json when the partner is unknown or unavailable, or the target is not on the partner’s domains.',
          params: GoParams,
          querystring: GoQuery,
          response: { ...errors },
        },
      },
      async (request, reply) => {
        // The security headers that mean something on a redirect, an error or these small pages;
        // helmet's full set is skipped for these routes, and each page sets its own strict CSP.
        void reply.headers(REDIRECT_HEADERS);
        const now = ctx.clock.now();
        const context = readClickContext(
          ctx.keys.context,
          request.query.ctx ?? request.cookies[CONTEXT_COOKIE],
          now,
        );
        const outcome = redirectClick(ctx, {
          ...visitor(request),
          partner: ctx.rules.table.bySlug(request.params.partnerSlug),
          target: request.query.to,
          source: request.query.src ?? 'web',
          user: context ? { id: context.userId, ref: context.userRef } : undefined,
          now,
        });
        return respond(ctx, request, reply, outcome);
      },
    );

    app.get(
      '/l/:code',
      {
        logLevel: 'warn',
        helmet: false,
        schema: {
          tags,
          summary: 'Follow a wrapped link: records the click for the link’s owner and redirects like /go',
          params: LinkCodeParams,
          response: { ...errors },
        },
      },
      async (request, reply) => {
        // The security headers that mean something on a redirect, an error or these small pages;
        // helmet's full set is skipped for these routes, and each page sets its own strict CSP.
        void reply.headers(REDIRECT_HEADERS);
        const now = ctx.clock.now();
        const link = await ctx.links.get(request.params.code, now.getTime());
        if (!link || link.disabledAt) {
          if (wantsHtml(request))
            return sendPage(
              reply,
              404,
              unavailablePage(request.locale, { catalogUrl: `${ctx.publicUrl}/catalog` }),
            );
          throw new AppError(TrackingErrors.TRACKING_LINK_NOT_FOUND);
        }
        const outcome = redirectClick(ctx, {
          ...visitor(request),
          partner: ctx.rules.table.byId(link.partnerId),
          target: link.targetUrl,
          source: 'link',
          user: { id: link.ownerId, ref: link.ownerRef },
          linkId: link.id,
          now,
        });
        return respond(ctx, request, reply, outcome);
      },
    );
  };
}
