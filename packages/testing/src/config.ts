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
    SANDBOX_PORT: '0',
    ...testKeys,
    ...env,
  });
}
