import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
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

/** An ES256 private key (PKCS#8, DER) for access tokens; its id is the JWT `kid`. */
export interface SigningKey {
  readonly id: string;
  readonly privateKey: Buffer;
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
  /** Outbound channels; an unset channel records its deliveries as skipped (the demo mailbox still shows them). */
  readonly notifications: {
    readonly email: { readonly url: string; readonly from: string } | undefined;
    readonly sms: { readonly url: string; readonly apiKey: string; readonly sender: string } | undefined;
    readonly whatsapp:
      { readonly url: string; readonly phoneNumberId: string; readonly accessToken: string } | undefined;
  };
  readonly crypto: {
    readonly keys: readonly EncryptionKey[];
    readonly activeKeyId: string;
    readonly blindIndexKey: Buffer;
  };
  readonly auth: {
    /** Every key verifies and is published in the JWKS; only the active one signs new tokens. */
    readonly jwtKeys: readonly SigningKey[];
    readonly jwtActiveKeyId: string;
    /** HMAC secret from which CSRF tokens and ALTCHA challenge signatures are derived. */
    readonly cookieSecret: Buffer;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
    readonly sessionTtlSeconds: number;
  };
  readonly tracking: {
    /** HMAC key that signs click ids, so a conversion can be attributed even without the click row. */
    readonly clickSigningKey: Buffer;
    /** Months of click rows kept; older monthly partitions are dropped by the retention job. */
    readonly clickRetentionMonths: number;
  };
  /** KYC by IIN: the aggregator adapter's endpoint and secrets, and the verification policy. */
  readonly kyc: {
    readonly provider: {
      readonly url: string;
      readonly apiKey: string;
      /** Signs our requests (HMAC over timestamp, method, path and body hash). */
      readonly apiSecret: string;
      readonly timeoutMs: number;
    };
    /** Verifies the aggregator's webhooks (HMAC over timestamp and raw body). */
    readonly webhookSecret: string;
    /** Products whose routes demand a verified identity. */
    readonly requiredProducts: readonly Product[];
    readonly maxAttempts: number;
    readonly nonResidents: 'allow' | 'review' | 'reject';
    /** Days personal data is kept after the account is closed, then purged. */
    readonly retentionDays: number;
    /** Encrypted document images (local-disk store); must be on storage hosted in Kazakhstan. */
    readonly documentsDir: string;
  };
  /** Membership dues: the online payment provider and who may post its webhooks. */
  readonly dues: {
    /** `none`: members pay by transfer and staff confirm; otherwise the adapter in use. */
    readonly provider: 'gateway' | 'kaspi-qr' | 'none';
    readonly gateway: { readonly url: string; readonly apiKey: string; readonly webhookSecret: string };
    readonly kaspi: {
      readonly url: string;
      readonly organizationBin: string;
      readonly deviceToken: string;
      readonly mode: 'qr' | 'link';
      /** PEM files of the merchant's client certificate for mutual TLS (and Kaspi's CA, if needed). */
      readonly clientCertFile: string | undefined;
      readonly clientKeyFile: string | undefined;
      readonly clientKeyPassphrase: string | undefined;
      readonly caFile: string | undefined;
    };
    /** Addresses and networks (CIDR) allowed to post provider webhooks; empty: any. */
    readonly webhookAllowedIps: readonly string[];
  };
  /** Database backups (`sauda backup`, and the daily job when scheduled). */
  readonly backup: {
    readonly dir: string;
    readonly retentionDays: number;
    readonly scheduled: boolean;
    /** Where pg_dump and pg_restore are; otherwise the PostgreSQL directories and PATH are searched. */
    readonly pgBinDir: string | undefined;
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

const randomSigningKey = (): string =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ format: 'der', type: 'pkcs8' })
    .toString('base64');

/**
 * Outside production a missing key set is generated once and kept beside the embedded database,
 * so a demo restarts with readable data and no secret ever sits in the repository. Secrets added
 * by a later version are appended to an existing file, so an old demo keeps its encryption keys.
 */
