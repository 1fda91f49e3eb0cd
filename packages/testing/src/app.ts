import { afterAll, beforeAll } from 'vitest';
import { buildApp, type SaudaApp } from '@sauda/server';
import { ManualClock } from '@sauda/platform';
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
export interface TestAppOptions {
  /** Extra variables; a function is called when the app is built (after earlier beforeAll hooks). */
  readonly env?: Record<string, string> | (() => Record<string, string>);
  /** Defaults to a ManualClock at the real current time; pass one to start elsewhere. */
  readonly clock?: ManualClock;
  readonly startJobs?: boolean;
  /** Registers extra routes or hooks before the app is ready (e.g. a route that fails on purpose). */
  readonly configure?: (app: SaudaApp) => void | Promise<void>;
}

export function useTestApp(options: TestAppOptions = {}): () => TestContext {
  let context: TestContext | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const clock = options.clock ?? new ManualClock(new Date());
    const env = typeof options.env === 'function' ? options.env() : options.env;
    const app = await buildApp(testConfig(database.url, env), {
      database,
      clock,
      startJobs: options.startJobs ?? false,
    });
    await options.configure?.(app);
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
