import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { AppError, PlatformErrors, type Config } from '@sauda/platform';
import { sendProblem } from './problem.ts';

/** The window of RATE_LIMIT_PER_MINUTE, shared with the redirect fast path's own limiter. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Security headers, CORS from config, cookies, and per-IP rate limits (shared through Redis when configured). */
export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    // The API serves JSON; pages that need scripts (the docs UI, the web app) set their own policy.
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
    // Not helmet's no-referrer: with it browsers send `Origin: null` on the site's own form posts,
    // which the web app's CSRF check must refuse. Same-origin still tells other sites nothing.
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cors, {
    origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false,
    credentials: true,
  });
  await app.register(cookie);

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        connectTimeout: 2_000,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
      })
    : undefined;
  redis?.on('error', (error) => {
    app.log.warn({ err: error }, 'redis unavailable; rate limits fall back to skipping');
  });
  await app.register(rateLimit, {
    global: true,
    max: config.http.rateLimitPerMinute,
    timeWindow: RATE_LIMIT_WINDOW_MS,
    ...(redis ? { redis, nameSpace: `${config.redisKeyPrefix}rate:`, skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError(PlatformErrors.PLATFORM_RATE_LIMITED, {
        params: { retryAfter: Math.ceil(context.ttl / 1000) },
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
  // Unknown URLs are rate limited too, or scanners could probe without limit.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) =>
    sendProblem(request, reply, new AppError(PlatformErrors.PLATFORM_NOT_FOUND)),
  );
  app.addHook('onClose', async () => {
    await redis?.quit().catch(() => undefined);
  });
}
