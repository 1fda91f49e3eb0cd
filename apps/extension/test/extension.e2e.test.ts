import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';

/** The extension API as seen inside the service worker, where the callbacks below run. */
declare const chrome: typeof Browser;

/**
 * The built Chromium extension in a real Chromium: it syncs the feed from a test API at start-up
 * and schedules the daily one, and never sends the URLs of the pages the user browses.
 * Skipped only when Chromium is not installed (CI installs it).
 */
const CHROMIUM = '/usr/bin/chromium';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requests: { url: string; ifNoneMatch: string | undefined }[] = [];
const feed = {
  version: 5,
  partners: [
    {
      id: 'prt_1',
      slug: 'shop',
      status: 'active',
      domains: [{ domain: 'shop.example', includeSubdomains: true }],
      reward: { kind: 'percent', userRate: '5.00', currency: 'KZT' },
      goUrl: 'http://127.0.0.1/go/shop',
    },
  ],
};

let server: Server;
let context: BrowserContext;
let profile: string;

describe.skipIf(!existsSync(CHROMIUM))('the extension in Chromium', () => {
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', ifNoneMatch: request.headers['if-none-match'] });
      if (request.url === '/v1/catalog/sync') {
        if (request.headers['if-none-match'] === '"v5"') return response.writeHead(304).end();
        return response
          .writeHead(200, { 'content-type': 'application/json', etag: '"v5"' })
          .end(JSON.stringify(feed));
      }
      response.writeHead(200, { 'content-type': 'text/html' }).end('<title>page</title><h1>a page</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const build = spawnSync(
      join(root, '..', '..', 'node_modules', '.bin', 'node'),
      ['scripts/build-all.ts', 'chrome'],
      {
        cwd: root,
        env: { ...process.env, SAUDA_API_URL: apiUrl },
        encoding: 'utf8',
      },
    );
    expect(build.status, build.stderr).toBe(0);
    const extension = join(root, 'dist', 'chrome-mv3');
    profile = await mkdtemp(join(tmpdir(), 'sauda-extension-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false,
      args: [
        '--headless=new',
        '--no-sandbox',
        `--disable-extensions-except=${extension}`,
        `--load-extension=${extension}`,
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  });

  it('syncs the partner feed at start-up and schedules the daily sync', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.storage.local.get('feed')).feed), {
        timeout: 15_000,
      })
      .toMatchObject({ etag: '"v5"', feed: { version: 5 } });
    const alarm = await worker.evaluate(() => chrome.alarms.get('feed-sync'));
    expect(alarm?.periodInMinutes).toBe(24 * 60);
  });

  it('never sends the URLs of browsed pages to the API', async () => {
    const page = await context.newPage();
    const secret = 'private-page-7f3a';
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/${secret}?q=${secret}`);
    await page.waitForTimeout(1000);
    const fromExtension = requests.filter((request) => !request.url.startsWith(`/${secret}`));
    expect(fromExtension.length).toBeGreaterThan(0);
    expect(fromExtension.every((request) => !request.url.includes(secret))).toBe(true);
  });
});
