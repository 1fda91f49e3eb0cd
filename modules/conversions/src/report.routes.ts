import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  acceptPixelReport,
  acceptPostback,
  acceptRetailerReport,
  type IncomingReport,
} from './accept-report.ts';
import type { ConversionsContext } from './conversions.context.ts';
import { Accepted, PostbackParams, PostbackSecretParams } from './conversions.contracts.ts';
import { PIXEL_SCRIPT } from './pixel-script.ts';

/** A report is a few hundred bytes; anything near this is not one. */
export const REPORT_BODY_LIMIT = 64 * 1024;

const problems = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  413: { $ref: 'Problem#' },
  415: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
};

const PIXEL_ETAG = `"${createHash('sha256').update(PIXEL_SCRIPT).digest('base64url').slice(0, 22)}"`;

function incomingOf(request: FastifyRequest): IncomingReport {
  const queryStart = request.raw.url?.indexOf('?') ?? -1;
  return {
    method: request.method,
    query: queryStart >= 0 ? (request.raw.url ?? '').slice(queryStart + 1) : '',
    body: typeof request.body === 'string' ? request.body : '',
    contentType: request.headers['content-type'] ?? null,
    headers: request.headers,
    ip: request.ip,
    requestId: request.id,
  };
}

/**
 * Where reports come in: network postbacks, retailers' servers and the retailer pixel. Bodies are
 * kept as text (signatures cover the raw bytes; the inbox stores them as sent), JSON, forms and
 * plain text alike, at most REPORT_BODY_LIMIT bytes. Access logs are off below `warn` here: the URL
 * may carry a network's secret and the inbox is the record; every refusal is logged at `warn`
 * without the URL.
 */
export function reportRoutes(
  ctx: ConversionsContext,
  options: { readonly rateLimitPerMinute: number; readonly logLevel: 'warn' | 'error' | 'fatal' | 'silent' },
) {
  return async (plugin: FastifyInstance): Promise<void> => {
    plugin.removeContentTypeParser(['application/json', 'text/plain']);
    plugin.addContentTypeParser(
      ['application/json', 'application/x-www-form-urlencoded', 'text/plain'],
      { parseAs: 'string', bodyLimit: REPORT_BODY_LIMIT },
      (_request, body, done) => {
        done(null, body);
      },
    );
    plugin.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode < 400) return;
      const params = request.params as { networkKey?: unknown } | undefined;
      request.log.warn(
        {
          statusCode: reply.statusCode,
          route: request.routeOptions.url,
          networkKey: typeof params?.networkKey === 'string' ? params.networkKey.slice(0, 64) : undefined,
        },
        'conversion report refused',
      );
    });
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const common = {
      logLevel: options.logLevel,
      bodyLimit: REPORT_BODY_LIMIT,
      // Networks send many reports from few addresses; the secret or signature is the real gate.
      config: { rateLimit: { max: options.rateLimitPerMinute, timeWindow: 60_000 } },
    };
    const tags = ['conversions: reports'];

    app.route({
      method: ['GET', 'POST'],
      url: '/postbacks/:networkKey',
      ...common,
      schema: {
        tags,
        summary: 'A network’s postback (signed with X-Sauda-Signature, or with the secret as a parameter)',
        params: PostbackParams,
        response: { 202: Accepted, ...problems },
      },
      handler: async (request, reply) => {
        const { id } = await acceptPostback(ctx, request.params.networkKey, undefined, incomingOf(request));
        return reply.status(202).send({ status: 'accepted' as const, id });
      },
    });

    app.route({
      method: ['GET', 'POST'],
      url: '/postbacks/:networkKey/:secret',
      ...common,
      schema: {
        tags,
        summary: 'A network’s postback with the secret in the path (for networks that cannot sign)',
        params: PostbackSecretParams,
        response: { 202: Accepted, ...problems },
      },
      handler: async (request, reply) => {
        const { id } = await acceptPostback(
          ctx,
          request.params.networkKey,
          request.params.secret,
          incomingOf(request),
        );
        return reply.status(202).send({ status: 'accepted' as const, id });
      },
    });

    app.post(
      '/v1/conversions',
      {
        ...common,
        schema: {
          tags,
          summary:
            'An order reported by a retailer’s server (X-Sauda-Key + X-Sauda-Signature), idempotent by order id',
          response: { 202: Accepted, ...problems },
        },
      },
      async (request, reply) => {
        const { id } = await acceptRetailerReport(ctx, incomingOf(request));
        return reply.status(202).send({ status: 'accepted' as const, id });
      },
    );

    app.post(
      '/v1/pixel/conversions',
      {
        logLevel: options.logLevel,
        bodyLimit: 8 * 1024,
        schema: {
          tags,
          summary:
            'An order reported by the retailer pixel from a shopper’s browser (publishable key + Origin)',
          response: { 202: Accepted, ...problems },
        },
      },
      async (request, reply) => {
        const { id, origin } = await acceptPixelReport(ctx, incomingOf(request));
        return reply
          .status(202)
          .header('access-control-allow-origin', origin)
          .header('vary', 'Origin')
          .send({ status: 'accepted' as const, id });
      },
    );

    app.get(
      '/sdk/pixel.js',
      { schema: { tags, summary: 'The retailer pixel script (no dependencies)' } },
      async (request, reply) => {
        void reply
          .header('content-type', 'application/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .header('etag', PIXEL_ETAG)
          // Loaded by retailers' pages on other sites; helmet's same-site default would block it.
          .header('cross-origin-resource-policy', 'cross-origin');
        if (request.headers['if-none-match'] === PIXEL_ETAG) return reply.status(304).send();
        return reply.send(PIXEL_SCRIPT);
      },
    );
  };
}
