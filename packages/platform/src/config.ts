import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The only place that reads process.env. Every variable is documented in .env.example and
 * docs/operations.md; an invalid value stops the process with one line per bad variable.
 */

export const PRODUCTS = ['loyalty', 'dues', 'cpa', 'rentals', 'kassa'] as const;
export type Product = (typeof PRODUCTS)[number];
export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly demo: boolean;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly trustProxy: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly dataDir: string;
  readonly database: {
    /** Undefined means: start the embedded PostgreSQL under dataDir. */
    readonly url: string | undefined;
    readonly embeddedPort: number;
    readonly poolMax: number;
    readonly statementTimeoutMs: number;
  };
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key, so deployments (or test files) can share one Redis. */
  readonly redisKeyPrefix: string;
  readonly http: {
    readonly corsOrigins: readonly string[];
    readonly bodyLimitBytes: number;
    readonly rateLimitPerMinute: number;
    readonly shutdownTimeoutMs: number;
  };
  readonly jobs: { readonly enabled: boolean };
  readonly products: readonly Product[];
  readonly primaryProduct: Product;
  readonly defaultLocale: Locale;
  readonly sandbox: { readonly port: number; readonly url: string };
  readonly crypto: {
    readonly keys: readonly EncryptionKey[];
    readonly activeKeyId: string;
    readonly blindIndexKey: Buffer;
  };
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

class Reader {
  readonly problems: string[] = [];
  readonly #env: Env;
  constructor(env: Env) {
    this.#env = env;
  }

  raw(name: string): string | undefined {
    const value = this.#env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name}: expected true or false, got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  list<T extends string>(name: string, allowed: readonly T[] | undefined, fallback: readonly T[]): T[] {
    const value = this.raw(name);
    if (value === undefined) return [...fallback];
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const unknown = allowed ? items.filter((item) => !(allowed as readonly string[]).includes(item)) : [];
    if (unknown.length > 0) {
      this.problems.push(
        `${name}: unknown value(s) ${unknown.join(', ')}; allowed: ${allowed?.join(', ') ?? ''}`,
      );
      return [...fallback];
    }
    return items as T[];
  }

  url(name: string, fallback: string | undefined, protocols: readonly string[]): string | undefined {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return value;
    } catch {
      this.problems.push(`${name}: expected a ${protocols.join(' or ')} URL, got "${value}"`);
      return fallback;
    }
  }

  key(name: string, value: string): Buffer | undefined {
    const key = Buffer.from(value, 'base64');
    if (key.length !== 32) {
      this.problems.push(`${name}: expected 32 bytes encoded as base64`);
      return undefined;
    }
    return key;
  }
}

const randomKey = (): string => randomBytes(32).toString('base64');

/**
 * Outside production a missing key set is generated once and kept beside the embedded database,
 * so a demo restarts with readable data and no secret ever sits in the repository.
 */
function developmentSecrets(dataDir: string): Record<string, string> {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets = {
    SAUDA_ENCRYPTION_KEYS: `dev1:${randomKey()}`,
    SAUDA_ENCRYPTION_ACTIVE_KEY: 'dev1',
    SAUDA_BLIND_INDEX_KEY: randomKey(),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function readCrypto(read: Reader, env: Config['env'], dataDir: string): Config['crypto'] {
  const fromEnv = read.raw('SAUDA_ENCRYPTION_KEYS');
  if (fromEnv === undefined && env === 'production') {
    read.problems.push('SAUDA_ENCRYPTION_KEYS: required in production ("keyId:base64key,...")');
  }
  const source =
    fromEnv === undefined && env !== 'production' ? new Reader(developmentSecrets(dataDir)) : read;
  const keys: EncryptionKey[] = [];
  for (const entry of (source.raw('SAUDA_ENCRYPTION_KEYS') ?? '').split(',').filter(Boolean)) {
    const [id, encoded] = entry.split(':');
    if (!id || !encoded || !/^[a-z0-9-]{1,32}$/.test(id)) {
      read.problems.push(
        'SAUDA_ENCRYPTION_KEYS: each entry must be "keyId:base64key" with a short lowercase id',
      );
      continue;
    }
    const key = read.key('SAUDA_ENCRYPTION_KEYS', encoded);
    if (key) keys.push({ id, key });
  }
  const activeKeyId = source.raw('SAUDA_ENCRYPTION_ACTIVE_KEY') ?? keys.at(-1)?.id ?? '';
  if (keys.length > 0 && !keys.some((k) => k.id === activeKeyId)) {
    read.problems.push(`SAUDA_ENCRYPTION_ACTIVE_KEY: "${activeKeyId}" is not one of SAUDA_ENCRYPTION_KEYS`);
  }
  const blindRaw = source.raw('SAUDA_BLIND_INDEX_KEY');
  if (blindRaw === undefined && env === 'production') {
    read.problems.push('SAUDA_BLIND_INDEX_KEY: required in production (32 bytes, base64)');
  }
  const blindIndexKey = blindRaw ? read.key('SAUDA_BLIND_INDEX_KEY', blindRaw) : undefined;
  return { keys, activeKeyId, blindIndexKey: blindIndexKey ?? Buffer.alloc(32) };
}

export function loadConfig(env: Env = process.env, overrides: { demo?: boolean } = {}): Config {
  const read = new Reader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
  const dataDir = resolve(read.string('SAUDA_DATA_DIR', '.data'));
  const host = read.string('HOST', '127.0.0.1');
  const port = read.integer('PORT', 3000, 0, 65535);
  const sandboxPort = read.integer('SANDBOX_PORT', 3100, 0, 65535);
  const products = read.list('SAUDA_PRODUCTS', PRODUCTS, PRODUCTS);
  const primaryProduct = read.oneOf('SAUDA_PRIMARY_PRODUCT', PRODUCTS, products[0] ?? 'loyalty');
  if (!products.includes(primaryProduct)) {
    read.problems.push(`SAUDA_PRIMARY_PRODUCT: "${primaryProduct}" is not enabled in SAUDA_PRODUCTS`);
  }

  const config: Config = {
    env: nodeEnv,
    demo: overrides.demo ?? read.boolean('SAUDA_DEMO', false),
    host,
    port,
    publicUrl: read.url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']) ?? '',
    trustProxy: read.boolean('TRUST_PROXY', false),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    dataDir,
    database: {
      url: read.url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
      embeddedPort: read.integer('EMBEDDED_POSTGRES_PORT', 54320, 1024, 65535),
      poolMax: read.integer('DATABASE_POOL_MAX', 10, 1, 500),
      statementTimeoutMs: read.integer('DATABASE_STATEMENT_TIMEOUT_MS', 15_000, 100, 600_000),
    },
    redisUrl: read.url('REDIS_URL', undefined, ['redis:', 'rediss:']),
    redisKeyPrefix: read.string('REDIS_KEY_PREFIX', 'sauda:'),
    http: {
      corsOrigins: read.list('CORS_ORIGINS', undefined, []),
      bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
      rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    jobs: { enabled: read.boolean('JOBS_ENABLED', true) },
    products,
    primaryProduct,
    defaultLocale: read.oneOf('DEFAULT_LOCALE', LOCALES, 'ru'),
    sandbox: {
      port: sandboxPort,
      url: read.url('SANDBOX_URL', `http://127.0.0.1:${sandboxPort}`, ['http:', 'https:']) ?? '',
    },
    crypto: readCrypto(read, nodeEnv, dataDir),
  };

  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
