import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createLogger, type Clock, type Config } from '@sauda/platform';
import { startServer } from '@sauda/server';
import { createTestDatabase, freePort, testConfig, type TestDatabase } from '@sauda/testing';
import { buildWeb } from '../src/build.ts';
import { WEB_ROOT } from '../src/renderer.ts';
import { MISSING_TEXT_MARKER } from '../app/i18n/i18n.ts';

/** Debian's Chromium (`.ci/run` installs the package); the browser tests are skipped, and say so, without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Screenshots kept as test artifacts (git-ignored). */
export const ARTIFACTS = join(WEB_ROOT, 'test-artifacts');

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** Under the repository's node_modules, so the build's server bundle still resolves its packages. */
const SNAPSHOTS = join(WEB_ROOT, '..', '..', 'node_modules', '.cache', 'sauda-web-e2e');
/** No test run lasts this long. */
const STALE_SNAPSHOT_MS = 6 * 3_600_000;

/**
 * A private copy of the production build. Another test run (or a build by hand) rebuilds
 * apps/web/dist when the sources change, which would take the assets of a running demo away.
 */
async function snapshotOfBuild(): Promise<string> {
  mkdirSync(SNAPSHOTS, { recursive: true });
  // Copies left by runs that died before closing their demo.
  for (const entry of readdirSync(SNAPSHOTS)) {
    const path = join(SNAPSHOTS, entry);
    if (Date.now() - statSync(path).mtimeMs > STALE_SNAPSHOT_MS)
      rmSync(path, { recursive: true, force: true });
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const { directory } = await buildWeb();
    const snapshot = mkdtempSync(join(SNAPSHOTS, 'build-'));
    const building = () => existsSync(join(directory, '.build-lock'));
    const wasBuilding = building();
    cpSync(directory, snapshot, { recursive: true, filter: (source) => !source.endsWith('.build-lock') });
    if (!wasBuilding && !building() && existsSync(join(snapshot, '.source-hash'))) return snapshot;
    rmSync(snapshot, { recursive: true, force: true });
  }
  throw new Error('the web build kept changing while it was copied');
}

export interface WebDemo {
  /** The site as a browser sees it (`http://localhost:<port>`: secure-context cookies work there). */
  readonly url: string;
  readonly sandboxUrl: string;
  readonly config: Config;
  readonly server: Awaited<ReturnType<typeof startServer>>;
  readonly browser: Browser;
  /** A fresh browser profile in a language, collecting console errors as the runtime guard. */
  newContext(
    locale: 'ru-RU' | 'kk-KZ' | 'en-US',
    viewport?: { width: number; height: number },
  ): Promise<GuardedContext>;
  close(): Promise<void>;
}

export interface GuardedContext {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  readonly errors: string[];
}

/**
 * The demo as `npm start` runs it (sandbox simulators, demo data, dev mailbox), on a database of its
 * own, serving the production build of the web app, plus a headless Chromium.
 */
