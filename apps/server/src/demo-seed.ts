import { seedDemoCatalog } from '@sauda/catalog';
import { seedSandboxNetwork } from '@sauda/conversions';
import { seedDemoDues } from '@sauda/dues';
import { almatyDate, type Logger } from '@sauda/platform';
import { AFFILIATE_NETWORK_SANDBOX_SECRET } from '@sauda/sandbox';
import type { SaudaApp } from './app.ts';

/** The demo administrator (README): staff permissions apply after TOTP enrolment, as in production. */
export const DEMO_ADMIN = {
  email: 'admin@demo.sauda.kz',
  password: 'sauda-demo-admin',
  fullName: 'Айгерім Демо',
} as const;

const DEMO_ACTOR = { id: 'system:demo' };
/** What 1 USDT costs in tenge in the demo, every day of the last week (a real deployment: staff enter it daily). */
const DEMO_USDT_PRICE_KZT = '515.00';

/** Rates and funded pools, so the sandbox's purchases become rewards and referral bonuses at once. */
async function seedDemoRewards(app: SaudaApp): Promise<void> {
  const { rewards, referrals } = app.sauda.modules;
  const now = app.sauda.clock.now();
  for (let daysAgo = 7; daysAgo >= 0; daysAgo -= 1) {
    const day = almatyDate(new Date(now.getTime() - daysAgo * 86_400_000));
    await rewards.api.enterRate(DEMO_ACTOR, { day, currency: 'KZT', price: DEMO_USDT_PRICE_KZT });
  }
  // The references are the idempotency keys: a restart funds nothing twice.
  await rewards.api.fundPool(DEMO_ACTOR, { amount: '100000', reference: 'demo-initial-funding' });
  await referrals.api.fundBonusPool(DEMO_ACTOR, { amount: '10000', reference: 'demo-initial-funding' });
}

/**
 * Demo data for `npm start` and `sauda seed --demo`. Idempotent: each step checks before it
 * writes, so restarting the demo never duplicates anything. Modules add their steps here.
 */
export async function seedDemo(app: SaudaApp, logger: Logger): Promise<void> {
  const { audit, identity } = app.sauda.modules;
  await identity.api.createAdmin({ id: 'system:demo' }, DEMO_ADMIN);
  // About fifty shops on the sandbox affiliate network (its landing page is in apps/sandbox).
  const catalog = await seedDemoCatalog(app.sauda.modules.catalog.api, {
    sandboxUrl: app.sauda.config.sandbox.url,
  });
  if (catalog.partners > 0) logger.info({ partners: catalog.partners }, 'demo catalog seeded');
  // Their postbacks and the statistics API the platform polls come from the same simulator.
  const network = await seedSandboxNetwork(app.sauda.modules.conversions.api, {
    sandboxUrl: app.sauda.config.sandbox.url,
    secret: AFFILIATE_NETWORK_SANDBOX_SECRET,
  });
  if (network) logger.info('demo affiliate network seeded');
  await seedDemoRewards(app);
  // The dues community: bank details, pages in ru and kk, a dozen members with months paid.
  const dues = await seedDemoDues(app.sauda.modules.dues.api, new Date());
  if (dues.members > 0 || dues.pages > 0) logger.info(dues, 'demo dues seeded');
  const seeded = await audit.api.list({ action: 'platform.demo-seeded', limit: 1 });
  if (seeded.length === 0) {
    await audit.api.record(app.sauda.database.db, {
      actor: 'system:demo',
      action: 'platform.demo-seeded',
      entityType: 'deployment',
      after: { products: app.sauda.config.products },
    });
    logger.info('demo data seeded');
  }
}
