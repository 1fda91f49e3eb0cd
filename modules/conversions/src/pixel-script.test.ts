import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PIXEL_SCRIPT } from './pixel-script.ts';

interface Sent {
  url: string;
  init: {
    method: string;
    headers: Record<string, string>;
    body: string;
    credentials: string;
    keepalive: boolean;
  };
}

/** Runs the pixel as a browser would, on a page of the retailer's site, with fetch and cookies observed. */
function page(
  url: string,
  options: { cookie?: string; attributes?: Record<string, string>; queued?: unknown[][] } = {},
) {
  const sent: Sent[] = [];
  const cookies: string[] = [];
  const attributes: Record<string, string> = { 'data-key': 'pk_test', ...options.attributes };
  const window: Record<string, unknown> = {
    location: new URL(url),
    fetch: (target: string, init: Sent['init']) => {
      sent.push({ url: target, init });
      return Promise.resolve({ ok: true });
    },
    ...(options.queued ? { sauda: { q: options.queued } } : {}),
  };
  const document = {
    currentScript: {
      src: 'https://api.sauda.kz/sdk/pixel.js?v=1',
      getAttribute: (name: string) => attributes[name] ?? null,
    },
    get cookie() {
      return options.cookie ?? cookies.map((line) => line.split(';')[0]).join('; ');
    },
    set cookie(line: string) {
      cookies.push(line);
    },
  };
  runInNewContext(PIXEL_SCRIPT, { window, document });
  return { window, sent, cookies };
}

describe('the pixel script', () => {
  it('keeps the click id of the landing URL in a first-party cookie for 30 days', () => {
    const { cookies } = page('https://shop.kz/landing?utm=x&sauda_click=AbC_12-z');
    expect(cookies).toEqual(['sauda_click=AbC_12-z; path=/; max-age=2592000; samesite=lax; secure']);
    expect(page('https://shop.kz/?other=1').cookies).toEqual([]);
    expect(
      page('http://shop.kz/?cid=x1', { attributes: { 'data-param': 'cid', 'data-days': '7' } }).cookies,
    ).toEqual(['sauda_click=x1; path=/; max-age=604800; samesite=lax']);
    // Only URL-safe characters are taken, so nothing can be injected into the cookie.
    expect(page('https://shop.kz/?sauda_click=%3Bx').cookies).toEqual([]);
  });

  it('reports a conversion with the publishable key and the stored click id as a simple CORS request', async () => {
    const { window, sent } = page('https://shop.kz/thanks', { cookie: 'a=1; sauda_click=CLICK123' });
    const report = window.sauda as (command: string, data: unknown) => Promise<boolean>;
    await expect(report('conversion', { orderId: 77, amount: '1500.00', currency: 'KZT' })).resolves.toBe(
      true,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('https://api.sauda.kz/v1/pixel/conversions');
    expect(sent[0]?.init).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      keepalive: true,
      headers: { 'content-type': 'text/plain' },
    });
    expect(JSON.parse(sent[0]?.init.body ?? '')).toEqual({
      key: 'pk_test',
      click_id: 'CLICK123',
      order_id: '77',
      order_amount: '1500.00',
      currency: 'KZT',
    });
    await expect(report('unknown', {})).resolves.toBe(false);
    await expect(report('conversion', {})).resolves.toBe(false);
  });

  it('runs calls queued before it loaded', () => {
    const { sent } = page('https://shop.kz/thanks', {
      queued: [['conversion', { orderId: 'A', amount: 1, currency: 'KZT' }]],
    });
    expect(sent).toHaveLength(1);
  });
});