export async function startWebDemo(
  options: { browser?: boolean; clock?: Clock; env?: Record<string, string> } = {},
): Promise<WebDemo> {
  const build = await snapshotOfBuild();
  mkdirSync(ARTIFACTS, { recursive: true });
  const database: TestDatabase = await createTestDatabase();
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const url = `http://localhost:${port}`;
  const config = testConfig(database.url, {
    SAUDA_DEMO: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    SANDBOX_PORT: String(sandboxPort),
    PUBLIC_URL: url,
    // One browser makes every request from 127.0.0.1; the per-IP budget is for the public internet.
    RATE_LIMIT_PER_MINUTE: '20000',
    ...options.env,
  });
  const server = await startServer(config, createLogger({ env: 'test', logLevel: 'silent' }), {
    web: { mode: 'production', buildDirectory: build },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await server.app.sauda.modules.tracking.api.reloadRules();
  const browser = await (options.browser === false
    ? Promise.resolve(undefined)
    : chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }));
  const requireBrowser = (): Browser => {
    if (!browser) throw new Error('this demo was started without a browser');
    return browser;
  };
  return {
    url,
    sandboxUrl: config.sandbox.url,
    config,
    server,
    get browser() {
      return requireBrowser();
    },
    async newContext(locale, viewport = DESKTOP) {
      const browser = requireBrowser();
      // Headless Chromium names itself "HeadlessChrome", which tracking treats as a robot (redirected
      // straight to the shop, never counted); a person's browser sends the plain Chrome token.
      const userAgent = (
        await browser.newBrowserCDPSession().then(async (session) => {
          const { userAgent: agent } = (await session.send('Browser.getVersion')) as { userAgent: string };
          await session.detach();
          return agent;
        })
      ).replace('HeadlessChrome', 'Chrome');
      const context = await browser.newContext({ locale, viewport, baseURL: url, userAgent });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        // Chromium reports every 4xx response as a console error. Two are the design: the 404 page,
        // and a refused form submission (an action answers with the API's status: 401, 428…).
        const where = message.location().url;
        const status = /status of (\d{3})/.exec(message.text())?.[1] ?? '';
        const expected404 = status === '404' && /no-such-page/.test(where);
        const refusedForm = status.startsWith('4') && status !== '404' && where.endsWith('.data');
        if (message.type() === 'error' && !expected404 && !refusedForm)
          errors.push(`${where}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      return { context, page, errors };
    },
    async close() {
      await browser?.close();
      await server.stop();
      await database.close();
      rmSync(build, { recursive: true, force: true });
    },
  };
}

/**
 * The runtime guard against untranslated text: the page must be in the expected language, show no
 * missing-key marker, and (for Kazakh) actually use Kazakh letters.
 */
export async function expectTranslated(page: Page, locale: 'ru' | 'kk' | 'en'): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe(locale);
  const text = await page.locator('body').innerText();
  expect(text, `missing translation on ${page.url()}`).not.toContain(MISSING_TEXT_MARKER);
  const title = await page.title();
  expect(title).not.toContain(MISSING_TEXT_MARKER);
  if (locale === 'kk') expect(text, `no Kazakh text on ${page.url()}`).toMatch(/[әғқңөұүһі]/u);
  if (locale === 'en') expect(text, `Cyrillic on an English page ${page.url()}`).not.toMatch(/[а-яё]{4,}/iu);
}

/** The newest six-digit code sent to an address, read from the demo's dev mailbox like a person would. */
export async function codeFromMailbox(page: Page, address: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await page.goto('/dev/mailbox');
    const article = page.locator('article', { hasText: address }).first();
    if ((await article.count()) > 0) {
      const code = /\b(\d{6})\b/.exec(await article.locator('.body').innerText())?.[1];
      if (code) return code;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no code for ${address} in the dev mailbox`);
}

export const PASSWORD = 'correct horse battery staple';

/** Cookie header of the cookies a response set. */
export const cookieJar = (headers: Headers): string =>
  headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .join('; ');

export interface FormSession {
  readonly cookie: string;
  readonly csrf: string;
  readonly userId: string;
}

/**
 * Signs up, confirms the code from the dev mailbox and signs in through the site's own forms over
 * plain HTTP (what a browser without scripts would post).
 */
export async function signUpWithForms(
  demo: WebDemo,
  email: string,
  fullName = 'Айгерім Сапарова',
): Promise<FormSession> {
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
    '/ru/register',
    new URLSearchParams([
      ['fullName', fullName],
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
    '/ru/verify',
    new URLSearchParams({ intent: 'verify', code }),
    cookieJar(registered.headers),
  );
  expect(verified.headers.get('location')).toBe('/ru/login?verified=1');
  const login = await post('/ru/login', new URLSearchParams({ login: email, password: PASSWORD }));
  expect(login.status).toBe(302);
  const cookie = cookieJar(login.headers);
  const me = (await (await fetch(`${demo.url}/v1/me`, { headers: { cookie } })).json()) as {
    profile: { id: string };
  };
  return { cookie, csrf: /sauda_csrf=([^;]+)/.exec(cookie)?.[1] ?? '', userId: me.profile.id };
}

/** Puts a session obtained over HTTP into a browser profile. */
export async function addSession(
  context: BrowserContext,
  demo: WebDemo,
  session: FormSession,
): Promise<void> {
  await context.addCookies(
    session.cookie.split('; ').map((pair) => {
      const [name = '', ...value] = pair.split('=');
      return { name, value: value.join('='), url: demo.url };
    }),
  );
}