function developmentSecrets(dataDir: string): Record<string, string> {
  const file = join(dataDir, 'dev-secrets.json');
  const existing = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : undefined;
  const secrets = {
    SAUDA_ENCRYPTION_KEYS: `dev1:${randomKey()}`,
    SAUDA_ENCRYPTION_ACTIVE_KEY: 'dev1',
    SAUDA_BLIND_INDEX_KEY: randomKey(),
    SAUDA_JWT_KEYS: `dev1:${randomSigningKey()}`,
    SAUDA_JWT_ACTIVE_KEY: 'dev1',
    SAUDA_COOKIE_SECRET: randomKey(),
    SAUDA_CLICK_SIGNING_KEY: randomKey(),
    SAUDA_KYC_PROVIDER_API_KEY: `dev-${randomBytes(8).toString('hex')}`,
    SAUDA_KYC_PROVIDER_API_SECRET: randomKey(),
    SAUDA_KYC_WEBHOOK_SECRET: randomKey(),
    SAUDA_DUES_GATEWAY_API_KEY: `dev-${randomBytes(8).toString('hex')}`,
    SAUDA_DUES_GATEWAY_WEBHOOK_SECRET: randomKey(),
    ...existing,
  };
  if (existing && Object.keys(secrets).every((name) => name in existing)) return existing;
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

/**
 * Access-token signing keys and the cookie secret. Like the encryption keys they are required in
 * production; in development they come from the persisted dev secrets, and tests, which run in
 * parallel processes, get fresh ones in memory instead of racing on one file.
 */
function readAuth(read: Reader, env: Config['env'], dataDir: string): Config['auth'] {
  const fromEnv = read.raw('SAUDA_JWT_KEYS');
  const cookieRaw = read.raw('SAUDA_COOKIE_SECRET');
  if (env === 'production') {
    if (fromEnv === undefined)
      read.problems.push(
        'SAUDA_JWT_KEYS: required in production ("keyId:base64 PKCS#8 DER of a P-256 key,...")',
      );
    if (cookieRaw === undefined)
      read.problems.push('SAUDA_COOKIE_SECRET: required in production (32 bytes, base64)');
  }
  const missing = env !== 'production' && (fromEnv === undefined || cookieRaw === undefined);
  const generated: Record<string, string> = !missing
    ? {}
    : env === 'test'
      ? { SAUDA_JWT_KEYS: `test1:${randomSigningKey()}`, SAUDA_COOKIE_SECRET: randomKey() }
      : developmentSecrets(dataDir);
  const source = fromEnv === undefined && env !== 'production' ? new Reader(generated) : read;
  const jwtKeys: SigningKey[] = [];
  for (const entry of (source.raw('SAUDA_JWT_KEYS') ?? '').split(',').filter(Boolean)) {
    const [id, encoded] = entry.split(':');
    const privateKey = encoded ? Buffer.from(encoded, 'base64') : undefined;
    if (!id || !privateKey || !/^[a-z0-9-]{1,32}$/.test(id) || !isP256PrivateKey(privateKey)) {
      read.problems.push(
        'SAUDA_JWT_KEYS: each entry must be "keyId:base64" of a PKCS#8 DER P-256 private key with a short lowercase id',
      );
      continue;
    }
    jwtKeys.push({ id, privateKey });
  }
  const jwtActiveKeyId = source.raw('SAUDA_JWT_ACTIVE_KEY') ?? jwtKeys.at(-1)?.id ?? '';
  if (jwtKeys.length > 0 && !jwtKeys.some((k) => k.id === jwtActiveKeyId)) {
    read.problems.push(`SAUDA_JWT_ACTIVE_KEY: "${jwtActiveKeyId}" is not one of SAUDA_JWT_KEYS`);
  }
  const cookieSource = cookieRaw ?? generated.SAUDA_COOKIE_SECRET;
  const cookieSecret = cookieSource ? read.key('SAUDA_COOKIE_SECRET', cookieSource) : undefined;
  const day = 86_400;
  return {
    jwtKeys,
    jwtActiveKeyId,
    cookieSecret: cookieSecret ?? Buffer.alloc(32),
    accessTokenTtlSeconds: read.integer('SAUDA_ACCESS_TOKEN_TTL_SECONDS', 600, 60, 3_600),
    refreshTokenTtlSeconds: read.integer('SAUDA_REFRESH_TOKEN_TTL_DAYS', 30, 1, 365) * day,
    sessionTtlSeconds: read.integer('SAUDA_SESSION_TTL_DAYS', 30, 1, 365) * day,
  };
}

/**
 * The click signing key is required in production like the other keys; it must stay the same for as
 * long as click ids can come back in conversions, so development keeps it in the dev secrets file.
 */
function readTracking(read: Reader, env: Config['env'], dataDir: string): Config['tracking'] {
  const fromEnv = read.raw('SAUDA_CLICK_SIGNING_KEY');
  if (fromEnv === undefined && env === 'production')
    read.problems.push('SAUDA_CLICK_SIGNING_KEY: required in production (32 bytes, base64)');
  const generated =
    env === 'production'
      ? undefined
      : env === 'test'
        ? randomKey()
        : developmentSecrets(dataDir).SAUDA_CLICK_SIGNING_KEY;
  const encoded = fromEnv ?? generated;
  const key = encoded ? read.key('SAUDA_CLICK_SIGNING_KEY', encoded) : undefined;
  return {
    clickSigningKey: key ?? Buffer.alloc(32),
    clickRetentionMonths: read.integer('SAUDA_CLICK_RETENTION_MONTHS', 13, 1, 120),
  };
}

/**
 * KYC provider settings. The URL and secrets are required in production when an enabled product
 * demands KYC; elsewhere the URL defaults to the sandbox's aggregator simulator and the secrets come
 * from the dev secrets file (fresh in memory for tests), which the demo hands to the simulator too.
 */
function readKyc(
  read: Reader,
  env: Config['env'],
  dataDir: string,
  context: { sandboxUrl: string; products: readonly Product[] },
): Config['kyc'] {
  const requiredProducts = read.list('SAUDA_KYC_REQUIRED_PRODUCTS', PRODUCTS, ['loyalty']);
  const needed =
    env === 'production' && requiredProducts.some((product) => context.products.includes(product));
  const names = [
    'SAUDA_KYC_PROVIDER_API_KEY',
    'SAUDA_KYC_PROVIDER_API_SECRET',
    'SAUDA_KYC_WEBHOOK_SECRET',
  ] as const;
  const missing = names.filter((name) => read.raw(name) === undefined);
  if (needed) {
    if (read.raw('SAUDA_KYC_PROVIDER_URL') === undefined)
      read.problems.push('SAUDA_KYC_PROVIDER_URL: required in production when a product requires KYC');
    for (const name of missing)
      read.problems.push(`${name}: required in production when a product requires KYC`);
  }
  const generated: Record<string, string> =
    missing.length === 0 || env === 'production'
      ? {}
      : env === 'test'
        ? {
            SAUDA_KYC_PROVIDER_API_KEY: `test-${randomBytes(8).toString('hex')}`,
            SAUDA_KYC_PROVIDER_API_SECRET: randomKey(),
            SAUDA_KYC_WEBHOOK_SECRET: randomKey(),
          }
        : developmentSecrets(dataDir);
  const secret = (name: (typeof names)[number]): string => read.raw(name) ?? generated[name] ?? '';
  return {
    provider: {
      url:
        read.url(
          'SAUDA_KYC_PROVIDER_URL',
          env === 'production' ? undefined : `${context.sandboxUrl.replace(/\/+$/, '')}/kyc-aggregator`,
          ['http:', 'https:'],
        ) ?? '',
      apiKey: secret('SAUDA_KYC_PROVIDER_API_KEY'),
      apiSecret: secret('SAUDA_KYC_PROVIDER_API_SECRET'),
      timeoutMs: read.integer('SAUDA_KYC_PROVIDER_TIMEOUT_MS', 10_000, 500, 120_000),
    },
    webhookSecret: secret('SAUDA_KYC_WEBHOOK_SECRET'),
    requiredProducts,
    maxAttempts: read.integer('SAUDA_KYC_MAX_ATTEMPTS', 3, 1, 20),
    nonResidents: read.oneOf('SAUDA_KYC_NON_RESIDENTS', ['allow', 'review', 'reject'], 'review'),
    retentionDays: read.integer('SAUDA_KYC_RETENTION_DAYS', 1_825, 1, 36_500),
    documentsDir: resolve(read.string('SAUDA_KYC_DOCUMENTS_DIR', join(dataDir, 'kyc-documents'))),
  };
}

/**
 * The dues payment provider. Outside production the default is the payment gateway of the sandbox
 * (`<SANDBOX_URL>/kaspi/gateway`) with secrets from the dev secrets file (fresh for tests); in
 * production nothing is assumed: a provider must be chosen and fully configured, or it is `none`.
 */
function readDues(read: Reader, env: Config['env'], dataDir: string, sandboxUrl: string): Config['dues'] {
  const production = env === 'production';
  const provider = read.oneOf(
    'SAUDA_DUES_PAYMENT_PROVIDER',
    ['gateway', 'kaspi-qr', 'none'],
    production ? 'none' : 'gateway',
  );
  const secretNames = ['SAUDA_DUES_GATEWAY_API_KEY', 'SAUDA_DUES_GATEWAY_WEBHOOK_SECRET'] as const;
  const missingSecrets = secretNames.filter((name) => read.raw(name) === undefined);
  const generated: Record<string, string> =
    missingSecrets.length === 0 || production
      ? {}
      : env === 'test'
        ? {
            SAUDA_DUES_GATEWAY_API_KEY: `test-${randomBytes(8).toString('hex')}`,
            SAUDA_DUES_GATEWAY_WEBHOOK_SECRET: randomKey(),
          }
        : developmentSecrets(dataDir);
  const secret = (name: (typeof secretNames)[number]): string => read.raw(name) ?? generated[name] ?? '';
  const sandbox = sandboxUrl.replace(/\/+$/, '');
  const file = (name: string): string | undefined => {
    const value = read.raw(name);
    if (value !== undefined && !existsSync(value)) read.problems.push(`${name}: no such file "${value}"`);
    return value === undefined ? undefined : resolve(value);
  };
  const dues: Config['dues'] = {
    provider,
    gateway: {
      url:
        read.url('SAUDA_DUES_GATEWAY_URL', production ? undefined : `${sandbox}/kaspi/gateway`, [
          'http:',
          'https:',
        ]) ?? '',
      apiKey: secret('SAUDA_DUES_GATEWAY_API_KEY'),
      webhookSecret: secret('SAUDA_DUES_GATEWAY_WEBHOOK_SECRET'),
    },
    kaspi: {
      url:
        read.url('SAUDA_DUES_KASPI_URL', production ? undefined : `${sandbox}/kaspi/r3/v01`, [
          'http:',
          'https:',
        ]) ?? '',
      organizationBin: read.string('SAUDA_DUES_KASPI_ORGANIZATION_BIN', production ? '' : '180240000012'),
      deviceToken: read.string('SAUDA_DUES_KASPI_DEVICE_TOKEN', production ? '' : 'sandbox-device'),
      mode: read.oneOf('SAUDA_DUES_KASPI_MODE', ['qr', 'link'], 'qr'),
      clientCertFile: file('SAUDA_DUES_KASPI_CLIENT_CERT_FILE'),
      clientKeyFile: file('SAUDA_DUES_KASPI_CLIENT_KEY_FILE'),
      clientKeyPassphrase: read.raw('SAUDA_DUES_KASPI_CLIENT_KEY_PASSPHRASE'),
      caFile: file('SAUDA_DUES_KASPI_CA_FILE'),
    },
    webhookAllowedIps: read.list('SAUDA_DUES_WEBHOOK_ALLOWED_IPS', undefined, []),
  };
  for (const entry of dues.webhookAllowedIps) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
    if (family === 0 || (bits !== undefined && (bits < 0 || bits > (family === 6 ? 128 : 32))))
      read.problems.push(`SAUDA_DUES_WEBHOOK_ALLOWED_IPS: "${entry}" is not an address or CIDR network`);
  }
  if (production && provider === 'gateway')
    for (const name of ['SAUDA_DUES_GATEWAY_URL', ...secretNames])
      if (read.raw(name) === undefined)
        read.problems.push(`${name}: required when SAUDA_DUES_PAYMENT_PROVIDER=gateway`);
  if (production && provider === 'kaspi-qr')
    for (const name of [
      'SAUDA_DUES_KASPI_URL',
      'SAUDA_DUES_KASPI_ORGANIZATION_BIN',
      'SAUDA_DUES_KASPI_DEVICE_TOKEN',
      'SAUDA_DUES_KASPI_CLIENT_CERT_FILE',
      'SAUDA_DUES_KASPI_CLIENT_KEY_FILE',
    ])
      if (read.raw(name) === undefined)
        read.problems.push(`${name}: required when SAUDA_DUES_PAYMENT_PROVIDER=kaspi-qr`);
  return dues;
}

