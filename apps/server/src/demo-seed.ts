import type { Logger } from '@sauda/platform';
import type { SaudaApp } from './app.ts';

/**
 * Demo data for `npm start` and `sauda seed --demo`. Idempotent: each step checks before it
 * writes, so restarting the demo never duplicates anything. Modules add their steps here.
 */
export async function seedDemo(app: SaudaApp, logger: Logger): Promise<void> {
  const { audit } = app.sauda.modules;
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
