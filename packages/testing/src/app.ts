import { afterAll, beforeAll } from 'vitest';
import { buildApp, type SaudaApp } from '@sauda/server';
import { ManualClock, type Clock } from '@sauda/platform';
import { testConfig } from './config.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestContext {
  readonly app: SaudaApp;
  readonly database: TestDatabase;
  readonly clock: ManualClock;
}

/**
 * Builds the real app on a fresh database for the calling test file and tears both down after it.
 * Use inside a describe/file scope: `const ctx = useTestApp();` then `ctx().app.inject(...)`.
 */
export function useTestApp(
  options: { env?: Record<string, string>; clock?: Clock; startJobs?: boolean } = {},
): () => TestContext {
  let context: TestContext | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock(new Date());
    const app = await buildApp(testConfig(database.url, options.env), {
      database,
      clock: options.clock ?? clock,
      startJobs: options.startJobs ?? false,
    });
    await app.ready();
    context = { app, database, clock };
  });
  afterAll(async () => {
    await context?.app.close();
    await context?.database.close();
  });
  return () => {
    if (!context) throw new Error('useTestApp() context is only available inside tests');
    return context;
  };
}
