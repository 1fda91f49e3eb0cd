import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = (): string => mkdtempSync(join(tmpdir(), 'sauda-config-'));
const key = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('applies defaults and freezes the result', () => {
    const config = loadConfig({ SAUDA_DATA_DIR: dataDir() });
    expect(config.port).toBe(3000);
    expect(config.products).toEqual(['loyalty', 'dues', 'cpa', 'rentals', 'kassa']);
    expect(config.database.url).toBeUndefined();
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reports every bad variable on its own line', () => {
    const attempt = (): unknown =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://db',
        JOBS_ENABLED: 'maybe',
        SAUDA_PRODUCTS: 'loyalty,casino',
        LOG_LEVEL: 'loud',
        SAUDA_DATA_DIR: dataDir(),
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(5);
      expect(problems.join('\n')).toMatch(/^PORT: .*"eighty"/m);
      expect(problems.join('\n')).toMatch(/^DATABASE_URL: /m);
      expect(problems.join('\n')).toMatch(/^SAUDA_PRODUCTS: unknown value\(s\) casino/m);
    }
  });

  it('requires real keys in production and accepts a valid key ring', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SAUDA_DATA_DIR: dataDir() })).toThrow(
      /SAUDA_ENCRYPTION_KEYS/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      SAUDA_ENCRYPTION_KEYS: `old:${key},new:${key}`,
      SAUDA_ENCRYPTION_ACTIVE_KEY: 'new',
      SAUDA_BLIND_INDEX_KEY: key,
    });
    expect(config.crypto.activeKeyId).toBe('new');
    expect(config.crypto.keys.map((k) => k.id)).toEqual(['old', 'new']);
  });

  it('rejects malformed keys and an active key that is not in the ring', () => {
    expect(() => loadConfig({ SAUDA_ENCRYPTION_KEYS: 'a:short', SAUDA_BLIND_INDEX_KEY: key })).toThrow(
      /32 bytes/,
    );
    expect(() =>
      loadConfig({
        SAUDA_ENCRYPTION_KEYS: `a:${key}`,
        SAUDA_ENCRYPTION_ACTIVE_KEY: 'b',
        SAUDA_BLIND_INDEX_KEY: key,
      }),
    ).toThrow(/"b" is not one of/);
  });

  it('generates development keys once and reuses them', () => {
    const dir = dataDir();
    const first = loadConfig({ SAUDA_DATA_DIR: dir });
    const second = loadConfig({ SAUDA_DATA_DIR: dir });
    expect(first.crypto.keys[0]?.key.equals(second.crypto.keys[0]?.key ?? Buffer.alloc(0))).toBe(true);
  });

  it('rejects a primary product that is not enabled', () => {
    expect(() =>
      loadConfig({ SAUDA_PRODUCTS: 'dues', SAUDA_PRIMARY_PRODUCT: 'loyalty', SAUDA_DATA_DIR: dataDir() }),
    ).toThrow(/SAUDA_PRIMARY_PRODUCT/);
  });
});
