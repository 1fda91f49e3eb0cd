import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '@sauda/identity/testing';
import {
  addSession,
  ARTIFACTS,
  DESKTOP,
  expectTranslated,
  hasChromium,
  signUpWithForms,
  startWebDemo,
  PASSWORD,
  type FormSession,
  type GuardedContext,
  type WebDemo,
} from './web-demo.ts';

/** A tiny but real PNG (1×1), as a phone would upload a screenshot of a receipt. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The dues staff pages in a real Chromium against the demo: a member sends a transfer receipt from
 * the cabinet; a cashier signs in with the second factor, finds it first among pending payments,
 * sees the receipt and confirms it; the member is active; a second payment for the month, a
 * rejection without a reason and bulk confirmation; the CSV download; a content manager and a
 * member are refused; then the staff pages in Kazakh, with a ticket check.
 */
describe.skipIf(!hasChromium)('dues staff pages in Chromium (cashier)', () => {
  let demo: WebDemo;
  let member: GuardedContext;
  let cashier: GuardedContext;
  let cashierEmail = '';
  let backupCodes: string[] = [];
  const stamp = String(Date.now());
  const memberName = 'Гасанов Ильхам Вагиф оглы';
  const memberPhone = `+7702${stamp.slice(-7)}`;
  let paymentId = '';

  /** The API as a signed-in person over HTTP (cookie and CSRF header, as the site's scripts send them). */
  const api = async <T>(session: FormSession, method: 'GET' | 'POST', path: string, body?: object) => {
    const response = await fetch(`${demo.url}${path}`, {
      method,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'accept-language': 'ru',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };

  /** A staff account with a role, the second factor turned on in its session; returns the backup codes. */
  async function staff(session: FormSession, role: 'cashier' | 'content_manager'): Promise<string[]> {
    await demo.server.app.sauda.modules.identity.api.changeRole(
      { id: 'cli:test' },
      { userId: session.userId, role, grant: true },
    );
    const { secret } = await api<{ secret: string }>(session, 'POST', '/v1/me/two-factor/setup');
    const confirmed = await api<{ backupCodes: string[] }>(session, 'POST', '/v1/me/two-factor/confirm', {
      code: totpCodeAt(secret, new Date()),
    });
    return confirmed.backupCodes;
  }

  /** Another member with a transfer for this month awaiting confirmation (set up over the API). */
  async function pendingTransfer(name: string, phone: string): Promise<string> {
    const session = await signUpWithForms(demo, `dues-${phone.slice(-7)}@example.kz`, name);
    await api(session, 'POST', '/v1/dues/membership', { fullName: name, phone });
    const started = await api<{ payment: { id: string } }>(session, 'POST', '/v1/dues/me/payments', {
      method: 'kaspi_transfer',
    });
    return started.payment.id;
  }

  beforeAll(async () => {
    demo = await startWebDemo();
    member = await demo.newContext('ru-RU', DESKTOP);
    await addSession(
      member.context,
      demo,
      await signUpWithForms(demo, `dues-payer-${stamp}@example.kz`, memberName),
    );
    cashierEmail = `dues-cashier-${stamp}@example.kz`;
    backupCodes = await staff(await signUpWithForms(demo, cashierEmail, 'Айнур Кассирова'), 'cashier');
    cashier = await demo.newContext('ru-RU', DESKTOP);
  }, 180_000);

  afterAll(async () => {
    await member.context.close();
    await cashier.context.close();
    await demo.close();
  });

  it('a member joins and sends the receipt of a transfer for this month from the cabinet', async () => {
    const { page } = member;
    await page.goto('/ru/dues/join');
    await page.getByLabel('ФИО').fill(memberName);
    await page.getByLabel('Телефон').fill(memberPhone);
    await page.getByRole('button', { name: 'Стать участником' }).click();
    await page.waitForURL('**/ru/dues/cabinet');
    await page.getByRole('button', { name: /Оплатить 2\s000\s₸ переводом/u }).click();
    await expect.poll(() => page.getByTestId('open-payment').count()).toBe(1);
    await page.getByLabel('Фото или PDF чека').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.getByRole('button', { name: 'Отправить чек' }).click();
    await expect.poll(() => page.getByTestId('open-payment').innerText()).toContain('Чек получен');
    paymentId = ((await page.getByTestId('open-payment').getAttribute('id')) ?? '').replace('payment-', '');
  }, 60_000);

  it('the cashier signs in with the second factor, sees the receipt first among pending payments and confirms it', async () => {
    const { page } = cashier;
    await page.goto('/ru/dues/admin/payments');
    await page.waitForURL('**/ru/login?next=*');
    await page.getByLabel('Телефон или электронная почта').fill(cashierEmail);
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    const secondFactor = page.getByLabel('Код из приложения-аутентификатора или резервный код');
    await secondFactor.waitFor();
    await page.getByLabel('Пароль').fill(PASSWORD);
    await secondFactor.fill(backupCodes[0] ?? '');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/ru/dues/admin/payments');
    await expectTranslated(page, 'ru');
    // The cashier's menu: payments, reports, tickets and members; not the admin-only sections.
    const nav = page.getByRole('navigation', { name: 'Разделы для сотрудников' });
    await expect
      .poll(() => nav.getByRole('link').allInnerTexts())
      .toEqual(['Платежи', 'Отчёты', 'Проверка билета', 'Участники']);

    const first = page.getByTestId('payment-row').first();
    expect(await first.getAttribute('data-payment-id')).toBe(paymentId);
    const row = await first.innerText();
    for (const text of [memberName, memberPhone, '2 000', 'Перевод с чеком', 'Ждёт подтверждения'])
      expect(row.replace(/\s/gu, ' ')).toContain(text);

    await page.screenshot({
      path: join(ARTIFACTS, 'dues-admin-payments.png'),
      fullPage: true,
      caret: 'initial',
    });
    await first.getByRole('link', { name: memberName }).click();
    await page.waitForURL(`**/ru/dues/admin/payments/${paymentId}`);
    const receipt = page.getByRole('img', { name: 'Чек о переводе, присланный участником' });
    // The image comes from the API with the staff session cookie; 1×1 is the uploaded PNG.
    await expect
      .poll(() => receipt.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBe(1);
    await page.screenshot({
      path: join(ARTIFACTS, 'dues-admin-payment.png'),
      fullPage: true,
      caret: 'initial',
    });
    await page.getByRole('button', { name: 'Подтвердить платёж' }).click();
    await page.waitForURL('**?done=confirmed');
    expect(await page.getByRole('status').innerText()).toContain('Платёж подтверждён');
    expect(await page.getByTestId('payment-facts').innerText()).toContain('Подтверждён');
    const pdfHref =
      (await page.getByRole('link', { name: 'Подтверждение оплаты (PDF)' }).getAttribute('href')) ?? '';
    const pdf = await page.request.get(pdfHref);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  }, 90_000);

  it('the member cabinet then shows the membership active', async () => {
    const { page } = member;
    await page.goto('/ru/dues/cabinet');
    expect(await page.getByTestId('membership-status').getAttribute('data-status')).toBe('active');
  }, 30_000);

  it('refuses a second payment for the same month with the API message', async () => {
    const { page } = cashier;
    await page.goto('/ru/dues/admin/payments/new');
    await page.getByLabel('Найти участника').fill(memberPhone);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('radio', { name: new RegExp(memberName, 'u') }).check();
    await page.getByLabel('Как оплачено').selectOption('manual');
    await page.getByRole('button', { name: 'Внести и подтвердить' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/^Взнос за .+ уже подтверждён/u);
    expect(new URL(page.url()).pathname).toBe('/ru/dues/admin/payments/new');
  }, 30_000);

  it('refuses a rejection without a reason under the field, then confirms two pending payments at once', async () => {
    const { page } = cashier;
    const stampTail = stamp.slice(-6);
    const first = await pendingTransfer('Алиева Нармин', `+7705${stampTail}1`);
    const second = await pendingTransfer('Рагимов Эмин', `+7705${stampTail}2`);

    await page.goto(`/ru/dues/admin/payments/${first}`);
    await page.getByRole('button', { name: 'Отклонить платёж' }).click();
    const reason = page.getByLabel('Причина отказа');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await reason.getAttribute('aria-describedby')) ?? '').split(' ').at(-1) ?? '';
    expect((await page.locator(`[id="${errorId}"]`).innerText()).length).toBeGreaterThan(3);
    expect(await page.getByTestId('payment-facts').innerText()).toContain('Ждёт подтверждения');

    await page.goto('/ru/dues/admin/payments');
    await page.getByLabel('Статус').selectOption('pending');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL('**/ru/dues/admin/payments?*status=pending*');
    await page.getByRole('checkbox', { name: /Алиева Нармин/u }).check();
    await page.getByRole('checkbox', { name: /Рагимов Эмин/u }).check();
    await page.getByRole('button', { name: 'Подтвердить выбранные' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Подтверждено платежей: 2');
    for (const id of [first, second]) {
      await expect.poll(() => page.locator(`[data-payment-id="${id}"]`).count()).toBe(0);
      const payment = await page.request.get(`/v1/admin/dues/payments/${id}`);
      expect(((await payment.json()) as { status: string }).status).toBe('confirmed');
    }
  }, 90_000);

  it('downloads the CSV of the filtered payments with the exact header after the BOM', async () => {
    const { page } = cashier;
    await page.goto('/ru/dues/admin/payments?status=confirmed');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Скачать CSV' }).click();
    const file = await readFile(await (await download).path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('ФИО,телефон,период,статус,дата подтверждения');
    const ours = lines.find((line) => line.includes(memberPhone)) ?? '';
    expect(ours).toContain(memberName);
    expect(ours).toContain('подтверждён');
    expect(lines.some((line) => line.includes('ожидает'))).toBe(false);
  }, 30_000);

  it('refuses the payments page to a content manager and to a member with 403', async () => {
    const editor = await demo.newContext('ru-RU', DESKTOP);
    const session = await signUpWithForms(demo, `dues-editor-${stamp}@example.kz`, 'Лейла Редакторова');
    await staff(session, 'content_manager');
    await addSession(editor.context, demo, session);
    for (const page of [editor.page, member.page]) {
      const response = await page.goto('/ru/dues/admin/payments');
      expect(response?.status()).toBe(403);
      expect(await page.getByTestId('staff-forbidden').innerText()).toBe('Доступ только для сотрудников');
      expect(await page.getByTestId('payments-table').count()).toBe(0);
    }
    await editor.context.close();
  }, 60_000);

  it('switches to Kazakh: every staff page has Kazakh text and no missing keys, and a ticket checks out', async () => {
    const { page } = cashier;
    const ticket = await member.page.request.get('/v1/dues/me/ticket');
    const { url: ticketUrl } = (await ticket.json()) as { url: string };

    await page.goto('/ru/dues/admin/payments');
    await page
      .getByRole('navigation', { name: 'Язык сайта' })
      .first()
      .getByRole('link', { name: 'Қаз' })
      .click();
    await page.waitForURL('**/kk/dues/admin/payments');
    await expectTranslated(page, 'kk');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Төлемдер');
    for (const path of [
      `/kk/dues/admin/payments/${paymentId}`,
      '/kk/dues/admin/payments/new',
      '/kk/dues/admin/reports',
      '/kk/dues/admin/tickets',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectTranslated(page, 'kk');
    }
    await page.getByLabel('QR-кодтың мазмұны').fill(ticketUrl);
    await page.getByRole('button', { name: 'Тексеру' }).click();
    const result = page.getByTestId('ticket-result');
    await expect.poll(() => result.getAttribute('data-active')).toBe('true');
    expect(await result.innerText()).toContain(memberName);
    await expectTranslated(page, 'kk');

    await page.getByLabel('QR-кодтың мазмұны').fill(`${ticketUrl.slice(0, -3)}xyz`);
    await page.getByRole('button', { name: 'Тексеру' }).click();
    await expect.poll(() => page.getByLabel('QR-кодтың мазмұны').getAttribute('aria-invalid')).toBe('true');
    expect(await result.count()).toBe(0);

    await page.goto('/kk/dues/admin/reports');
    expect(await page.getByTestId('collected-table').innerText()).toMatch(/2\s000/u);
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: join(ARTIFACTS, 'dues-admin-reports-kk.png'),
      fullPage: true,
      caret: 'initial',
    });

    // At the door the check runs on a phone: the staff pages fit a 360 px screen.
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/kk/dues/admin/tickets', '/kk/dues/admin/payments']) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.screenshot({
      path: join(ARTIFACTS, 'dues-admin-payments-phone.png'),
      fullPage: true,
      caret: 'initial',
    });
    await page.setViewportSize(DESKTOP);
  }, 90_000);

  it('takes a receipt from a phone without JavaScript through the cabinet form, checked the same way', async () => {
    const phone = `+7705${stamp.slice(-7)}`;
    const session = await signUpWithForms(demo, `dues-nojs-${stamp}@example.kz`, 'Алиев Рауф');
    await api(session, 'POST', '/v1/dues/membership', { fullName: 'Алиев Рауф', phone });
    await api(session, 'POST', '/v1/dues/me/payments', { method: 'kaspi_transfer' });
    const context = await demo.browser.newContext({
      javaScriptEnabled: false,
      baseURL: demo.url,
      locale: 'ru-RU',
    });
    try {
      await addSession(context, demo, session);
      const page = await context.newPage();
      await page.goto('/ru/dues/cabinet');
      const input = page.getByLabel('Фото или PDF чека');
      await input.setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('no') });
      await page.getByRole('button', { name: 'Отправить чек' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').first().innerText()).toContain(
        'Нужен снимок (JPEG, PNG, WebP, HEIC) или PDF.',
      );
      await page
        .getByLabel('Фото или PDF чека')
        .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('button', { name: 'Отправить чек' }).click();
      await page.waitForURL('**/ru/dues/cabinet#payment-*');
      expect(await page.getByTestId('open-payment').innerText()).toContain('Чек получен');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('saw no console errors, script failures or CSP violations', () => {
    // Refused form posts answer with the API's 4xx (sign-in without the code, the second payment);
    // web-demo.ts lets those through only for `.data` URLs without a query.
    const refusedForm = /\.data\?[^ ]*: Failed to load resource: the server responded with a status of 4\d\d/;
    expect(cashier.errors.filter((error) => !refusedForm.test(error))).toEqual([]);
    expect(member.errors.filter((error) => !/status of 403/.test(error))).toEqual([]);
  });
});
