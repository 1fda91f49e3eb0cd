import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '@sauda/platform';

const testKeys = {
  SAUDA_ENCRYPTION_KEYS: `test1:${randomBytes(32).toString('base64')}`,
  SAUDA_ENCRYPTION_ACTIVE_KEY: 'test1',
  SAUDA_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};

/** A validated config for tests: the given database, random keys, jobs off, quiet logs. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    PORT: '0',
    // CI runs the suite a second time against the machine's Redis; each file gets its own key space.
    ...(process.env.TEST_REDIS_URL
      ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:` }
      : {}),
    SANDBOX_PORT: '0',
    ...testKeys,
    ...env,
  });
}
