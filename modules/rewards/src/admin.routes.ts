import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, type AuthGuards } from '@sauda/identity';
import { enterRate, listRates } from './exchange-rates.ts';
import { fundPool } from './fund-pool.ts';
import { findRewardView, listRewardsForStaff } from './list-rewards.ts';
import type { RewardsActor, RewardsContext } from './rewards.context.ts';
import {
  PoolFundingBody,
  PoolFundingResponse,
  RateBody,
  RateList,
  RateListQuery,
  RateParams,
  RateResponse,
  RewardParams,
  StaffRewardDetail,
  StaffRewardListQuery,
  StaffRewardPage,
  TaxReportQuery,
  TaxReportResponse,
  TaxStatusBody,
  TaxStatusResponse,
  UserParams,
} from './rewards.contracts.ts';
import { RewardsPermissions } from './rewards.permissions.ts';
import { revisionsOf } from './rewards.repository.ts';
import { buildTaxReport, taxReportCsv } from './tax-report.ts';
import { setTaxStatus } from './tax-status.ts';

const tags = ['admin: rewards'];
const security: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }];
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
};

const actorOf = (request: FastifyRequest): RewardsActor => ({
  id: currentUser(request).id,
  context: request.context(),
});

/** Staff endpoints: search rewards, daily rates, pool funding, tax statuses and the tax report. */
export function adminRoutes(ctx: RewardsContext, guards: AuthGuards) {
  return async (plugin: FastifyInstance): Promise<void> => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const readAny = guards.requirePermission(RewardsPermissions.readAny);

    app.get(
      '/v1/admin/rewards',
      {
        preHandler: readAny,
        schema: {
          tags,
          security,
          summary:
            "Search anyone's rewards by user, conversion, network action, partner, status, product, dates",
          querystring: StaffRewardListQuery,
          response: { 200: StaffRewardPage, ...errors },
        },
      },
      async (request) => {
        const { status, ...query } = request.query;
        return listRewardsForStaff(ctx, { ...query, statuses: status }, request.locale);
      },
    );

    app.get(
      '/v1/admin/rewards/:rewardId',
      {
        preHandler: readAny,
        schema: {
          tags,
          security,
          summary: 'One reward with its ledger position and every conversion revision received',
          params: RewardParams,
          response: { 200: StaffRewardDetail, ...errors },
        },
      },
      async (request) => {
        const view = await findRewardView(ctx, request.params.rewardId, request.locale);
        const revisions = await revisionsOf(ctx.db, view.conversionId);
        return {
          ...view,
          revisions: revisions.map((revision) => ({
            revision: revision.revision,
            state: revision.state,
            commission: revision.commission,
            outcome: revision.outcome,
            receivedAt: revision.receivedAt.toISOString(),
          })),
        };
      },
    );

    app.get(
      '/v1/admin/rewards/rates',
      {
        preHandler: guards.requirePermission(RewardsPermissions.ratesManage),
        schema: {
          tags,
          security,
          summary: 'Daily prices of the reward asset, newest first (at most 400)',
          querystring: RateListQuery,
          response: { 200: RateList, ...errors },
        },
      },
      async (request) => ({ items: await listRates(ctx, request.query) }),
    );

    app.put(
      '/v1/admin/rewards/rates/:day/:currency',
      {
        preHandler: guards.requirePermission(RewardsPermissions.ratesManage),
        schema: {
          tags,
          security,
          summary: 'Enter the price of the reward asset for a day (a correction only while unused; audited)',
          params: RateParams,
          body: RateBody,
          response: { 200: RateResponse, 201: RateResponse, ...errors },
        },
      },
      async (request, reply) => {
        const { rate, created } = await enterRate(ctx, actorOf(request), {
          ...request.params,
          price: request.body.price,
        });
        return reply.status(created ? 201 : 200).send(rate);
      },
    );

    app.post(
      '/v1/admin/rewards/pool/funding',
      {
        preHandler: guards.requirePermission(RewardsPermissions.poolFund),
        schema: {
          tags,
          security,
          summary:
            'Record reward-asset money set aside for loyalty rewards (idempotent by reference; audited)',
          body: PoolFundingBody,
          response: { 200: PoolFundingResponse, 201: PoolFundingResponse, ...errors },
        },
      },
      async (request, reply) => {
        const funding = await fundPool(ctx, actorOf(request), request.body);
        return reply.status(funding.created ? 201 : 200).send(funding);
      },
    );

    app.put(
      '/v1/admin/rewards/users/:userId/tax-status',
      {
        preHandler: guards.requirePermission(RewardsPermissions.taxStatusManage),
        schema: {
          tags,
          security,
          summary: "Set an influencer's tax status on their behalf (audited)",
          params: UserParams,
          body: TaxStatusBody,
          response: { 200: TaxStatusResponse, ...errors },
        },
      },
      async (request) => setTaxStatus(ctx, actorOf(request), request.params.userId, request.body.status),
    );

    app.get(
      '/v1/admin/rewards/tax-report',
      {
        preHandler: guards.requirePermission(RewardsPermissions.taxReportRead),
        schema: {
          tags,
          security,
          summary: "The tax agent's monthly report per IIN (gross, withheld, net) as JSON or CSV (audited)",
          querystring: TaxReportQuery,
          response: { 200: TaxReportResponse, ...errors },
        },
      },
      async (request, reply) => {
        const report = await buildTaxReport(ctx, actorOf(request), request.query.period);
        reply.header('cache-control', 'no-store');
        if (request.query.format === 'json') return report;
        return reply
          .header('content-disposition', `attachment; filename="tax-report-${report.period}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(taxReportCsv(report, request.locale));
      },
    );
  };
}