function readBackup(read: Reader, env: Config['env'], dataDir: string): Config['backup'] {
  const pgBinDir = read.raw('SAUDA_PG_BIN_DIR');
  if (pgBinDir !== undefined && !existsSync(pgBinDir))
    read.problems.push(`SAUDA_PG_BIN_DIR: no such directory "${pgBinDir}"`);
  return {
    dir: resolve(read.string('SAUDA_BACKUP_DIR', join(dataDir, 'backups'))),
    retentionDays: read.integer('SAUDA_BACKUP_RETENTION_DAYS', 14, 1, 3650),
    scheduled: read.boolean('SAUDA_BACKUP_SCHEDULED', env === 'production'),
    pgBinDir: pgBinDir === undefined ? undefined : resolve(pgBinDir),
  };
}

function isP256PrivateKey(der: Buffer): boolean {
  try {
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

function readNotifications(read: Reader): Config['notifications'] {
  const smtpUrl = read.url('SMTP_URL', undefined, ['smtp:', 'smtps:']);
  const smsUrl = read.url('SMS_GATEWAY_URL', undefined, ['http:', 'https:']);
  const smsApiKey = read.raw('SMS_GATEWAY_API_KEY');
  if (smsUrl && !smsApiKey) read.problems.push('SMS_GATEWAY_API_KEY: required when SMS_GATEWAY_URL is set');
  const whatsAppUrl = read.url('WHATSAPP_API_URL', undefined, ['http:', 'https:']);
  const whatsAppNumber = read.raw('WHATSAPP_PHONE_NUMBER_ID');
  const whatsAppToken = read.raw('WHATSAPP_ACCESS_TOKEN');
  if (whatsAppUrl && (!whatsAppNumber || !whatsAppToken))
    read.problems.push(
      'WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN: required when WHATSAPP_API_URL is set',
    );
  return {
    email: smtpUrl
      ? { url: smtpUrl, from: read.string('MAIL_FROM', 'Sauda <no-reply@sauda.kz>') }
      : undefined,
    sms:
      smsUrl && smsApiKey
        ? { url: smsUrl, apiKey: smsApiKey, sender: read.string('SMS_SENDER', 'Sauda') }
        : undefined,
    whatsapp:
      whatsAppUrl && whatsAppNumber && whatsAppToken
        ? { url: whatsAppUrl, phoneNumberId: whatsAppNumber, accessToken: whatsAppToken }
        : undefined,
  };
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

  const sandboxUrl = read.url('SANDBOX_URL', `http://127.0.0.1:${sandboxPort}`, ['http:', 'https:']) ?? '';

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
      url: sandboxUrl,
    },
    crypto: readCrypto(read, nodeEnv, dataDir),
    auth: readAuth(read, nodeEnv, dataDir),
    tracking: readTracking(read, nodeEnv, dataDir),
    notifications: readNotifications(read),
    kyc: readKyc(read, nodeEnv, dataDir, { sandboxUrl, products }),
    dues: readDues(read, nodeEnv, dataDir, sandboxUrl),
    backup: readBackup(read, nodeEnv, dataDir),
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
