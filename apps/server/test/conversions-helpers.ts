import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { signatureHeader, type NetworkInput } from '@sauda/conversions';
import { newId } from '@sauda/platform';
import type { TestContext } from '@sauda/testing';
import { activePartner, BROWSER_UA, SYSTEM } from './tracking-helpers.ts';

/** Shared set-up of the conversions-*.test.ts scenarios. */

export { BROWSER_UA, SYSTEM };

let counter = 0;
export const unique = (prefix: string): string => {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
};

export const SECRET = 'test-network-secret-0123456789';

/** A signed-postback network (the sandbox kind) with a fresh key. */
export async function signedNetwork(ctx: TestContext, overrides: Partial<NetworkInput> = {}) {
  const { network, secret } = await ctx.app.sauda.modules.conversions.api.createNetwork(SYSTEM, {
    key: unique('net'),
    name: 'Test network',
    kind: 'sandbox',
    secret: SECRET,
    ...overrides,
  });
  return { network, secret: secret ?? SECRET };
}

export interface PostbackFields {
  click_id?: string | null;
  action_id?: string;
  order_id?: string;
  status?: string;
  payment_sum?: string | number;
  order_sum?: string | number;
  currency?: string;
  action_ip?: string;
  user_agent?: string;
  action_date?: string;
  status_updated?: string;
  [field: string]: unknown;
}

/** A signed JSON postback as the sandbox network sends it. */
export function postback(
  ctx: TestContext,
  networkKey: string,
  fields: PostbackFields,
  options: { secret?: string; unix?: number; remoteAddress?: string; signature?: string } = {},
): Promise<LightMyRequestResponse> {
  const body = JSON.stringify(fields);
  return ctx.app.inject({
    method: 'POST',
    url: `/postbacks/${networkKey}`,
    remoteAddress: options.remoteAddress ?? '203.0.113.10',
    headers: {
      'content-type': 'application/json',
      'x-sauda-signature': options.signature ?? signatureHeader(options.secret ?? SECRET, body, options.unix),
    },
    payload: body,
  });
}

export async function accepted(response: Promise<LightMyRequestResponse>): Promise<string> {
  const result = await response;
  expect(result.statusCode, result.body).toBe(202);
  return result.json<{ id: string }>().id;
}

/** A click id of the user on the partner, through `/go` as the extension or site would make it. */
export async function clickOf(
  ctx: TestContext,
  partnerSlug: string,
  userId: string | undefined,
  options: { ip?: string; userAgent?: string } = {},
): Promise<string> {
  const query = userId
    ? `?ctx=${encodeURIComponent((await ctx.app.sauda.modules.tracking.api.issueClickContext(userId)).token)}`
    : '';
  const response = await ctx.app.inject({
    url: `/go/${partnerSlug}${query}`,
    headers: { 'user-agent': options.userAgent ?? BROWSER_UA },
    remoteAddress: options.ip ?? '198.51.100.7',
  });
  expect(response.statusCode, response.body).toBe(302);
  const location = new URL(String(response.headers.location));
  const clickId = location.searchParams.get('subid') ?? location.searchParams.get('click_id');
  expect(clickId).toBeTruthy();
  return clickId ?? '';
}

/** An active partner and a click of a (made-up) user on it. */
export async function partnerWithClick(ctx: TestContext) {
  const partner = await activePartner(ctx);
  const userId = newId('usr');
  const clickId = await clickOf(ctx, partner.slug, userId);
  return { partner, userId, clickId };
}

export interface ChangedEvent {
  conversionId: string;
  revision: number;
  product: 'loyalty' | 'cpa';
  state: string;
  previousState: string | null;
  partnerId: string;
  userId: string;
  networkKey: string;
  actionId: string;
  clickId: string | null;
  commission: string;
  previousCommission: string;
  orderAmount: string | null;
  currency: string;
  attribution: string;
  occurredAt: string;
}

/** The ConversionChanged events published so far, in order, optionally of one action. */
export async function changedEvents(ctx: TestContext, actionId?: string): Promise<ChangedEvent[]> {
  const { rows } = await ctx.database.pool.query<{ payload: ChangedEvent }>(
    `SELECT payload FROM platform.outbox WHERE name = 'conversions.conversion-changed' ORDER BY id`,
  );
  return rows.map((row) => row.payload).filter((event) => !actionId || event.actionId === actionId);
}

export async function conversionOf(ctx: TestContext, networkId: string, actionId: string) {
  const { rows } = await ctx.database.pool.query<{
    id: string;
    state: string;
    commission: string;
    attribution_status: string;
    unattributed_reason: string | null;
    user_id: string | null;
    partner_id: string | null;
    product: string | null;
    revision: number;
  }>(`SELECT * FROM conversions.conversions WHERE network_id = $1 AND action_id = $2`, [networkId, actionId]);
  return rows[0];
}

export async function count(ctx: TestContext, sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await ctx.database.pool.query<{ count: string }>(sql, values);
  return Number(rows[0]?.count ?? 0);
}

export const processReports = (ctx: TestContext): Promise<number> =>
  ctx.app.sauda.modules.conversions.api.processInbox();

export const isoAgo = (ctx: TestContext, minutes: number): string =>
  new Date(ctx.clock.now().getTime() - minutes * 60_000).toISOString();
