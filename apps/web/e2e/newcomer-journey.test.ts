import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * mailbox, pass KYC with the sandbox aggregator, find a shop, open its page and go to the shop;
 * then the same site in Kazakh with no untranslated text, and screenshots at two widths.
 */
const PASSWORD = 'correct horse battery staple';
const approvedPerson = SYNTHETIC_PERSONS.find((person) => person.scenario.en.includes('approved'));

describe.skipIf(!hasChromium)('web app in Chromium (newcomer journey)', () => {
  let demo: WebDemo;
  let visitor: GuardedContext;
  const email = `newcomer-${String(Date.now())}@example.kz`;

  beforeAll(async () => {
    demo = await startWebDemo();
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
