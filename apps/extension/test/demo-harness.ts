import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { createLogger, type Config } from '@sauda/platform';
import { startServer } from '@sauda/server';
import { createTestDatabase, testConfig, type TestDatabase, freePort } from '@sauda/testing';
import { buildWeb } from '@sauda/web';
import type { Locale } from '../src/core/messages.ts';

/**
 * The Sauda demo (server, sandbox network, demo catalog, the built web cabinet) on loopback, a
 * partner's shop served on loopback under the partner's real domain, and the built extension in
 * Chromium. Shared by the extension's end-to-end tests; the web app's own harness lives in apps/web.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const EXTENSION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE = join(EXTENSION_ROOT, '..', '..', 'node_modules', '.bin', 'node');
export const PASSWORD = 'correct horse battery staple';

export interface Demo {
  /** The API and the cabinet as the browser and the extension see them. */
  readonly url: string;
  readonly config: Config;
  readonly server: Awaited<ReturnType<typeof startServer>>;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  await buildWeb();
  const database: TestDatabase = await createTestDatabase();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const config = testConfig(database.url, {
    SAUDA_DEMO: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    SANDBOX_PORT: String(await freePort()),
    PUBLIC_URL: url,
    RATE_LIMIT_PER_MINUTE: '20000',
  });
  const server = await startServer(config, createLogger({ env: 'test', logLevel: 'silent' }), {
    web: { mode: 'production' },
  });
  await server.app.sauda.modules.tracking.api.reloadRules();
  return {
    url,
    config,
    server,
    async close() {
      await server.stop();
      await database.close();
    },
  };
}

const cookiesOf = (headers: Headers): string =>
  headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .join('; ');

/**
 * A person signs up in a language through the site's own forms (what a browser without scripts
 * posts), confirms the code from the demo's dev mailbox and signs in; returns the session cookies.
 */
export async function signUp(
  demo: Demo,
  locale: Locale,
  email: string,
): Promise<{ cookie: string; userId: string; locale: string }> {
  const post = (path: string, form: URLSearchParams, cookie = '') =>
    fetch(`${demo.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: form.toString(),
    });
  const legal = (await (await fetch(`${demo.url}/v1/auth/legal-documents`)).json()) as {
    documents: { document: string; version: string }[];
  };
  const registered = await post(
    `/${locale}/register`,
    new URLSearchParams([
      ['fullName', 'Айгерім Сапарова'],
      ['email', email],
      ['password', PASSWORD],
      ...legal.documents.map((doc) => ['accept', `${doc.document}@${doc.version}`]),
    ]),
  );
  expect(registered.status).toBe(302);
  const mailbox = await (await fetch(`${demo.url}/dev/mailbox`)).text();
  const entry = mailbox.split('<article').find((article) => article.includes(email)) ?? '';
  const code = /\b(\d{6})\b/.exec(entry.split('class="body"')[1] ?? '')?.[1] ?? '';
  const verified = await post(
    `/${locale}/verify`,
    new URLSearchParams({ intent: 'verify', code }),
    cookiesOf(registered.headers),
  );
  expect(verified.status).toBe(302);
  const login = await post(`/${locale}/login`, new URLSearchParams({ login: email, password: PASSWORD }));
  expect(login.status).toBe(302);
  const cookie = cookiesOf(login.headers);
  const me = (await (await fetch(`${demo.url}/v1/me`, { headers: { cookie } })).json()) as {
    profile: { id: string; locale: string };
  };
  return { cookie, userId: me.profile.id, locale: me.profile.locale };
}

const SHOP_TEXT: Record<Locale, { name: string; intro: string; products: string[] }> = {
  ru: {
    name: 'Техноград',
    intro: 'Электроника с доставкой по Казахстану',
    products: ['Смартфон Sauda X — 189 990 ₸', 'Ноутбук Orda 14 — 349 990 ₸', 'Наушники Dala — 24 990 ₸'],
  },
  kk: {
    name: 'Техноград',
    intro: 'Қазақстан бойынша жеткізілетін электроника',
    products: ['Sauda X смартфоны — 189 990 ₸', 'Orda 14 ноутбугі — 349 990 ₸', 'Dala құлаққабы — 24 990 ₸'],
  },
  en: {
    name: 'Tehnograd',
    intro: 'Electronics delivered across Kazakhstan',
    products: ['Sauda X smartphone — 189,990 ₸', 'Orda 14 laptop — 349,990 ₸', 'Dala headphones — 24,990 ₸'],
  },
};

/** Tehnograd's own shop site (a demo partner): the browser reaches it under its real domain (host-resolver rules). */
export async function startShop(): Promise<{ port: number; visits: string[]; close(): Promise<void> }> {
  const visits: string[] = [];
  const server: Server = createHttpServer((request, response) => {
    visits.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://shop');
    const lang = (['ru', 'kk', 'en'] as const).find((l) => l === url.searchParams.get('lang')) ?? 'ru';
    const text = SHOP_TEXT[lang];
    const cards = text.products.map((product) => `<li>${product}</li>`).join('');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${text.name}</title>` +
          `<style>body{margin:0;font:16px system-ui,sans-serif;background:#f4f6fb;color:#1d2433}` +
          `header{background:#0b63c5;color:#fff;padding:20px 40px;font-size:28px;font-weight:700}` +
          `p{padding:0 40px}ul{display:grid;grid-template-columns:repeat(3,1fr);gap:20px;list-style:none;padding:0 40px}` +
          `li{background:#fff;border-radius:12px;padding:80px 20px 20px;box-shadow:0 1px 4px #0002}</style>` +
          `<header>${text.name}</header><p>${text.intro}</p><ul>${cards}</ul></html>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    visits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Builds the Chromium extension for an API origin, with the e2e switch, into a folder of its own. */
export function buildExtension(apiUrl: string, outDir: string): string {
  const build = spawnSync(NODE, ['scripts/build-all.ts', 'chrome'], {
    cwd: EXTENSION_ROOT,
    env: {
      // eslint-disable-next-line no-restricted-properties -- the build runs with the test's environment
      ...process.env,
      SAUDA_API_URL: apiUrl,
      SAUDA_EXTENSION_E2E: '1',
      SAUDA_EXTENSION_OUT_DIR: outDir,
    },
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  return join(outDir, 'chrome-mv3');
}

/**
 * Chromium with the extension, reading pages in the given language, a person's user agent (headless
 * Chromium calls itself HeadlessChrome, which tracking treats as a robot and never counts) and the
 * given hosts mapped to loopback ports.
 */
export async function launchWithExtension(
  extension: string,
  locale: Locale,
  hostRules: string,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const version = /(\d+\.\d+\.\d+\.\d+)/.exec(
    spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout,
  )?.[1];
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version ?? '140.0.0.0'} Safari/537.36`;
  const profile = await mkdtemp(join(tmpdir(), 'sauda-extension-'));
  // The languages the person reads pages in: what the popup follows before an account is connected
  // (Debian's chromium ships only the en-US interface without chromium-l10n).
  const language = { ru: 'ru,en-US', kk: 'kk,ru,en-US', en: 'en-US,en' }[locale];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless=new',
      '--no-sandbox',
      `--accept-lang=${language}`,
      `--user-agent=${userAgent}`,
      `--host-resolver-rules=${hostRules}`,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
