import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { translate } from '@sauda/platform';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { KYC_CONSENT } from './consent.ts';
import { getStatus } from './get-status.ts';
import type { KycActor, KycContext } from './kyc.context.ts';
import { ConsentResponse, DocumentBody, LivenessBody, StartBody, StatusResponse } from './kyc.contracts.ts';
import type { KycStatusView } from './status-view.ts';
import { MAX_IMAGE_BASE64_LENGTH } from './documents/document-vault.ts';
import { submitIin } from './submit-iin.ts';
import { submitLiveness } from './submit-liveness.ts';
import { uploadDocument } from './upload-document.ts';

const tags = ['kyc'];
const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  413: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
  429: { $ref: 'Problem#' },
};
/** Starting attempts and uploading images are expensive at the provider: a tight per-IP budget. */
const stepLimit = { rateLimit: { max: 10, timeWindow: 60_000 } };
/** Two base64 images plus JSON; the global body limit is far smaller. */
const DOCUMENT_BODY_LIMIT = 2 * MAX_IMAGE_BASE64_LENGTH + 64 * 1024;
const SELFIE_BODY_LIMIT = MAX_IMAGE_BASE64_LENGTH + 64 * 1024;

const actorOf = (request: FastifyRequest): KycActor => ({
  userId: currentUser(request).id,
  context: request.context(),
});

/** The signed-in user's own verification: consent text, start, document, selfie, status. */
export function kycRoutes(ctx: KycContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const status = (request: FastifyRequest): Promise<KycStatusView> =>
      getStatus(ctx, currentUser(request).id, request.locale);

    app.get(
      '/v1/kyc/consent',
      {
        schema: {
          tags,
          summary: 'The current consent text to personal-data processing, in the request language',
          response: { 200: ConsentResponse },
        },
      },
      async (request) => ({
        version: KYC_CONSENT.version,
        locale: request.locale,
        text: translate(KYC_CONSENT.text, request.locale),
      }),
    );

    app.get(
      '/v1/kyc/status',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          summary: 'My verification: status, reason and next step in my language',
          security,
          response: { 200: StatusResponse, ...errors },
        },
      },
      status,
    );

    app.post(
      '/v1/kyc/start',
      {
        preHandler: guards.requireUser,
        config: stepLimit,
        schema: {
          tags,
          summary: 'Start an attempt: IIN, consent and declared residency; pre-checks run at once',
          security,
          body: StartBody,
          response: { 200: StatusResponse, ...errors },
        },
      },
      async (request) => {
        await submitIin(ctx, actorOf(request), {
          iin: request.body.iin,
          consentVersion: request.body.consentVersion,
          resident: request.body.resident,
          locale: request.locale,
        });
        return status(request);
      },
    );

    app.post(
      '/v1/kyc/document',
      {
        preHandler: guards.requireUser,
        bodyLimit: DOCUMENT_BODY_LIMIT,
        config: stepLimit,
        schema: {
          tags,
          summary: 'Upload the identity document (ID card: front and back; passport: the photo page)',
          security,
          body: DocumentBody,
          response: { 200: StatusResponse, ...errors },
        },
      },
      async (request) => {
        await uploadDocument(ctx, actorOf(request), request.body);
        return status(request);
      },
    );

    app.post(
      '/v1/kyc/liveness',
      {
        preHandler: guards.requireUser,
        bodyLimit: SELFIE_BODY_LIMIT,
        config: stepLimit,
        schema: {
          tags,
          summary: 'Send a selfie for the liveness check and the match with the document photo',
          security,
          body: LivenessBody,
          response: { 200: StatusResponse, ...errors },
        },
      },
      async (request) => {
        await submitLiveness(ctx, actorOf(request), request.body.selfie);
        return status(request);
      },
    );
  };
}
