import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = (): string => mkdtempSync(join(tmpdir(), 'sauda-config-'));
const key = Buffer.alloc(32, 7).toString('base64');
const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'der', type: 'pkcs8' })
  .toString('base64');

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
      SAUDA_JWT_KEYS: `jwt1:${signingKey}`,
      SAUDA_COOKIE_SECRET: key,
      SAUDA_CLICK_SIGNING_KEY: key,
      SAUDA_KYC_PROVIDER_URL: 'https://kyc.example.kz/api',
      SAUDA_KYC_PROVIDER_API_KEY: 'k',
      SAUDA_KYC_PROVIDER_API_SECRET: 's',
      SAUDA_KYC_WEBHOOK_SECRET: 'w',
    });
    expect(config.crypto.activeKeyId).toBe('new');
    expect(config.auth.jwtActiveKeyId).toBe('jwt1');
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

  it('configures notification channels only when complete', () => {
    const dir = dataDir();
    expect(loadConfig({ SAUDA_DATA_DIR: dir }).notifications).toEqual({ email: undefined, sms: undefined });
    const configured = loadConfig({
      SAUDA_DATA_DIR: dir,
      SMTP_URL: 'smtp://mailer:secret@127.0.0.1:2525',
      SMS_GATEWAY_URL: 'https://sms.example.kz/api',
      SMS_GATEWAY_API_KEY: 'k',
    });
    expect(configured.notifications.email?.from).toBe('Sauda <no-reply@sauda.kz>');
    expect(configured.notifications.sms).toEqual({
      url: 'https://sms.example.kz/api',
      apiKey: 'k',
      sender: 'Sauda',
    });
    expect(() => loadConfig({ SAUDA_DATA_DIR: dir, SMS_GATEWAY_URL: 'https://sms.example.kz' })).toThrow(
      /SMS_GATEWAY_API_KEY: required/,
    );
    expect(() => loadConfig({ SAUDA_DATA_DIR: dir, SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
  });

  it('rejects a primary product that is not enabled', () => {
    expect(() =>
      loadConfig({ SAUDA_PRODUCTS: 'dues', SAUDA_PRIMARY_PRODUCT: 'loyalty', SAUDA_DATA_DIR: dataDir() }),
    ).toThrow(/SAUDA_PRIMARY_PRODUCT/);
  });
});
