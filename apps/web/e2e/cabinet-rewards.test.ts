import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversionChanged } from '@sauda/conversions';
import { totpCodeAt } from '@sauda/identity/testing';
import {
  almatyDate,
  deliverPendingEvents,
  ManualClock,
  newId,
  publishEvent,
  type Static,
} from '@sauda/platform';
import {
  addSession,
  cookieJar,
  expectTranslated,
  hasChromium,
  signUpWithForms,
  startWebDemo,
  type FormSession,
  type GuardedContext,
  type WebDemo,
} from './web-demo.ts';

/**
 * The loyalty cabinet against the rewards and referrals APIs: a purchase at a partner is reported
 * (pending), approved, its hold period passes on the server's clock, and the dashboard, the
 * operations history and its CSV and PDF exports follow; the referral page gives a working link.
 */
const DAY_MS = 86_400_000;
type Change = Static<typeof ConversionChanged.schema>;

describe.skipIf(!hasChromium)('loyalty cabinet in Chromium (rewards, exports, referrals)', () => {
  const clock = new ManualClock(new Date());
  let demo: WebDemo;
  let member: FormSession;
  let visitor: GuardedContext;
  let partnerId: string;

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, session: FormSession, payload?: object) =>
    demo.server.app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    });

  /** A staff admin with the second factor in the session: sets today's rate and funds the reward pool. */
  async function fundRewards(): Promise<void> {
    const email = `admin-${String(Date.now())}@example.kz`;
    await demo.server.app.sauda.modules.identity.api.createAdmin(
      { id: 'system:test' },
      { email, password: 'a long admin passphrase', fullName: 'Test Admin' },
    );
    const login = await demo.server.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { login: email, password: 'a long admin passphrase' },
    });
    expect(login.statusCode, login.body).toBe(200);
    const admin: FormSession = {
      cookie: cookieJar(
        new Headers(
          Object.entries(login.headers).flatMap(([name, value]) =>
            (Array.isArray(value) ? value : [String(value)]).map((item): [string, string] => [name, item]),
          ),
        ),
      ),
      csrf: login.json<{ csrfToken: string }>().csrfToken,
      userId: login.json<{ userId: string }>().userId,
    };
    const setup = await inject('POST', '/v1/me/two-factor/setup', admin);
    const { secret } = setup.json<{ secret: string }>();
    expect(
      (await inject('POST', '/v1/me/two-factor/confirm', admin, { code: totpCodeAt(secret, clock.now()) }))
        .statusCode,
    ).toBe(200);
    const day = almatyDate(clock.now());
    // Staff endpoints of modules/rewards; only success matters here (created or replaced).
    const rate = await inject('PUT', `/v1/admin/rewards/rates/${day}/KZT`, admin, { price: '500' });
    expect(rate.statusCode, rate.body).toBeLessThan(300);
    const funding = await inject('POST', '/v1/admin/rewards/pool/funding', admin, {
      amount: '1000',
      reference: newId('dep'),
    });
    expect(funding.statusCode, funding.body).toBeLessThan(300);
  }

  /** A revision of the member's purchase at the partner, as the conversions module reports it. */
  const conversionId = newId('cnv');
  async function report(revision: number, state: Change['state']): Promise<void> {
    const change: Change = {
      conversionId,
      revision,
      product: 'loyalty',
      state,
      previousState: null,
      partnerId,
      userId: member.userId,
      networkKey: 'sandbox',
      actionId: `act-${conversionId.slice(-10)}`,
      clickId: null,
      commission: '100000',
      previousCommission: '0',
      orderAmount: null,
      currency: 'KZT',
      attribution: 'click',
      occurredAt: clock.now().toISOString(),
    };
    const { database, modules } = demo.server.app.sauda;
    await database.db.transaction(async (tx) => {
      await publishEvent(tx, ConversionChanged, change);
    });
    await deliverPendingEvents(
      database.db,
      modules.list.flatMap((module) => module.handlers ?? []),
    );
  }

  const download = async (page: Page, name: string): Promise<Buffer> => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name }).click(),
    ]);
    return readFile(await file.path());
  };

  beforeAll(async () => {
    demo = await startWebDemo({ clock, env: { SAUDA_SESSION_TTL_DAYS: '120' } });
    await fundRewards();
    partnerId = ((await (await fetch(`${demo.url}/v1/catalog/partners/tehnograd`)).json()) as { id: string })
      .id;
    member = await signUpWithForms(demo, `shopper-${String(Date.now())}@example.kz`, 'Нұрлан Әбенов');
    visitor = await demo.newContext('ru-RU');
    await addSession(visitor.context, demo, member);
  }, 120_000);

  afterAll(async () => {
    // beforeAll may have failed half-way: close what was started.
    const started = { demo: demo as WebDemo | undefined, visitor: visitor as GuardedContext | undefined };
    await started.visitor?.context.close();
    await started.demo?.close();
  });

  it('shows a reported purchase as pending on the dashboard, with the tenge equivalent', async () => {
    await report(1, 'pending');
    const { page } = visitor;
    await page.goto('/ru/account');
    // 1 000 ₸ commission × 0.7 share at 500 ₸ per USDT = 1.4 USDT pending, 700 ₸.
    expect(await page.getByTestId('balance-pending').innerText()).toBe('1,4 USDT');
    expect(await page.getByTestId('balance-available').innerText()).toBe('0 USDT');
    expect(await page.locator('main').innerText()).toMatch(/≈\s*700/);
    expect(await page.getByRole('cell', { name: 'Ожидает' }).count()).toBe(1);
  });

  it('makes it available once the partner approves and the hold period passes', async () => {
    await report(2, 'approved');
    clock.advance(31 * DAY_MS);
    expect(await demo.server.app.sauda.modules.rewards.api.releaseDueRewards()).toBe(1);
    await deliverPendingEvents(
      demo.server.app.sauda.database.db,
      demo.server.app.sauda.modules.list.flatMap((module) => module.handlers ?? []),
    );
    const { page } = visitor;
    await page.goto('/ru/account');
    expect(await page.getByTestId('balance-available').innerText()).toBe('1,4 USDT');
    expect(await page.getByTestId('balance-pending').innerText()).toBe('0 USDT');
  });

  it('filters the operations history and exports it as CSV that Excel reads', async () => {
    const { page } = visitor;
    await page.goto('/ru/account/operations');
    await page.getByRole('checkbox', { name: 'Отклонено' }).check();
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/status=declined/);
    await expect.poll(() => page.getByText('Операций пока нет').count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Отклонено' }).uncheck();
    await page.getByRole('checkbox', { name: 'Доступно' }).check();
    await page.getByLabel('Партнёр').selectOption({ label: 'Техноград' });
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/status=available/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);

    const csv = await download(page, 'Скачать CSV');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Дата;Партнёр;Статус;Сумма;Актив;Доступно после');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/;Техноград;Доступно;1\.4;USDT;/);
  });

  it('exports a PDF in Kazakh with a font that has the Kazakh letters', async () => {
    const { page } = visitor;
    await page.goto('/kk/account/operations');
    await expectTranslated(page, 'kk');
    const pdf = await download(page, 'PDF жүктеп алу');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/DejaVuSans/);
    // The embedded font's ToUnicode map proves which letters were drawn: ү (U+04AF) of "Күні", қ (U+049B) of "Қолжетімді".
    const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((match) => {
      try {
        return inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    const unicodeMaps = streams
      .filter((stream) => stream.includes('begincmap'))
      .join('\n')
      .toLowerCase();
    for (const letter of ['04af', '049b', '0456']) expect(unicodeMaps).toContain(`<${letter}>`);
  });

  it('gives a referral link with a QR code that brings a newcomer to sign-up and remembers the code', async () => {
    const { page } = visitor;
    await page.goto('/ru/account/referrals');
    const link = await page.getByTestId('referral-link').innerText();
    expect(link).toMatch(new RegExp(`^${demo.url}/r/[A-Z0-9]+$`));
    expect(
      await page.getByRole('img', { name: 'QR-код вашей ссылки-приглашения' }).getAttribute('src'),
    ).toMatch(/^data:image\/png;base64,/);
    const newcomer = await demo.newContext('kk-KZ');
    await newcomer.page.goto(link);
    expect(new URL(newcomer.page.url()).pathname).toBe('/kk/register');
    expect(await newcomer.page.getByText('Сіз шақыру бойынша келдіңіз').count()).toBe(1);
    expect((await newcomer.context.cookies()).some((cookie) => cookie.name === 'sauda_referral')).toBe(true);
    await page.reload();
    expect(await page.locator('dd').filter({ hasText: /^1$/ }).count()).toBeGreaterThan(0);
    expect(newcomer.errors).toEqual([]);
    await newcomer.context.close();
  });

  it('saw no console errors, script failures or CSP violations', () => {
    expect(visitor.errors).toEqual([]);
  });
});
