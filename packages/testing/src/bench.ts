import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool } from '@sauda/platform';

/**
 * What the benchmarks (`npm run bench:*`) share: a free loopback port, waiting, scratch databases
 * on the PostgreSQL under test, and the real server started as a production child process.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A port nobody listens on at the moment, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

/** Polls `check` every 250 ms until it says yes (a throw counts as no). */
export async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else
      child.once('exit', (code) => {
        resolve(code);
      });
  });
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = createPool(serverUrl, { max: 1, statementTimeoutMs: 120_000 });
  await admin.query(text).finally(() => admin.end());
}

/** A fresh, empty database `name` (dropped first with its sessions if it exists). */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  return databaseOn(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Keys a benchmark starts the server with and keeps, to act on its data (encrypted secrets, click ids). */
export interface BenchKeys {
  readonly encryption: Buffer;
  readonly blindIndex: Buffer;
  readonly clickSigning: Buffer;
}

export const newBenchKeys = (): BenchKeys => ({
  encryption: randomBytes(32),
  blindIndex: randomBytes(32),
  clickSigning: randomBytes(32),
});

export interface BenchServer {
  readonly child: ChildProcess;
  readonly url: string;
  /** The last 20 kB the server printed, for the report when it fails. */
  readonly output: () => string;
}

/**
 * `sauda start` in production mode on 127.0.0.1 as a child process (its own core, as in production),
 * migrating `databaseUrl`, with generated keys. Resolves once it answers /ready.
 */
export async function startBenchServer(options: {
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly keys: BenchKeys;
  readonly env?: Readonly<Record<string, string>>;
  /** Writes a V8 CPU profile of the server there, to see where a slow run spends its time. */
  readonly cpuProfileDir?: string | undefined;
}): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const jwtKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ format: 'der', type: 'pkcs8' })
    .toString('base64');
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'apps/server/src/cli/sauda.ts'), 'start'], {
    cwd: ROOT,
    env: {
      NODE_ENV: 'production',
      // Only products whose production settings a bench can invent (no KYC provider needed).
      SAUDA_PRODUCTS: 'cpa',
      SAUDA_PRIMARY_PRODUCT: 'cpa',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: options.databaseUrl,
      SAUDA_DATA_DIR: options.dataDir,
      // Every request comes from 127.0.0.1: the per-IP limit would measure the limiter, not the server.
      RATE_LIMIT_PER_MINUTE: '1000000',
      SAUDA_ENCRYPTION_KEYS: `bench:${options.keys.encryption.toString('base64')}`,
      SAUDA_BLIND_INDEX_KEY: options.keys.blindIndex.toString('base64'),
      SAUDA_JWT_KEYS: `bench:${jwtKey}`,
      SAUDA_COOKIE_SECRET: randomBytes(32).toString('base64'),
      SAUDA_CLICK_SIGNING_KEY: options.keys.clickSigning.toString('base64'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const server = { child, url, output: () => output };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      return (await fetch(`${url}/ready`)).ok;
    }, 'the server to be ready');
  } catch (error) {
    process.stderr.write(output);
    if (child.exitCode === null) child.kill('SIGTERM');
    throw error;
  }
  return server;
}

/** The catalog input of the one active partner the benchmarks send traffic to. */
export function benchPartner(network: string, trackingUrlTemplate: string) {
  const empty = { ru: '', kk: '', en: '' };
  return {
    slug: 'bench-shop',
    name: { ru: 'Бенч', kk: 'Бенч', en: 'Bench' },
    shortDescription: empty,
    description: empty,
    conditions: empty,
    website: 'https://bench-shop.kz/',
    domains: [{ domain: 'bench-shop.kz', includeSubdomains: true }],
    categories: [],
    reward: { kind: 'percent', rate: '5', currency: 'KZT', userShare: '0.7', cap: null, holdDays: 30 },
    network,
    trackingUrlTemplate,
    appLinks: null,
    interstitial: false,
    featured: false,
    sortWeight: 0,
    status: 'active',
  } as const;
}
