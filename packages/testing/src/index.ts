export { createTestDatabase, type TestDatabase } from './database.ts';
export { testConfig } from './config.ts';
export { useTestApp, type TestContext, type TestAppOptions } from './app.ts';
