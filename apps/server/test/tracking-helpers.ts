import { expect } from 'vitest';
import type { PartnerInput } from '@sauda/catalog';
import type { Role } from '@sauda/identity';
import type { TestContext } from '@sauda/testing';
import { enableTwoFactor, registerVerified, webLogin, type WebClient } from './identity-helpers.ts';

/** Shared set-up of the tracking-*.test.ts and catalog-*.test.ts scenarios. */

export const SYSTEM = { id: 'system:test' };

export const BROWSER_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
export const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

let counter = 0;

/** A valid partner with unique slug and domain unless overridden. */
export function partnerInput(overrides: Partial<PartnerInput> = {}): PartnerInput {
  counter += 1;
  const slug = overrides.slug ?? `shop-${counter}`;
  return {
    slug,
    name: { ru: `Магазин ${counter}`, kk: `Дүкен ${counter}`, en: `Shop ${counter}` },
    shortDescription: { ru: 'Электроника', kk: 'Электроника', en: 'Electronics' },
    description: { ru: 'Описание', kk: 'Сипаттама', en: 'Description' },
    conditions: { ru: 'Условия', kk: 'Шарттар', en: 'Conditions' },
    website: `https://${slug}.kz/`,
    domains: [{ domain: `${slug}.kz`, includeSubdomains: true }],
    categories: [],
    reward: { kind: 'percent', rate: '5', currency: 'KZT', userShare: '0.7', cap: null, holdDays: 30 },
    network: 'admitad',
    trackingUrlTemplate: `https://ad.admitad.com/g/${slug}/?subid={click_id}&ulp={target_url}`,
    appLinks: null,
    interstitial: false,
    featured: false,
    sortWeight: 0,
    ...overrides,
  };
}

/** Creates an active partner through the catalog API and waits until the redirect rules have it. */
export async function activePartner(ctx: TestContext, overrides: Partial<PartnerInput> = {}) {
  const partner = await ctx.app.sauda.modules.catalog.api.createPartner(SYSTEM, {
    ...partnerInput(overrides),
    status: 'active',
  });
  await ctx.app.sauda.modules.tracking.api.reloadRules();
  return partner;
}

/** A signed-in web client holding a staff role, with the second factor the role needs. */
export async function staffClient(ctx: TestContext, role: Role): Promise<WebClient> {
  counter += 1;
  const { email } = await registerVerified(ctx, `staff-${counter}-${Date.now()}@example.kz`);
  const client = await webLogin(ctx, email);
  await ctx.app.sauda.modules.identity.api.changeRole(
    { id: 'cli:test' },
    { userId: client.userId, role, grant: true },
  );
  await enableTwoFactor(ctx, client);
  return client;
}

export async function memberClient(ctx: TestContext): Promise<WebClient> {
  counter += 1;
  const { email } = await registerVerified(ctx, `member-${counter}-${Date.now()}@example.kz`);
  return webLogin(ctx, email);
}

/** Counts rows in tracking.clicks after writing the buffer. */
export async function writtenClicks(ctx: TestContext, where = 'true'): Promise<number> {
  await ctx.app.sauda.modules.tracking.api.flushClicks();
  const { rows } = await ctx.database.pool.query<{ count: string }>(
    `SELECT count(*) FROM tracking.clicks WHERE ${where}`,
  );
  expect(rows[0]).toBeDefined();
  return Number(rows[0]?.count);
}
