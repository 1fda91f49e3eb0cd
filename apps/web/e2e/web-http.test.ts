import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signUpWithForms, startWebDemo, type WebDemo } from './web-demo.ts';

/**
 * The web app over plain HTTP, as crawlers, scripts and attackers see it: language redirects, SEO
 * files and tags, security headers, compression, and bad input answered with a clear error and no
 * change.
 */

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

describe('web app over HTTP', () => {
  let demo: WebDemo;
  beforeAll(async () => {
    demo = await startWebDemo({ browser: false });
  }, 120_000);
  afterAll(async () => {
    await demo.close();
  });

  const get = async (path: string, headers: Record<string, string> = {}): Promise<Reply> => {
    const response = await fetch(`${demo.url}${path}`, { redirect: 'manual', headers });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${demo.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };

  /** A verified account signed in through the web forms, checking the open redirect on the way. */
  async function signedIn(email: string): Promise<{ cookie: string; csrf: string }> {
    const session = await signUpWithForms(demo, email);
    const again = await post('/ru/login', { login: email, password: PASSWORD, next: '//evil.example/steal' });
    expect(again.status).toBe(302);
    // An off-site `next` is ignored: the open redirect is closed.
    expect(again.headers.get('location')).toBe('/ru/account');
    expect(session.cookie).toContain('sauda_session=');
    expect(session.cookie).toContain('sauda_click=');
    return session;
  }

  it('sends a visitor without a language to theirs: cookie first, then Accept-Language, then Russian', async () => {
    expect((await get('/', { 'accept-language': 'kk-KZ,kk;q=0.9,ru;q=0.8' })).headers.get('location')).toBe(
      '/kk',
    );
    expect(
      (await get('/', { 'accept-language': 'kk', cookie: 'sauda_locale=en' })).headers.get('location'),
    ).toBe('/en');
    expect((await get('/', { 'accept-language': 'de-DE' })).headers.get('location')).toBe('/ru');
    const catalog = await get('/catalog?category=travel', { 'accept-language': 'en' });
    expect(catalog.status).toBe(302);
    expect(catalog.headers.get('location')).toBe('/en/catalog?category=travel');
    // identity's device flow and legal links are written without a language.
    expect((await get('/device?user_code=ABCD-EFGH')).headers.get('location')).toBe(
      '/ru/device?user_code=ABCD-EFGH',
    );
    expect((await get('/legal/terms/2026-01-01')).headers.get('location')).toBe('/ru/legal/terms/2026-01-01');
  });

  it('leaves the API as it was: unknown API paths stay problem+json', async () => {
    const unknown = await get('/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/xx/catalog')).headers.get('content-type')).toContain('application/problem+json');
  });

  it('renders pages with SEO tags, a nonce CSP and compression', async () => {
    const page = await get('/kk/partners/tehnograd', { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('br');
    // fetch decodes the body itself; the header says it travelled compressed.
    const html = page.body;
    expect(html).toContain('<html lang="kk"');
    expect(html).toMatch(/<title>Техноград: [^<]+ сыйақы — Sauda<\/title>/);
    expect(html).toContain(`<link rel="canonical" href="${demo.url}/kk/partners/tehnograd"/>`);
    for (const locale of ['ru', 'kk', 'en'])
      expect(html).toContain(`hrefLang="${locale}" href="${demo.url}/${locale}/partners/tehnograd"`);
    expect(html).toContain(`hrefLang="x-default" href="${demo.url}/partners/tehnograd"`);
    expect(html).toContain('property="og:locale" content="kk_KZ"');
    expect(html).toContain('"@type":"OnlineStore"');
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Every executable inline script carries this response's nonce.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attributes] of inline) expect(attributes).toContain(`nonce="${nonce ?? ''}"`);
    expect(page.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('marks personal and search pages noindex and keeps them out of the index', async () => {
    expect((await get('/ru/login')).body).toContain('name="robots" content="noindex, nofollow"');
    expect((await get('/ru/catalog?q=tech')).body).toContain('name="robots" content="noindex, nofollow"');
    expect((await get('/ru/catalog')).body).not.toContain('name="robots"');
    expect((await get('/en/legal/privacy')).body).toContain('"@type":"WebPage"');
    expect((await get('/kk/help')).body).toContain('"@type":"FAQPage"');
  });

  it('lists every public page and every active partner in every language in sitemap.xml', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const active = await demo.server.app.sauda.database.pool.query<{ slug: string }>(
      `SELECT slug FROM catalog.partners WHERE status = 'active'`,
    );
    expect(active.rows.length).toBeGreaterThan(10);
    for (const { slug } of active.rows) {
      for (const locale of ['ru', 'kk', 'en'])
        expect(sitemap.body).toContain(`<loc>${demo.url}/${locale}/partners/${slug}</loc>`);
    }
    const paused = await demo.server.app.sauda.database.pool.query<{ slug: string }>(
      `SELECT slug FROM catalog.partners WHERE status <> 'active'`,
    );
    for (const { slug } of paused.rows) expect(sitemap.body).not.toContain(`/partners/${slug}<`);
    for (const path of [
      '',
      '/catalog',
      '/extension',
      '/help',
      '/legal/program',
      '/legal/terms',
      '/legal/privacy',
    ])
      expect(sitemap.body).toContain(`<loc>${demo.url}/kk${path}</loc>`);
    const urls = sitemap.body.match(/<url>/g)?.length ?? 0;
    expect(sitemap.body.match(/hreflang="x-default"/g)?.length).toBe(urls);

    const robots = await get('/robots.txt');
    expect(robots.body).toContain(`Sitemap: ${demo.url}/sitemap.xml`);
    expect(robots.body).toContain('Disallow: /ru/account');
  });

  it('serves hashed assets pre-compressed and cacheable for a year', async () => {
    const html = (await get('/ru')).body;
    const asset = /\/assets\/[\w.-]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const response = await get(asset ?? '', { 'accept-encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await get('/og-image.png')).headers.get('content-type')).toBe('image/png');
    expect((await get('/assets/../package.json')).status).toBe(404);
    expect((await get('/assets/no-such-file.js')).status).toBe(404);
  });

  it('answers 404 pages for unknown partners, malformed slugs and unknown pages', async () => {
    for (const path of [
      '/ru/partners/no-such-shop',
      '/ru/partners/UPPER',
      '/ru/legal/nothing',
      '/en/nowhere',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
    }
    expect((await get('/en/nowhere')).body).toContain('Page not found');
  });

  it('starts a stale catalog cursor over instead of failing', async () => {
    const response = await get('/ru/catalog?sort=name&cursor=not-a-cursor&page=3');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ru/catalog?sort=name');
  });

  it('refuses bad form posts with a clear error and changes nothing', async () => {
    // Not a form at all.
    const json = await fetch(`${demo.url}/ru/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"login":1}',
    });
    expect(json.status).toBe(400);
    expect(await json.text()).toContain('Запрос не удалось обработать');
    // Empty fields: the API's localized reason, in the page's language.
    const empty = await post('/kk/login', { login: '', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.headers.getSetCookie().some((line) => line.startsWith('sauda_session='))).toBe(false);
    // Missing consents: nothing is registered.
    const email = `no-consent-${String(Date.now())}@example.kz`;
    const refused = await post('/en/register', { fullName: 'A B', email, password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('You cannot sign up without this consent');
    const rows = await demo.server.app.sauda.database.pool.query(
      `SELECT count(*)::int AS n FROM identity.users WHERE created_at > now() - interval '1 minute'`,
    );
    const before = (rows.rows[0] as { n: number }).n;
    await post('/en/register', { fullName: 'A B', email, password: PASSWORD });
    const after = await demo.server.app.sauda.database.pool.query(
      `SELECT count(*)::int AS n FROM identity.users WHERE created_at > now() - interval '1 minute'`,
    );
    expect((after.rows[0] as { n: number }).n).toBe(before);
    // Too large for any form of the site.
    const huge = await fetch(`${demo.url}/ru/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `login=${'a'.repeat(25 * 1024 * 1024)}`,
    });
    expect(huge.status).toBe(413);
  });

  it('requires the session CSRF token on every state change made through a page', async () => {
    const user = await signedIn(`csrf-${String(Date.now())}@example.kz`);
    const security = await get('/ru/account/security', { cookie: user.cookie });
    expect(security.status).toBe(200);
    const sessionId = /name="sessionId" value="(ses_[0-9a-z]+)"/.exec(security.body)?.[1] ?? '';
    expect(sessionId).not.toBe('');

    // A forged form (another site cannot read the token) is refused by the API, and the session lives.
    const forged = await post(
      '/ru/account/security',
      { intent: 'revoke', sessionId, current: 'yes', csrf: 'forged' },
      { cookie: user.cookie },
    );
    expect(forged.status).toBe(403);
    expect((await get('/ru/account', { cookie: user.cookie })).status).toBe(200);

    // Another user's session id is "not found", whoever asks.
    const other = await post(
      '/ru/account/security',
      { intent: 'revoke', sessionId: 'ses_01jxxxxxxxxxxxxxxxxxxxxxxx', current: 'no', csrf: user.csrf },
      { cookie: user.cookie },
    );
    expect(other.status).toBe(404);

    // Signing out by GET does nothing; by POST with the token it ends the session.
    expect((await get('/ru/logout', { cookie: user.cookie })).headers.get('location')).toBe('/ru');
    expect((await get('/ru/account', { cookie: user.cookie })).status).toBe(200);
    const out = await post('/ru/logout', { csrf: user.csrf }, { cookie: user.cookie });
    expect(out.status).toBe(302);
    expect(out.headers.getSetCookie().some((line) => /^sauda_session=;/.test(line))).toBe(true);
    const after = await get('/ru/account', { cookie: user.cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/ru/login?next=%2Fru%2Faccount');
  });

  it('resets a forgotten password with the code from the mailbox, without the address in any URL', async () => {
    const email = `forgot-${String(Date.now())}@example.kz`;
    await signUpWithForms(demo, email);
    const forgot = await post('/kk/password/forgot', { login: email });
    expect(forgot.status).toBe(302);
    expect(forgot.headers.get('location')).toBe('/kk/password/reset');
    const pending = forgot.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .join('; ');
    const mailbox = await (await fetch(`${demo.url}/dev/mailbox`)).text();
    const entry =
      mailbox.split('<article').find((article) => article.includes(email) && article.includes('reset')) ?? '';
    const code = /\b(\d{6})\b/.exec(entry.split('class="body"')[1] ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await post(
      '/kk/password/reset',
      { code: '000000', newPassword: 'another long passphrase' },
      { cookie: pending },
    );
    expect(wrong.status).toBe(400);
    const reset = await post(
      '/kk/password/reset',
      { code, newPassword: 'another long passphrase' },
      { cookie: pending },
    );
    expect(reset.headers.get('location')).toBe('/kk/login?reset=1');
    const login = await post('/kk/login', { login: email, password: 'another long passphrase' });
    expect(login.headers.get('location')).toBe('/kk/account');
  });

  it('approves a device (the extension) by its user code for the signed-in user', async () => {
    const user = await signedIn(`device-${String(Date.now())}@example.kz`);
    const requested = (await (
      await fetch(`${demo.url}/v1/auth/device/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'browser-extension' }),
      })
    ).json()) as { device_code: string; user_code: string };
    const page = await get(`/en/device?user_code=${requested.user_code}`, { cookie: user.cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain(requested.user_code);
    const approved = await post(
      '/en/device',
      { intent: 'approve', userCode: requested.user_code, csrf: user.csrf },
      { cookie: user.cookie },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toContain('Access allowed');
    const token = await fetch(`${demo.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: requested.device_code,
        client_id: 'browser-extension',
      }),
    });
    expect(token.status).toBe(200);
    // Without a session the page sends the visitor to sign in and back.
    const anonymous = await get(`/en/device?user_code=${requested.user_code}`);
    expect(anonymous.headers.get('location')).toBe(
      `/en/login?next=${encodeURIComponent(`/en/device?user_code=${requested.user_code}`)}`,
    );
  });

  it('refuses KYC uploads that are not JPEG or PNG photos, in the page language', async () => {
    const user = await signedIn(`kyc-${String(Date.now())}@example.kz`);
    const form = new FormData();
    form.set('csrf', user.csrf);
    form.set('intent', 'document');
    form.set('documentType', 'id_card');
    form.set('front', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'front.pdf');
    const response = await fetch(`${demo.url}/en/account/kyc`, {
      method: 'POST',
      headers: { cookie: user.cookie },
      body: form,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('The photo must be a JPEG or PNG');
    expect(html).toContain('Add a photo');
  });
});
