import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { almatyDate } from '@sauda/platform';
import type { Browser } from 'wxt/browser';
import { translate, type Locale, type MessageKey } from '../src/core/messages.ts';
import {
  buildExtension,
  CHROMIUM,
  launchWithExtension,
  signUp,
  startDemo,
  startShop,
  type Demo,
} from './demo-harness.ts';
import { storeScreenshot } from './store-screenshot.ts';

/** The extension API as seen inside the service worker, where the callbacks below run. */
declare const chrome: typeof Browser;

/**
 * The whole journey in Chromium against the real demo: connect the account through the device
 * flow (approved in the cabinet), open the partner's shop under its real domain, see the rate,
 * activate, land at the network with the click id, find the click recorded for the user and listed
 * in the cabinet; stand down for another affiliate's link; revoke the device in the cabinet and see
 * the extension say so.
 * Also writes the store screenshots (not connected, partner detected, activated) in ru, kk and en.
 */
const PARTNER = { slug: 'tehnograd', domain: 'tehnograd.kz', badge: '1.4%' };
const RATE: Record<Locale, string> = { ru: '1,4%', kk: '1,4%', en: '1.4%' };
/** The web cabinet's label of an extension click (apps/web dictionaries, `account.visits.sources.ext`). */
const FROM_EXTENSION: Record<Locale, string> = {
  ru: 'из расширения',
  kk: 'кеңейтімнен',
  en: 'from the extension',
};

let demo: Demo;
let shop: Awaited<ReturnType<typeof startShop>>;
let extension: string;
let outDir: string;

/** One browser profile with the extension, in a language. */
class Session {
  readonly context: BrowserContext;
  readonly worker: Worker;
  readonly locale: Locale;

  constructor(context: BrowserContext, worker: Worker, locale: Locale) {
    this.context = context;
    this.worker = worker;
    this.locale = locale;
  }

  text(key: MessageKey): string {
    return translate(this.locale, key);
  }

  /** The id of the tab showing `page`, as the extension knows it. */
  async tabOf(page: Page): Promise<number> {
    const url = page.url();
    const ids = await this.worker.evaluate(
      async (wanted) =>
        (await chrome.tabs.query({})).filter((tab) => tab.url === wanted).map((tab) => tab.id),
      url,
    );
    expect(ids, `one tab at ${url}`).toHaveLength(1);
    return ids[0]!;
  }

  /** The popup for a tab, as a page (a test cannot click the toolbar; the e2e build accepts `?tab=`). */
  async popup(page: Page): Promise<Page> {
    const tabId = await this.tabOf(page);
    const popup = await this.context.newPage();
    await popup.goto(`chrome-extension://${new URL(this.worker.url()).host}/popup.html?tab=${String(tabId)}`);
    await popup.locator('[data-testid=site]').waitFor();
    return popup;
  }

  async icon(page: Page): Promise<{ badge: string; title: string }> {
    const tabId = await this.tabOf(page);
    return this.worker.evaluate(
      async (id) => ({
        badge: await chrome.action.getBadgeText({ tabId: id }),
        title: await chrome.action.getTitle({ tabId: id }),
      }),
      tabId,
    );
  }

  async stored(key: string): Promise<unknown> {
    return this.worker.evaluate(async (name) => (await chrome.storage.local.get(name))[name], key);
  }
}

async function openSession(locale: Locale): Promise<{ session: Session; close: () => Promise<void> }> {
  const rules = `MAP ${PARTNER.domain} 127.0.0.1:${String(shop.port)}, MAP *.${PARTNER.domain} 127.0.0.1:${String(shop.port)}`;
  const browser = await launchWithExtension(extension, locale, rules);
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  const session = new Session(browser.context, worker, locale);
  await expect
    .poll(
      () => session.stored('feed').then((feed) => (feed as { syncedAt?: string } | undefined)?.syncedAt),
      {
        timeout: 15_000,
      },
    )
    .toBeTruthy();
  return { session, close: browser.close };
}

/** "Connect" in the popup, approval in the cabinet's device page as the signed-in user. */
async function connect(session: Session, popup: Page): Promise<void> {
  await popup.getByTestId('connect').click();
  const code = await popup.getByTestId('user-code').innerText();
  await expect
    .poll(() => session.context.pages().some((page) => page.url().includes('/device')), { timeout: 10_000 })
    .toBe(true);
  const device = session.context.pages().find((page) => page.url().includes('/device'))!;
  await device.locator('button[value=approve]').waitFor();
  expect(await device.locator('body').innerText()).toContain(code);
  expect(new URL(device.url()).pathname).toBe(`/${session.locale}/device`);
  await device.locator('button[value=approve]').click();
  // The extension polls the token endpoint at the interval the server gave (5 s); the popup follows.
  await popup.getByTestId('connected').waitFor({ timeout: 30_000 });
  await device.close();
}

