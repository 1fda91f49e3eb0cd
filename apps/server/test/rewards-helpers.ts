import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ConversionChanged } from '@sauda/conversions';
import type { PartnerInput } from '@sauda/catalog';
import { almatyDate, deliverPendingEvents, newId, publishEvent, type Static } from '@sauda/platform';
import type { TestContext } from '@sauda/testing';
import {
  asWeb,
  enableTwoFactor,
  nextIp,
  registerVerified,
  webLogin,
  type WebClient,
} from './identity-helpers.ts';
import { partnerInput, SYSTEM } from './tracking-helpers.ts';

/** Shared set-up of the rewards-*.test.ts and referrals-*.test.ts scenarios. */

export type Change = Static<typeof ConversionChanged.schema>;

export const DAY_MS = 86_400_000;

/** Publishes one revision of a conversion as the conversions module would: in a transaction, through the outbox. */
export async function publishChange(ctx: TestContext, change: Change): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await publishEvent(tx, ConversionChanged, change);
  });
}

/** Runs every subscribed handler on every waiting event, as the job runner would. */
export async function deliver(ctx: TestContext): Promise<void> {
  await deliverPendingEvents(
    ctx.app.sauda.database.db,
    ctx.app.sauda.modules.list.flatMap((module) => module.handlers ?? []),
  );
}

/** A conversion's revisions, built from one base so each test only says what changes. */
export function conversion(
  base: { userId: string; partnerId: string; product?: 'loyalty' | 'cpa'; occurredAt: Date },
  overrides: Partial<Change> = {},
) {
  const conversionId = newId('cnv');
  const actionId = `act-${conversionId.slice(-10)}`;
  return (
    revision: number,
    state: Change['state'],
    commission: string,
    extra: Partial<Change> = {},
  ): Change => ({
    conversionId,
    revision,
    product: base.product ?? 'loyalty',
    state,
    previousState: null,
    partnerId: base.partnerId,
    userId: base.userId,
    networkKey: 'admitad',
    actionId,
    clickId: null,
    commission,
    previousCommission: '0',
    orderAmount: null,
    currency: 'KZT',
    attribution: 'click',
    occurredAt: base.occurredAt.toISOString(),
    ...overrides,
    ...extra,
  });
}

let counter = 0;

/** A member signed in on the web. */
export async function member(ctx: TestContext, label = 'member'): Promise<WebClient> {
  counter += 1;
  const { email } = await registerVerified(
    ctx,
    `${label}-${String(counter)}-${String(Date.now())}@example.kz`,
  );
  return webLogin(ctx, email);
}

/** A signed-in staff member with the given role and the second factor in the session. */
export async function staff(
  ctx: TestContext,
  role: 'admin' | 'support' | 'compliance_officer',
): Promise<WebClient> {
  const client = await member(ctx, role);
  await ctx.app.sauda.modules.identity.api.changeRole(
    { id: 'cli:test' },
    { userId: client.userId, role, grant: true },
  );
  await enableTwoFactor(ctx, client);
  return client;
}

/** A catalog partner with the given reward terms (percent of the order; only share and hold matter here). */
export async function partner(ctx: TestContext, reward: Partial<PartnerInput['reward']> = {}) {
  const input = partnerInput();
  return ctx.app.sauda.modules.catalog.api.createPartner(SYSTEM, {
    ...input,
    reward: { ...input.reward, userShare: '0.7', holdDays: 14, ...reward },
    status: 'active',
  });
}

export async function call(
  ctx: TestContext,
  client: WebClient | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method,
    url,
    remoteAddress: nextIp(),
    headers: { ...(client ? asWeb(client) : {}), 'accept-language': 'en', ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** Calls and checks the status; returns the parsed body. */
export async function ok<T = Record<string, unknown>>(
  response: Promise<LightMyRequestResponse>,
  status = 200,
): Promise<T> {
  const settled = await response;
  expect(settled.statusCode, settled.body).toBe(status);
  return settled.json<T>();
}

export const today = (ctx: TestContext): string => almatyDate(ctx.clock.now());

export async function enterRate(
  ctx: TestContext,
  admin: WebClient,
  day: string,
  price: string,
  currency = 'KZT',
) {
  return call(ctx, admin, 'PUT', `/v1/admin/rewards/rates/${day}/${currency}`, { price });
}

export async function fundPool(ctx: TestContext, admin: WebClient, amount: string) {
  return ok(
    call(ctx, admin, 'POST', '/v1/admin/rewards/pool/funding', { amount, reference: newId('dep') }),
    201,
  );
}

export interface RewardItem {
  id: string;
  status: string;
  waitingReason: string | null;
  amount: { amount: string; asset: string };
  rate: { forDay: string; day: string; price: string; fallback: boolean } | null;
  split: { gross: string; fee: string; tax: string; net: string; taxStatus: string | null } | null;
  availableAt: string | null;
}

export async function myRewards(ctx: TestContext, client: WebClient, query = ''): Promise<RewardItem[]> {
  return (await ok<{ items: RewardItem[] }>(call(ctx, client, 'GET', `/v1/rewards${query}`))).items;
}

export interface BalancesBody {
  rewards: {
    asset: string;
    pending: string;
    available: string;
    debt: string;
    equivalent: {
      currency: string;
      pending: string;
      available: string;
      rateDay: string;
      price: string;
    } | null;
  };
  commissions: { asset: string; pending: string; available: string; debt: string }[];
}

export const balances = (ctx: TestContext, client: WebClient): Promise<BalancesBody> =>
  ok<BalancesBody>(call(ctx, client, 'GET', '/v1/rewards/balance'));

/** Titles of the user's in-app notifications, newest first. */
export async function inboxTitles(ctx: TestContext, client: WebClient): Promise<string[]> {
  const page = await ok<{ items: { title: string }[] }>(call(ctx, client, 'GET', '/v1/me/notifications'));
  return page.items.map((item) => item.title);
}

/** A ledger account's balance by owner and code (the reward asset unless given). */
export async function ledgerBalance(ctx: TestContext, owner: string, code: string, asset = 'USDT') {
  const ledger = ctx.app.sauda.modules.ledger.api;
  const account = await ledger.findAccount({ owner, asset, code });
  if (!account) return { posted: 0n, pending: 0n, available: 0n };
  return ledger.getBalance(account.id);
}
