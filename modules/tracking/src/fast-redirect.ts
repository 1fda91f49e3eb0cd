import { validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http';
import { AppError, boundedMemo, PlatformErrors, resolveLocale, type Locale } from '@sauda/platform';
import { CONTEXT_COOKIE, readClickContext } from './click-context.ts';
import { clientIp, cookieValue, readGoUrl, readLinkUrl } from './fast-request.ts';
import { RateWindow, rateKey, type RateLimit } from './rate-window.ts';
import { decideClick, recordClick, type ClickDecision, type ClickRequest } from './redirect-click.ts';
import { PLAIN_REDIRECT_HEADERS } from './redirect-headers.ts';
import type { TrackingContext } from './tracking.context.ts';

/** One request the fast path answered, for the server's latency histogram. */
export interface RedirectSample {
  readonly method: string;
  /** The Fastify route it stands for, so dashboards see one series per route either way. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

/** What the server's problem+json writer needs to know of the request. */
export interface ProblemRequest {
  readonly locale: Locale;
  readonly requestId: string;
  /** The path without the query string. */
  readonly instance: string;
}

/** What the fast path takes from the server, so its answers match the server's. */
export interface RedirectFastPathOptions {
  readonly trustProxy: boolean;
  readonly defaultLocale: Locale;
  readonly rateLimit: RateLimit;
  /** The server's request id (an incoming X-Request-Id is honoured). */
  readonly requestId: (request: IncomingMessage) => string;
  /** Writes an error exactly as the server's error handler would (used for 429). */
  readonly sendProblem: (response: ServerResponse, error: AppError, request: ProblemRequest) => void;
  readonly observe?: (sample: RedirectSample) => void;
}

/**
 * Answers a plain redirect on `/go` or `/l` and returns true, or returns false having written
 * nothing and recorded nothing, and the caller hands the request to Fastify.
 */
export type RedirectFastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

const GO_ROUTE = '/go/:partnerSlug';
const LINK_ROUTE = '/l/:code';
const LOCALE_MEMO_SIZE = 1000;

interface Plan {
  readonly route: string;
  readonly decision: ClickDecision;
  readonly location: string;
  readonly ip: string | undefined;
  readonly nowMs: number;
}

const header = (request: IncomingMessage, name: 'user-agent' | 'referer' | 'accept-language') =>
  request.headers[name];

/** Locales by Accept-Language value: browsers send few distinct ones, and negotiating costs more. */
function localeMemo(fallback: Locale): (acceptLanguage: string | undefined) => Locale {
  const negotiate = boundedMemo(
    (acceptLanguage) => resolveLocale({ acceptLanguage, fallback }),
    LOCALE_MEMO_SIZE,
  );
  return (acceptLanguage) => (acceptLanguage ? negotiate(acceptLanguage) : fallback);
}

/**
 * The redirect fast path: `GET`/`HEAD` on `/go/{slug}` and `/l/{code}` answered straight on
 * node:http, before Fastify's per-request machinery and global hooks, with the routes' own
 * decision (`decideClick`), recording (`recordClick`) and redirect headers. It serves only plain
 * 302s; every other answer (unknown or unavailable partner, rejected target, interstitial, cold or
 * unknown link, invalid input, CORS, errors) is left to the Fastify routes, which decide again
 * and record then, so no click is counted twice. Active only while the module's routes are ready.
 */
export function createRedirectFastPath(
  ctx: TrackingContext,
  serving: { readonly active: boolean },
  options: RedirectFastPathOptions,
): RedirectFastPath {
  const limiter = new RateWindow(options.rateLimit);
  const localeOf = localeMemo(options.defaultLocale);
  const rateLimitHeader = String(options.rateLimit.max);

  function plan(request: IncomingMessage, url: string, method: string): Plan | undefined {
    const now = ctx.clock.now();
    const ip = clientIp(request, options.trustProxy);
    const visitor = {
      method,
      ip,
      userAgent: header(request, 'user-agent'),
      referrer: header(request, 'referer'),
      language: header(request, 'accept-language'),
      now,
    };
    let route: string;
    let click: ClickRequest;
    if (url.startsWith('/go/')) {
      const go = readGoUrl(url);
      if (!go) return undefined;
      const token = go.ctx ?? cookieValue(request.headers.cookie, CONTEXT_COOKIE);
      const context = readClickContext(ctx.keys.context, token, now);
      route = GO_ROUTE;
      click = {
        ...visitor,
        partner: ctx.rules.table.bySlug(go.slug),
        target: go.to,
        source: go.source,
        user: context ? { id: context.userId, ref: context.userRef } : undefined,
      };
    } else {
      const code = readLinkUrl(url);
      // A cold code needs a database read: the route does it once and caches it for next time.
      const link = code === undefined ? undefined : ctx.links.peek(code, now.getTime())?.link;
      if (!link || link.disabledAt) return undefined;
      route = LINK_ROUTE;
      click = {
        ...visitor,
        partner: ctx.rules.table.byId(link.partnerId),
        target: link.targetUrl,
        source: 'link',
        user: { id: link.ownerId, ref: link.ownerRef },
        linkId: link.id,
      };
    }
    const decision = decideClick(ctx, click);
    if (decision.outcome.kind !== 'redirect') return undefined;
    // Checked before anything is recorded or written, so a bad template still reaches the route.
    validateHeaderValue('location', decision.outcome.location);
    return { route, decision, location: decision.outcome.location, ip, nowMs: now.getTime() };
  }

  function serve(request: IncomingMessage, response: ServerResponse, url: string, planned: Plan): number {
    const count = limiter.hit(rateKey(planned.ip), planned.nowMs);
    const requestId = options.requestId(request);
    if (count.exceeded) {
      const locale = localeOf(header(request, 'accept-language'));
      response.setHeader('x-request-id', requestId);
      response.setHeader('content-language', locale);
      response.setHeader('x-ratelimit-limit', rateLimitHeader);
      response.setHeader('x-ratelimit-remaining', 0);
      response.setHeader('x-ratelimit-reset', count.resetSeconds);
      const error = new AppError(PlatformErrors.PLATFORM_RATE_LIMITED, {
        params: { retryAfter: count.resetSeconds },
        headers: { 'retry-after': String(count.resetSeconds) },
      });
      options.sendProblem(response, error, { locale, requestId, instance: url.split('?')[0] ?? url });
      return 429;
    }
    // The headers of the route's 302, in its order.
    response.writeHead(302, {
      'x-request-id': requestId,
      ...PLAIN_REDIRECT_HEADERS,
      location: planned.location,
      'content-length': 0,
    });
    if (planned.decision.click) recordClick(ctx, planned.decision.click);
    response.end();
    return 302;
  }

  return (request, response) => {
    const { method } = request;
    if (!serving.active || (method !== 'GET' && method !== 'HEAD')) return false;
    const url = request.url ?? '';
    if (!url.startsWith('/go/') && !url.startsWith('/l/')) return false;
    // CORS answers (an Origin header: a script, not a navigation) are @fastify/cors's business.
    if (request.headers.origin !== undefined) return false;
    const started = performance.now();
    let planned: Plan | undefined;
    try {
      planned = plan(request, url, method);
    } catch {
      // Nothing was written or recorded: the route meets the same error and answers it as ever.
      return false;
    }
    if (!planned) return false;
    const status = serve(request, response, url, planned);
    options.observe?.({
      method,
      route: planned.route,
      status,
      seconds: (performance.now() - started) / 1000,
    });
    return true;
  };
}
