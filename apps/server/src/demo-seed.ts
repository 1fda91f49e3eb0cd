import { seedDemoCatalog } from '@sauda/catalog';
import type { Logger } from '@sauda/platform';
import type { SaudaApp } from './app.ts';

/** The demo administrator (README): staff permissions apply after TOTP enrolment, as in production. */
export const DEMO_ADMIN = {
  email: 'admin@demo.sauda.kz',
  password: 'sauda-demo-admin',
  fullName: 'Айгерім Демо',
} as const;

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
