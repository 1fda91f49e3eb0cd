import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '@sauda/identity/testing';
import { ManualClock } from '@sauda/platform';
import {
  addSession,
  expectTranslated,
  hasChromium,
  PASSWORD,
  signUpWithForms,
  startWebDemo,
  type FormSession,
  type GuardedContext,
  type WebDemo,
} from './web-demo.ts';

/**
 * The member's own settings in Chromium: two-factor sign-in from the security page (codes computed
 * with the server's own TOTP implementation), and the profile's name and language of messages,
 * which the API keeps and the cabinet follows.
 */
describe.skipIf(!hasChromium)('profile and security in Chromium', () => {
  // TOTP codes are computed at the server's time; a code works once, so the test moves time on.
  const clock = new ManualClock(new Date());
  const email = `settings-${String(Date.now())}@example.kz`;
  let demo: WebDemo;
  let member: FormSession;
  let visitor: GuardedContext;

  const profileFromApi = async () =>
    (
      (await (await fetch(`${demo.url}/v1/me`, { headers: { cookie: member.cookie } })).json()) as {
        profile: { fullName: string; locale: string; twoFactorEnabled: boolean };
      }
    ).profile;

  beforeAll(async () => {
    demo = await startWebDemo({ clock });
    clock.set(new Date());
    member = await signUpWithForms(demo, email, 'Асель Нурланова');
    visitor = await demo.newContext('ru-RU');
    await addSession(visitor.context, demo, member);
  }, 120_000);

  afterAll(async () => {
    const started = { demo: demo as WebDemo | undefined, visitor: visitor as GuardedContext | undefined };
    await started.visitor?.context.close();
    await started.demo?.close();
  });

  it('turns on 2FA, signs out, and signs in again only with a right code', async () => {
    const { page } = visitor;
    await page.goto('/ru/account/security');
    await page.getByRole('button', { name: 'Включить', exact: true }).click();
    await expect
      .poll(() => page.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }).count())
      .toBe(1);
    const secret = (await page.locator('main code').innerText()).trim();
    const enrolmentCode = totpCodeAt(secret, clock.now());
    // A mistyped code is refused, and the QR code and key stay on the page for another try.
    await page.getByLabel('Код из приложения').fill(enrolmentCode === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Включить двухфакторную аутентификацию' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Неверный код подтверждения' }).count())
      .toBe(1);
    expect(await page.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }).count()).toBe(1);
    expect((await page.locator('main code').innerText()).trim()).toBe(secret);
    await page.getByLabel('Код из приложения').fill(enrolmentCode);
    await page.getByRole('button', { name: 'Включить двухфакторную аутентификацию' }).click();
    await expect.poll(() => page.getByText('Резервные коды', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByText('Включена. Резервных кодов осталось: 10.').count()).toBe(1);
    expect((await profileFromApi()).twoFactorEnabled).toBe(true);

    await page.getByRole('button', { name: 'Выйти' }).first().click();
    await expect.poll(() => page.getByRole('link', { name: 'Войти' }).count()).toBeGreaterThan(0);
    await page.goto('/ru/login');
    await page.getByLabel('Телефон или электронная почта').fill(email);
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    const secondFactor = page.getByLabel('Код из приложения-аутентификатора или резервный код');
    await expect.poll(() => secondFactor.count()).toBe(1);

    // The enrolment's code is spent; the app shows the next one half a minute later.
    clock.advance(30_000);
    const code = totpCodeAt(secret, clock.now());
    await secondFactor.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Неверный код подтверждения' }).count())
      .toBe(1);
    expect(await secondFactor.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await secondFactor.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(
      describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
    expect(described).toContain('Неверный код подтверждения');
    expect(new URL(page.url()).pathname).toBe('/ru/login');

    await secondFactor.fill(code);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/ru/account');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Здравствуйте, Асель Нурланова!' }).count())
      .toBe(1);
    // The browser's new session replaces the one the test signed up with.
    const cookies = await visitor.context.cookies();
    member = {
      ...member,
      cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
    };
  }, 90_000);

  it('saves the name and the language of messages; the cabinet then speaks that language', async () => {
    const { page } = visitor;
    await page.goto('/ru/account/profile');
    await page.getByLabel('Имя и фамилия').fill('Әсел Нұрланқызы');
    await page.getByRole('radio', { name: 'Қазақша' }).check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.waitForURL('**/kk/account/profile?saved=1');
    await expectTranslated(page, 'kk');
    expect(await page.getByRole('status').filter({ hasText: 'Өзгерістер сақталды.' }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: 'Қазақша' }).isChecked()).toBe(true);

    expect(await profileFromApi()).toMatchObject({ locale: 'kk', fullName: 'Әсел Нұрланқызы' });
    const cookies = await visitor.context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'sauda_locale')?.value).toBe('kk');

    await page.goto('/account');
    expect(new URL(page.url()).pathname).toBe('/kk/account');
    await expectTranslated(page, 'kk');
    expect(await page.getByRole('heading', { name: 'Сәлеметсіз бе, Әсел Нұрланқызы!' }).count()).toBe(1);
  }, 60_000);

  it('refuses a blank name with the message at the field and changes nothing', async () => {
    const { page } = visitor;
    await page.goto('/kk/account/profile');
    const name = page.getByRole('textbox', { name: 'Аты-жөні' });
    await name.fill('   ');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('button', { name: 'Сақтау' }).click();
    await expect.poll(() => page.getByText('Аты-жөніңізді көрсетіңіз').count()).toBe(1);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await expectTranslated(page, 'kk');
    expect(await profileFromApi()).toMatchObject({ locale: 'kk', fullName: 'Әсел Нұрланқызы' });
  }, 60_000);

  it('takes a form post without JavaScript: the browser names the site as Origin, not null', async () => {
    // With `Referrer-Policy: no-referrer` browsers send `Origin: null` on a page's own form posts,
    // which the web app's CSRF check refuses (400) — every form of the site without scripts.
    const context = await demo.browser.newContext({
      javaScriptEnabled: false,
      baseURL: demo.url,
      locale: 'ru-RU',
    });
    try {
      const page = await context.newPage();
      await page.goto('/ru/login');
      await page.getByLabel('Телефон или электронная почта').fill(email);
      await page.getByLabel('Пароль', { exact: true }).fill('not the password at all');
      const posted = page.waitForRequest((request) => request.method() === 'POST');
      await page.getByRole('button', { name: 'Войти' }).click();
      expect(await (await posted).headerValue('origin')).toBe(demo.url);
      await expect.poll(() => page.getByText('Неверный логин или пароль').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('saw no console errors, script failures or CSP violations', () => {
    expect(visitor.errors).toEqual([]);
  });
});
