import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPendingEvents, ManualClock } from '@sauda/platform';
import { SYNTHETIC_PERSONS } from '@sauda/sandbox';
import {
  ARTIFACTS,
  codeFromMailbox,
  DESKTOP,
  expectTranslated,
  hasChromium,
  PHONE,
  startWebDemo,
  type GuardedContext,
  type WebDemo,
} from './web-demo.ts';

/**
 * The newcomer's journey in a real Chromium against the demo: sign up, confirm through the dev
 * mailbox, pass KYC with the sandbox aggregator, find a shop, open its page, go to the shop and buy
 * there; the sandbox network's signed postbacks make a pending reward, the order is approved on the
 * sandbox's control page, the hold period passes on the server's clock and the reward is available;
 * then the same site in Kazakh with no untranslated text, and screenshots at two widths.
 */
const PASSWORD = 'correct horse battery staple';
const DAY_MS = 86_400_000;
const approvedPerson = SYNTHETIC_PERSONS.find((person) => person.scenario.en.includes('approved'));

describe.skipIf(!hasChromium)('web app in Chromium (newcomer journey)', () => {
  const clock = new ManualClock(new Date());
  let demo: WebDemo;
  let visitor: GuardedContext;
  const email = `newcomer-${String(Date.now())}@example.kz`;
  let orderId = '';
  let reward = '';

  /**
   * The sandbox signs its postbacks and the KYC callback with the wall clock, and the platform refuses
   * signatures older than five minutes by its own (manual) clock: keep the two together until the
   * test moves time on purpose.
   */
  const keepUpWithWallClock = () => {
    clock.set(new Date());
  };

  /** What the job runner does in the background (off in tests): process reports, deliver events. */
  async function runBackgroundWork(): Promise<void> {
    const { database, modules } = demo.server.app.sauda;
    await modules.conversions.api.processInbox();
    await deliverPendingEvents(
      database.db,
      modules.list.flatMap((module) => module.handlers ?? []),
    );
  }

  /** The dashboard again, once the background work caught up with what the sandbox sent. */
  async function dashboardText(page: Page, testId: string): Promise<string> {
    await runBackgroundWork();
    await page.goto('/ru/account');
    return page.getByTestId(testId).innerText();
  }

  beforeAll(async () => {
    // Sessions outlive the hold period the test skips over.
    demo = await startWebDemo({ clock, env: { SAUDA_SESSION_TTL_DAYS: '120' } });
    keepUpWithWallClock();
    // Deterministic network: every postback once and in order, decisions only by hand.
    const settings = await fetch(`${demo.sandboxUrl}/affiliate-network/api/settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        approveAfterMs: null,
        declineAfterMs: null,
        chaos: { duplicateRate: 0, outOfOrderRate: 0, dropRate: 0 },
      }),
    });
    expect(settings.status).toBe(200);
    visitor = await demo.newContext('ru-RU');
  }, 120_000);

  afterAll(async () => {
    await visitor.context.close();
    await demo.close();
  });

  /** A real JPEG (a screenshot of the current page) standing in for a photo of a document or a face. */
  const photo = async (page: Page, name: string) => ({
    name,
    mimeType: 'image/jpeg',
    buffer: await page.screenshot({ type: 'jpeg', quality: 70 }),
  });

  it('signs up, confirms the email from the dev mailbox and signs in', async () => {
    const { page } = visitor;
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/ru');
    await expectTranslated(page, 'ru');
    await page.getByRole('link', { name: 'Начать бесплатно' }).click();
    await page.waitForURL('**/ru/register');

    await page.getByLabel('Имя и фамилия').fill('Нурлан Абенов');
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Пароль').fill(PASSWORD);
    await expect.poll(() => page.getByText('Надёжный пароль').count()).toBeGreaterThan(0);
    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.check();
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.waitForURL('**/ru/verify');
    await expect.poll(() => page.getByText('Мы отправили код на').count()).toBe(1);

    const mailbox = await visitor.context.newPage();
    const code = await codeFromMailbox(mailbox, email);
    await mailbox.close();
    await page.getByLabel('Код из сообщения').fill(code);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.waitForURL('**/ru/login?verified=1');

    await page.getByLabel('Телефон или электронная почта').fill(email);
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/ru/account');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Здравствуйте, Нурлан Абенов!' }).count())
      .toBe(1);
    const cookies = await visitor.context.cookies();
    expect(cookies.map((cookie) => cookie.name)).toEqual(
      expect.arrayContaining(['sauda_session', 'sauda_csrf', 'sauda_click']),
    );
  }, 90_000);

  it('passes KYC: IIN and consent, document photos with previews, selfie, decision', async () => {
    const { page } = visitor;
    expect(approvedPerson).toBeDefined();
    await page.getByRole('link', { name: 'Пройти идентификацию' }).click();
    await page.waitForURL('**/ru/account/kyc');
    await page.getByLabel('ИИН', { exact: true }).fill(approvedPerson?.iin ?? '');
    await page.getByLabel('Я прочитал(а) текст').check();
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Фото документа' }).count()).toBe(1);

    await page.getByLabel('Лицевая сторона').setInputFiles(await photo(page, 'front.jpg'));
    await page.getByLabel('Оборотная сторона').setInputFiles(await photo(page, 'back.jpg'));
    await expect.poll(() => page.getByRole('img', { name: 'Лицевая сторона' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: 'Оборотная сторона' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Отправить фото' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Селфи' }).count(), { timeout: 15_000 })
      .toBe(1);

    await page.getByLabel('Селфи', { exact: true }).setInputFiles(await photo(page, 'selfie.jpg'));
    await expect.poll(() => page.getByRole('img', { name: 'Селфи' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Отправить селфи' }).click();
    // The aggregator decides and calls back; the page polls the status by itself.
    await expect
      .poll(() => page.getByRole('heading', { name: 'Личность подтверждена' }).count(), { timeout: 30_000 })
      .toBe(1);
    expect(page.getByRole('listitem').filter({ hasText: 'Результат' })).toBeDefined();
  }, 90_000);

  it('searches the catalog as one types, opens the partner and goes to the sandbox shop', async () => {
    const { page } = visitor;
    await page.goto('/ru/catalog');
    await expectTranslated(page, 'ru');
    const cardsBefore = await page.locator('main li.card').count();
    expect(cardsBefore).toBeGreaterThan(10);
    await page.getByLabel('Поиск по названию магазина').pressSequentially('Техноград', { delay: 30 });
    await expect
      .poll(() => page.locator('main li.card').count(), { timeout: 10_000 })
      .toBeLessThan(cardsBefore);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Техноград');
    await page.getByRole('link', { name: 'Техноград', exact: true }).click();
    await page.waitForURL('**/ru/partners/tehnograd');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Техноград' }).count()).toBe(1);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: /Перейти в магазин/ }).click();
    await page.waitForURL(`${demo.sandboxUrl}/affiliate-network/click**`);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('offer')).toBe('tehnograd');
    expect(landed.searchParams.get('subid')).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    // The cabinet (another tab, the shop stays open) lists the visit once the click buffer is written:
    // every 200 ms on the server, and flushClicks waits for the write in progress.
    const cabinet = await visitor.context.newPage();
    const visit = cabinet
      .getByTestId('recent-visits')
      .getByRole('listitem')
      .filter({ hasText: 'Техноград' })
      .filter({ hasText: 'с сайта Sauda' });
    await expect
      .poll(async () => {
        await demo.server.app.sauda.modules.tracking.api.flushClicks();
        await cabinet.goto('/ru/account');
        return visit.count();
      })
      .toBe(1);
    expect(await visit.getByRole('link', { name: 'Техноград' }).getAttribute('href')).toBe(
      '/ru/partners/tehnograd',
    );
    await cabinet.close();
  }, 60_000);

  it("buys in the sandbox shop, and the network's postback makes a pending reward", async () => {
    const { page } = visitor;
    keepUpWithWallClock();
    await page.getByRole('button', { name: 'Купить' }).first().click();
    await page.waitForURL(`${demo.sandboxUrl}/affiliate-network/orders/**`);
    orderId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(orderId).toMatch(/^SO-[0-9A-F]{8}$/);

    await expect.poll(() => dashboardText(page, 'balance-pending'), { timeout: 30_000 }).not.toBe('0 USDT');
    reward = await page.getByTestId('balance-pending').innerText();
    expect(reward).toMatch(/^[\d\s\u00a0\u202f]+(?:,\d+)? USDT$/);
    expect(await page.getByTestId('balance-available').innerText()).toBe('0 USDT');
    const purchase = page.getByRole('row').filter({ hasText: 'Техноград' });
    expect(await purchase.getByText('Ожидает', { exact: true }).count()).toBe(1);
  }, 60_000);

  it('is approved on the sandbox control page and becomes available once the hold period passes', async () => {
    const { page } = visitor;
    keepUpWithWallClock();
    await page.goto(`${demo.sandboxUrl}/affiliate-network/control`);
    const order = page.locator(`[id="${orderId}"]`);
    await order.getByRole('button', { name: 'Одобрить', exact: true }).click();
    await expect.poll(() => order.getByRole('button', { name: 'Одобрить', exact: true }).count()).toBe(0);

    // Approved but held: still pending, now with the day it becomes available.
    await expect
      .poll(
        async () => {
          await dashboardText(page, 'balance-pending');
          return page.getByText(/станет доступно/).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await page.getByTestId('balance-pending').innerText()).toBe(reward);

    const partner = (await (await fetch(`${demo.url}/v1/catalog/partners/tehnograd`)).json()) as {
      reward: { holdDays: number };
    };
    expect(partner.reward.holdDays).toBeGreaterThan(0);
    const { rewards } = demo.server.app.sauda.modules;
    expect(await rewards.api.releaseDueRewards()).toBe(0);
    clock.advance((partner.reward.holdDays + 1) * DAY_MS);
    // The job rewards.release-due, run now instead of on its five-minute schedule.
    expect(await rewards.api.releaseDueRewards()).toBe(1);
    await expect.poll(() => dashboardText(page, 'balance-available')).toBe(reward);
    expect(await page.getByTestId('balance-pending').innerText()).toBe('0 USDT');
    const purchase = page.getByRole('row').filter({ hasText: 'Техноград' });
    expect(await purchase.getByText('Доступно', { exact: true }).count()).toBe(1);
  }, 60_000);

  it('switches to Kazakh and shows Kazakh text with no missing keys on every page visited', async () => {
    const { page } = visitor;
    await page.goto('/ru/catalog');
    await page
      .getByRole('navigation', { name: 'Язык сайта' })
      .first()
      .getByRole('link', { name: 'Қаз' })
      .click();
    await page.waitForURL('**/kk/catalog');
    await expectTranslated(page, 'kk');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Серіктестер каталогы');
    const pages = [
      '/kk',
      '/kk/partners/tehnograd',
      '/kk/extension',
      '/kk/help',
      '/kk/legal/program',
      '/kk/legal/privacy',
      '/kk/account',
      '/kk/account/kyc',
      '/kk/account/profile',
      '/kk/account/security',
      '/kk/account/notifications',
      '/kk/account/notification-settings',
      '/kk/no-such-page',
    ];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(path.endsWith('no-such-page') ? 404 : 200);
      await expectTranslated(page, 'kk');
    }
    // The choice is remembered: a link without a language now opens the Kazakh page.
    await page.goto('/catalog');
    expect(new URL(page.url()).pathname).toBe('/kk/catalog');
  }, 90_000);

  it('keeps screenshots of the landing, the catalog and the cabinet at phone and desktop widths', async () => {
    const { page } = visitor;
    for (const [name, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const [shot, path] of [
        ['landing', '/ru'],
        ['catalog', '/ru/catalog'],
        ['cabinet', '/ru/account'],
      ] as const) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: join(ARTIFACTS, `${shot}-${name}.png`), fullPage: true });
      }
    }
  }, 60_000);

  it('saw no console errors, script failures or CSP violations', () => {
    expect(visitor.errors).toEqual([]);
  });
});
