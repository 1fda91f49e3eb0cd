/**
 * `npm run bench:lighthouse`: Lighthouse (mobile, simulated throttling) on the landing and catalog
 * pages of the production build, served by the real server with the demo data.
 *
 *   node apps/web/bench/lighthouse.bench.ts [--database-url postgres://…] [--locale ru] [--runs 1] [--report-dir dir]
 *
 * 1. A fresh database sauda_bench_lighthouse on the given PostgreSQL.
 * 2. The web app is built for production (skipped when its sources have not changed).
 * 3. The server starts in this process as the demo does (sandbox, demo catalog), serving the build.
 * 4. Debian's Chromium runs Lighthouse on each page; with several runs the median score counts.
 *
 * Prints: lighthouse_landing=<performance>/<accessibility>/<best-practices>/<seo> lighthouse_catalog=<…>
 * Targets: 90/95/95/95 or better. Only 127.0.0.1 is ever loaded.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createLogger, createPool, loadConfig } from '@sauda/platform';
import { startServer } from '@sauda/server';
import { buildWeb } from '../src/build.ts';
import { freePort } from '@sauda/testing';

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    locale: { type: 'string', default: 'ru' },
    runs: { type: 'string', default: '1' },
    'report-dir': { type: 'string' },
  },
});
const DATABASE = 'sauda_bench_lighthouse';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const CHROMIUM = '/usr/bin/chromium';
const runs = Math.max(1, Number(options.runs));

async function adminQuery(text: string): Promise<void> {
  const admin = createPool(options['database-url'], { max: 1, statementTimeoutMs: 60_000 });
  await admin.query(text).finally(() => admin.end());
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function audit(url: string, chromePort: number, name: string): Promise<string> {
  const scores: Record<string, number[]> = {};
  for (let run = 0; run < runs; run += 1) {
    const result = await lighthouse(url, {
      port: chromePort,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    for (const category of CATEGORIES) {
      (scores[category] ??= []).push(Math.round((result.lhr.categories[category]?.score ?? 0) * 100));
    }
    if (options['report-dir']) {
      mkdirSync(options['report-dir'], { recursive: true });
      writeFileSync(
        join(options['report-dir'], `${name}-${String(run + 1)}.json`),
        JSON.stringify(result.lhr),
      );
    }
  }
  return CATEGORIES.map((category) => median(scores[category] ?? [])).join('/');
}

async function main(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${DATABASE}`);
  const databaseUrl = (() => {
    const url = new URL(options['database-url']);
    url.pathname = `/${DATABASE}`;
    return url.toString();
  })();
  const dataDir = mkdtempSync(join(tmpdir(), 'sauda-lighthouse-'));
  process.stdout.write('web: building for production (skipped when unchanged)…\n');
  await buildWeb();
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const base = `http://localhost:${String(port)}`;
  const config = loadConfig(
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      PUBLIC_URL: base,
      DATABASE_URL: databaseUrl,
      SAUDA_DATA_DIR: dataDir,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      // Lighthouse loads every page from 127.0.0.1; the per-IP budget is for the public internet.
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    { demo: true },
  );
  process.stdout.write(`server: starting the demo with the production web build on ${base}…\n`);
  const server = await startServer(config, createLogger(config), { web: { mode: 'production' } });
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const locale = options.locale;
    // A first visit warms the server's caches, as any page after the first one would find them.
    await fetch(`${base}/${locale}`);
    await fetch(`${base}/${locale}/catalog`);
    const landing = await audit(`${base}/${locale}`, chrome.port, 'landing');
    const catalog = await audit(`${base}/${locale}/catalog`, chrome.port, 'catalog');
    process.stdout.write(`lighthouse_landing=${landing} lighthouse_catalog=${catalog}\n`);
  } finally {
    chrome.kill();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

await main();