/** Activation sends the tab through /go to the network, which shows its shop with the click id. */
async function activate(session: Session, page: Page, userId: string): Promise<void> {
  const shopUrl = page.url();
  const popup = await session.popup(page);
  await popup.getByTestId('activate').click();
  await page.waitForURL(/\/affiliate-network\/click\?/, { timeout: 15_000 });
  const landed = new URL(page.url());
  const clickId = landed.searchParams.get('subid') ?? '';
  expect(landed.searchParams.get('url')).toBe(shopUrl);
  expect(landed.searchParams.get('offer')).toBe(PARTNER.slug);
  expect(await page.locator('code').first().innerText()).toBe(clickId);

  const tracking = demo.server.app.sauda.modules.tracking.api;
  await tracking.flushClicks();
  expect(await tracking.resolveClick(clickId)).toMatchObject({
    via: 'go',
    partnerSlug: PARTNER.slug,
    userId,
  });
  const day = almatyDate(new Date());
  const clicks = await tracking.dailyClicks({ from: day, to: day, userId, source: 'ext', limit: 10 });
  expect(clicks).toEqual([expect.objectContaining({ clicks: 1, userId })]);

  // The signed-in user sees the visit in the cabinet too, in their language, as made by the extension.
  const partner = await demo.server.app.sauda.modules.catalog.api.getPartnerBySlug(PARTNER.slug);
  const cabinet = await session.context.newPage();
  await cabinet.goto(`${demo.url}/${session.locale}/account`);
  const visit = cabinet.getByTestId('recent-visits').getByRole('listitem').first();
  expect(await visit.getByRole('link').innerText()).toBe(partner?.name[session.locale]);
  expect(await visit.innerText()).toContain(FROM_EXTENSION[session.locale]);
  await cabinet.close();

  // Back on the shop through the network's link, the tab stays activated.
  await page.locator(`a[href="${shopUrl}"]`).click();
  await page.waitForURL(shopUrl);
}

describe.skipIf(!existsSync(CHROMIUM))('the extension journey in Chromium against the demo', () => {
  beforeAll(async () => {
    demo = await startDemo();
    shop = await startShop();
    outDir = await mkdtemp(join(tmpdir(), 'sauda-extension-build-'));
    extension = buildExtension(demo.url, outDir);
  }, 240_000);

  afterAll(async () => {
    const started = { demo: demo as Demo | undefined, shop: shop as typeof shop | undefined };
    await started.shop?.close();
    await started.demo?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  for (const locale of ['ru', 'kk', 'en'] as const) {
    it(`connects, detects the partner, activates and records the click (${locale}, with store screenshots)`, async () => {
      const { session, close } = await openSession(locale);
      try {
        const user = await signUp(demo, locale, `extension-${locale}-${String(Date.now())}@example.kz`);
        expect(user.locale).toBe(locale);
        await session.context.addCookies(
          user.cookie.split('; ').map((pair) => {
            const [name = '', ...value] = pair.split('=');
            return { name, value: value.join('='), url: demo.url };
          }),
        );
        const page = session.context.pages()[0] ?? (await session.context.newPage());
        await page.goto(`http://${PARTNER.domain}/smartphones?lang=${locale}`);

        const offer = await session.popup(page);
        expect(await offer.getAttribute('html', 'lang')).toBe(locale);
        expect(await offer.getByTestId('rate').innerText()).toBe(
          translate(locale, 'partnerRate', { rate: RATE[locale] }),
        );
        expect(await offer.getByTestId('activate').count()).toBe(0);
        expect(await session.icon(page)).toEqual({
          badge: PARTNER.badge,
          title: session.text('titlePartnerConnect'),
        });
        await storeScreenshot(page, offer, `store-${locale}-1-not-connected`);

        await connect(session, offer);
        await offer.close();
        const detected = await session.popup(page);
        await expect.poll(() => detected.getByTestId('activate').innerText()).toBe(session.text('activate'));
        expect(await session.icon(page)).toEqual({
          badge: PARTNER.badge,
          title: session.text('titlePartner'),
        });
        await storeScreenshot(page, detected, `store-${locale}-2-partner-detected`);

        await activate(session, page, user.userId);
        const activated = await session.popup(page);
        expect(await activated.getByTestId('activated').innerText()).toBe(session.text('activated'));
        expect(await session.icon(page)).toEqual({ badge: '✓', title: session.text('titleActivated') });
        await storeScreenshot(page, activated, `store-${locale}-3-activated`);
        await activated.close();

        if (locale === 'ru') await standDownAndRevoke(session, user.cookie);
      } finally {
        await close();
      }
    }, 120_000);
  }
});

/** Another affiliate's link is left alone; a device revoked in the cabinet disconnects cleanly. */
async function standDownAndRevoke(session: Session, cookie: string): Promise<void> {
  const other = await session.context.newPage();
  await other.goto(`http://${PARTNER.domain}/laptops?admitad_uid=7f3a9c&utm_source=admitad`);
  const standDown = await session.popup(other);
  expect(await standDown.getByTestId('stand-down').innerText()).toBe(session.text('standDown'));
  expect(await standDown.getByTestId('activate').count()).toBe(0);
  expect((await session.icon(other)).badge).toBe('');
  await standDown.close();

  const cabinet = await session.context.newPage();
  await cabinet.goto(`${demo.url}/ru/account/security`);
  await cabinet.getByRole('button', { name: /browser-extension/ }).click();
  await expect
    .poll(async () => {
      const answer = await fetch(`${demo.url}/v1/me/sessions`, { headers: { cookie } });
      const { sessions } = (await answer.json()) as { sessions: { client: string }[] };
      return sessions.some((item) => item.client === 'browser-extension');
    })
    .toBe(false);

  // The next call the extension makes (the account check when the popup opens) is refused.
  const popup = await session.popup(other);
  await expect.poll(() => popup.getByTestId('problem').count(), { timeout: 10_000 }).toBe(1);
  expect(await popup.getByTestId('problem').innerText()).toBe(session.text('revoked'));
  expect(await popup.getByTestId('connect').isVisible()).toBe(true);
  expect(await popup.getByTestId('connected').count()).toBe(0);
  expect(await session.stored('account')).toBeUndefined();
  expect(await session.stored('click-context')).toBeUndefined();
}
