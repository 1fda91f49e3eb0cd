import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveLocale, type Config, type Locale, type RequestContext } from '@sauda/platform';
import { newRequestId } from './request-id.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    /** Request id, ip and user agent, for audit records written on behalf of this request. */
    context(): RequestContext;
  }
}

const INCOMING_REQUEST_ID = /^[\w.-]{1,64}$/;

/** Honours a sane incoming X-Request-Id (from a proxy) so one id follows the request everywhere. */
export function requestIdFrom(request: { headers: Record<string, unknown> }): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : newRequestId();
}

export function registerRequestContext(app: FastifyInstance, config: Config): void {
  app.decorateRequest('locale', config.defaultLocale);
  app.decorateRequest('context', function (this: FastifyRequest): RequestContext {
    return { requestId: this.id, ip: this.ip, userAgent: this.headers['user-agent'] };
  });
  app.addHook('onRequest', async (request, reply) => {
    request.locale = resolveLocale({
      acceptLanguage: request.headers['accept-language'],
      fallback: config.defaultLocale,
    });
    void reply.header('x-request-id', request.id);
    void reply.header('content-language', request.locale);
  });
}
