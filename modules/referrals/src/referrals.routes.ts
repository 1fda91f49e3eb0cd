import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { claimReferral, recordVisit } from './claim-referral.ts';
import { fingerprintsOf, recordDevices, type DeviceSignals } from './devices.ts';
import { referralCard } from './referral-stats.ts';
import type { ReferralsContext } from './referrals.context.ts';
import { CardSchema, ClaimBody, ClaimResponse, DeviceHeaders, VisitBody } from './referrals.contracts.ts';

const tags = ['referrals'];
const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
  429: { $ref: 'Problem#' },
};
/** Codes are short: a tight per-IP budget keeps them from being guessed by brute force. */
const codeLimit = { rateLimit: { max: 10, timeWindow: 60_000 } };

const deviceOf = (request: FastifyRequest): DeviceSignals => {
  const deviceId = request.headers['x-device-id'];
  const language = request.headers['accept-language'];
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    language: typeof language === 'string' ? language : undefined,
    deviceId: typeof deviceId === 'string' ? deviceId : undefined,
  };
};

/** The signed-in user's referral code, link and statistics; claiming a code; link visits. */
export function referralsRoutes(ctx: ReferralsContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/v1/referrals/me',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          security,
          summary:
            'My referral code, link and statistics (invited, registered, KYC-verified, rewarded, earned)',
          headers: DeviceHeaders,
          response: { 200: CardSchema, ...errors },
        },
      },
      async (request) => {
        const userId = currentUser(request).id;
        // The referrer's devices, so a code used from one of them is recognised as self-referral.
        await recordDevices(
          ctx.db,
          userId,
          fingerprintsOf(ctx.encryptor, deviceOf(request)),
          ctx.clock.now(),
        );
        return referralCard(ctx, userId);
      },
    );

    app.post(
      '/v1/referrals/claim',
      {
        preHandler: guards.requireUser,
        config: codeLimit,
        schema: {
          tags,
          security,
          summary: 'Join with a referral code: once, within the claim window after signing up',
          headers: DeviceHeaders,
          body: ClaimBody,
          response: { 200: ClaimResponse, 201: ClaimResponse, ...errors },
        },
      },
      async (request, reply) => {
        const { referral, created } = await claimReferral(
          ctx,
          { id: currentUser(request).id, context: request.context() },
          { code: request.body.code, device: deviceOf(request) },
        );
        return reply.status(created ? 201 : 200).send(referral);
      },
    );

    app.post(
      '/v1/referrals/visits',
      {
        config: codeLimit,
        schema: {
          tags,
          summary: 'Someone opened a referral link (counted once per device as "invited")',
          headers: DeviceHeaders,
          body: VisitBody,
          response: { 204: { type: 'null', description: 'recorded' }, ...errors },
        },
      },
      async (request, reply) => {
        await recordVisit(ctx, { code: request.body.code, device: deviceOf(request) });
        return reply.status(204).send(null);
      },
    );
  };
}
