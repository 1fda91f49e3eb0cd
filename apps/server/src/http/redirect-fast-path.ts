import { createServer } from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import type { Config } from '@sauda/platform';
import type { TrackingModule } from '@sauda/tracking';
import type { HttpMetrics } from './metrics.ts';
import { sendRawProblem } from './problem.ts';
import { requestIdFrom } from './request-context.ts';
import { RATE_LIMIT_WINDOW_MS } from './security.ts';

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

/**
 * Fastify's `serverFactory`: the node:http server Fastify would create itself, except that each
 * request is first offered to the tracking module's redirect fast path (ADR 0006), which answers
 * plain `/go` and `/l` redirects without Fastify's per-request machinery and global hooks. What it
 * does not answer goes to Fastify untouched. `inject` bypasses the server, so tests that inject
 * still exercise the Fastify routes.
 */
export function redirectFastPathServer(
  config: Config,
  tracking: Pick<TrackingModule, 'redirectFastPath'>,
  metrics: HttpMetrics,
): FastifyServerFactory {
  const fastPath = tracking.redirectFastPath({
    trustProxy: config.trustProxy,
    defaultLocale: config.defaultLocale,
    rateLimit: { max: config.http.rateLimitPerMinute, windowMs: RATE_LIMIT_WINDOW_MS },
    requestId: requestIdFrom,
    sendProblem: sendRawProblem,
    observe: metrics.observe,
  });
  return (handler, options) => {
    const server = createServer((request, response) => {
      if (!fastPath(request, response)) handler(request, response);
    });
    // The timeouts Fastify sets on a server it creates (fastify/lib/server.js), from its options.
    server.keepAliveTimeout = numberOr(options.keepAliveTimeout, server.keepAliveTimeout);
    server.requestTimeout = numberOr(options.requestTimeout, server.requestTimeout);
    server.setTimeout(numberOr(options.connectionTimeout, 0));
    const maxRequestsPerSocket = numberOr(options.maxRequestsPerSocket, 0);
    if (maxRequestsPerSocket > 0) server.maxRequestsPerSocket = maxRequestsPerSocket;
    return server;
  };
}
