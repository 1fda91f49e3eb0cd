import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { balancesOf } from './balances.ts';
import { findRewardView, listRewards, publicView } from './list-rewards.ts';
import type { RewardsContext } from './rewards.context.ts';
import {
  BalancesSchema,
  RewardListQuery,
  RewardPage,
  RewardParams,
  RewardSchema,
  TaxStatusBody,
  TaxStatusResponse,
} from './rewards.contracts.ts';
import { getTaxStatus, setTaxStatus } from './tax-status.ts';

const tags = ['rewards'];
const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
};

/** The signed-in user's own rewards, balances and tax status. */
export function rewardsRoutes(ctx: RewardsContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/v1/rewards',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          security,
          summary: 'My rewards and commissions, newest first, with filters and a cursor',
          querystring: RewardListQuery,
          response: { 200: RewardPage, ...errors },
        },
      },
      async (request) => {
        const { status, ...query } = request.query;
        return listRewards(
          ctx,
          { ...query, statuses: status, userId: currentUser(request).id },
          request.locale,
        );
      },
    );

    app.get(
      '/v1/rewards/balance',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          security,
          summary:
            'My balances: rewards pending and available (with the tenge equivalent), commissions, debt',
          response: { 200: BalancesSchema, ...errors },
        },
      },
      async (request) => balancesOf(ctx, currentUser(request).id),
    );

    app.get(
      '/v1/rewards/tax-status',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          security,
          summary: 'My tax status, which sets the tax withheld from my commissions',
          response: { 200: TaxStatusResponse, ...errors },
        },
      },
      async (request) => getTaxStatus(ctx, currentUser(request).id),
    );

    app.put(
      '/v1/rewards/tax-status',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          security,
          summary: 'Set my tax status (applies to commissions priced from now on)',
          body: TaxStatusBody,
          response: { 200: TaxStatusResponse, ...errors },
        },
      },
      async (request) => {
        const user = currentUser(request);
        return setTaxStatus(ctx, { id: user.id, context: request.context() }, user.id, request.body.status);
      },
    );

    app.get(
      '/v1/rewards/:rewardId',
      {
        preHandler: guards.requireUser,
        schema: {
          tags,
          security,
          summary: 'One of my rewards',
          params: RewardParams,
          response: { 200: RewardSchema, ...errors },
        },
      },
      async (request) =>
        publicView(
          await findRewardView(ctx, request.params.rewardId, request.locale, currentUser(request).id),
        ),
    );
  };
}
