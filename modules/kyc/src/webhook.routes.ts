import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { KycContext } from './kyc.context.ts';
import { WebhookResponse } from './kyc.contracts.ts';
import { receiveWebhook } from './receive-webhook.ts';

/**
 * `POST /v1/kyc/provider/webhook`: decisions pushed by the provider. The signature covers the raw
 * body, so this plugin keeps JSON bodies as text (only inside this plugin's scope).
 */
export function webhookRoutes(ctx: KycContext) {
  return async (plugin: FastifyInstance): Promise<void> => {
    plugin.removeContentTypeParser('application/json');
    plugin.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/v1/kyc/provider/webhook',
      {
        schema: {
          tags: ['kyc: provider'],
          summary: 'Decision callback of the KYC aggregator (HMAC-signed; not for clients)',
          response: { 200: WebhookResponse, 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' } },
        },
      },
      async (request) => ({
        status: await receiveWebhook(ctx, {
          headers: request.headers,
          rawBody: typeof request.body === 'string' ? request.body : '',
          // The replay window is wire-protocol time, compared with the sender's wall clock.
          now: new Date(),
        }),
      }),
    );
  };
}
