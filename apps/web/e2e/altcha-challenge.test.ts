import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  PASSWORD,
  signUpWithForms,
  startWebDemo,
  type GuardedContext,
  type WebDemo,
} from './web-demo.ts';

/**
 * After repeated failed sign-ins identity demands a proof of work (ALTCHA): the page shows the
 * widget, the browser solves it in a worker under the page's CSP, and the next attempt goes through.
 */
describe.skipIf(!hasChromium)('ALTCHA challenge in Chromium', () => {
  let demo: WebDemo;
  let visitor: GuardedContext;
  const email = `altcha-${String(Date.now())}@example.kz`;

  beforeAll(async () => {
    demo = await startWebDemo();
    await signUpWithForms(demo, email);
    visitor = await demo.newContext('en-US');
  }, 120_000);

  afterAll(async () => {
    await visitor.context.close();
    await demo.close();
  });

  it('shows the widget when identity asks for it and signs in once it is solved', async () => {
    const { page } = visitor;
    await page.goto('/en/login');
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await page.getByLabel('Phone or email').fill(email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      if ((await page.locator('altcha-widget').count()) > 0) break;
    }
    expect(await page.locator('altcha-widget').count()).toBe(1);
    // The widget solves by itself and puts its payload in the form.
    await expect
      .poll(
        () =>
          page
            .locator('input[name="altcha"]')
            .inputValue()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .not.toBe('');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/en/account');
    expect(visitor.errors).toEqual([]);
  }, 60_000);
});
