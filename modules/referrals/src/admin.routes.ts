import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { fundBonusPool } from './fund-bonus-pool.ts';
import { listReferrals, statsOf } from './referral-stats.ts';
import type { ReferralsContext } from './referrals.context.ts';
import {
  FundingBody,
  FundingResponse,
  ReferralListQuery,
  ReferralPage,
  StatsSchema,
  UserParams,
} from './referrals.contracts.ts';
import { ReferralsPermissions } from './referrals.permissions.ts';

const tags = ['admin: referrals'];
const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
};

/** Staff endpoints: who referred whom, anyone's statistics, bonus pool funding. */
export function adminRoutes(ctx: ReferralsContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const readAny = guards.requirePermission(ReferralsPermissions.readAny);

    app.get(
      '/v1/admin/referrals',
      {
        preHandler: readAny,
        schema: {
          tags,
          security,
          summary: 'Referrals newest first, by referrer, referee or status',
          querystring: ReferralListQuery,
          response: { 200: ReferralPage, ...errors },
        },
      },
      async (request) => listReferrals(ctx, request.query),
    );

    app.get(
      '/v1/admin/referrals/users/:userId/stats',
      {
        preHandler: readAny,
        schema: {
          tags,
          security,
          summary: "A user's referral statistics",
          params: UserParams,
          response: { 200: StatsSchema, ...errors },
        },
      },
      async (request) => statsOf(ctx, request.params.userId),
    );

    app.post(
      '/v1/admin/referrals/bonus-pool/funding',
      {
        preHandler: guards.requirePermission(ReferralsPermissions.bonusPoolFund),
        schema: {
          tags,
          security,
          summary:
            'Record reward-asset money set aside for referral bonuses (idempotent by reference; audited)',
          body: FundingBody,
          response: { 200: FundingResponse, 201: FundingResponse, ...errors },
        },
      },
      async (request, reply) => {
        const funding = await fundBonusPool(
          ctx,
          { id: currentUser(request).id, context: request.context() },
          request.body,
        );
        return reply.status(funding.created ? 201 : 200).send(funding);
      },
    );
  };
}
