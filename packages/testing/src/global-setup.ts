import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { allMigrations } from '@sauda/server';
import {
  createLogger,
  createPool,
  drizzleFor,
  JobRunner,
  migrate,
  startEmbeddedPostgres,
} from '@sauda/platform';
import { freePort } from './bench.ts';
import { adminUrlFor, databaseUrl } from './database-urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL), one migrated template
 * database, and a fresh clone of it for every test file (CREATE DATABASE … TEMPLATE is a file copy,
 * far faster than migrating again).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  const embedded = external
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(process.cwd(), '.data', `test-postgres-${process.pid}`),
        port: await freePort(),
        persistent: false,
        durable: false,
      });
  const adminUrl = adminUrlFor(external ?? embedded?.url ?? '');
  const template = `sauda_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);

  const pool = createPool(databaseUrl(adminUrl, template), { max: 4, statementTimeoutMs: 60_000 });
  try {
    await migrate(pool, allMigrations);
    // pg-boss installs its schema on first start; doing it here puts it into every clone.
    const runner = new JobRunner({
      pool,
      db: drizzleFor(pool),
      logger: createLogger({ env: 'test', logLevel: 'silent' }),
      jobs: [],
      handlers: [],
    });
    await runner.start();
    await runner.stop();
  } finally {
    await pool.end();
  }

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
  };
}
