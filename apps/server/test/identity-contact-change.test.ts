import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestApp } from '@sauda/testing';
import { solveAltcha, totpCodeAt } from '@sauda/identity/testing';
import {
  acceptedDocuments,
  asWeb,
  DEFAULT_PASSWORD,
  enableTwoFactor,
  nextIp,
  readCode,
  registerVerified,
  tokenLogin,
  webLogin,
  type WebClient,
} from './identity-helpers.ts';

const ctx = useTestApp();
const NEW_PASSWORD = 'a brand new passphrase';

/** A state-changing request of a signed-in web client, from its own address. */
function post(client: WebClient, url: string, payload: Record<string, unknown>, headers = asWeb(client)) {
  return ctx().app.inject({ method: 'POST', url, remoteAddress: nextIp(), headers, payload });
}

const me = async (client: WebClient) => {
  const response = await ctx().app.inject({ url: '/v1/me', headers: { cookie: client.cookie } });
  return {
    status: response.statusCode,
    profile: response.json<{ profile?: Record<string, unknown> }>().profile,
  };
};

/** Security notices that went to an address: which template, on which channel, in which category. */
async function noticesTo(
  address: string,
): Promise<{ template: string; channel: string; category: string }[]> {
  const { rows } = await ctx().database.pool.query<{ template: string; channel: string; category: string }>(
    `SELECT m.template, d.channel, m.category
       FROM notifications.messages m JOIN notifications.deliveries d ON d.message_id = m.id
      WHERE d.address = $1 AND m.template NOT LIKE '%-code'
      ORDER BY m.created_at`,
    [address],
  );
  return rows;
}

async function auditOf(userId: string) {
  return ctx().app.sauda.modules.audit.api.list({ entityId: userId, limit: 200 });
}

const loginStatus = async (login: string, password = DEFAULT_PASSWORD) =>
  (
    await ctx().app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: nextIp(),
      payload: { login, password },
    })
  ).statusCode;

const wrongCode = (code: string) => (code === '123456' ? '654321' : '123456');
const altcha = async () => solveAltcha((await ctx().app.inject({ url: '/v1/auth/challenge' })).json());

async function registerPhone(phone: string): Promise<void> {
  const ip = nextIp();
  const registered = await ctx().app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    remoteAddress: ip,
    payload: {
      phone,
      fullName: 'Ерлан Сапаров',
      password: DEFAULT_PASSWORD,
      locale: 'kk',
      acceptedDocuments: await acceptedDocuments(ctx()),
    },
  });
  expect(registered.statusCode, registered.body).toBe(202);
  const code = await readCode(ctx())({ phone }, 'verify-phone');
  const verified = await ctx().app.inject({
    method: 'POST',
    url: '/v1/auth/verify',
    remoteAddress: ip,
    payload: { phone, code },
  });
  expect(verified.statusCode, verified.body).toBe(200);
}

describe('changing the email', () => {
  it('sends a code to the new address, swaps it in on confirmation and tells the old one', async () => {
    const { database } = ctx();
    const { email: oldEmail } = await registerVerified(ctx(), 'aigerim@example.kz');
    const other = await registerVerified(ctx(), 'bystander@example.kz');
    const web = await webLogin(ctx(), oldEmail);
    const otherWeb = await webLogin(ctx(), other.email);
    const otherBefore = await me(otherWeb);
    const newEmail = 'aigerim.new@example.kz';

    // Cookie sessions need the CSRF token.
    const noCsrf = await post(
      web,
      '/v1/me/email',
      { email: newEmail, password: DEFAULT_PASSWORD },
      {
        cookie: web.cookie,
      },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'IDENTITY_CSRF_TOKEN_INVALID' });
    // Without 2FA the step-up is the current password.
    const noPassword = await post(web, '/v1/me/email', { email: newEmail });
    expect(noPassword.statusCode).toBe(403);
    expect(noPassword.json()).toMatchObject({ code: 'IDENTITY_PASSWORD_CONFIRMATION_REQUIRED' });
    const badPassword = await post(web, '/v1/me/email', { email: newEmail, password: 'not my password!' });
    expect(badPassword.statusCode).toBe(401);
    expect(badPassword.json()).toMatchObject({ code: 'IDENTITY_INVALID_CREDENTIALS' });

    const requested = await post(web, '/v1/me/email', {
      email: ' Aigerim.New@Example.kz ',
      password: DEFAULT_PASSWORD,
    });
    expect(requested.statusCode, requested.body).toBe(202);
    expect(requested.json()).toEqual({
      status: 'code-sent',
      channel: 'email',
      codeExpiresInSeconds: 600,
      retryAfterSeconds: 60,
    });
    const tooSoon = await post(web, '/v1/me/email', { email: newEmail, password: DEFAULT_PASSWORD });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json()).toMatchObject({ code: 'IDENTITY_RESEND_TOO_SOON' });
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);

    const code = await readCode(ctx())({ email: newEmail }, 'change-email');
    const confirmNoCsrf = await post(web, '/v1/me/email/confirm', { code }, { cookie: web.cookie });
    expect(confirmNoCsrf.statusCode).toBe(403);
    const wrong = await post(web, '/v1/me/email/confirm', { code: wrongCode(code) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'IDENTITY_INVALID_CODE' });
    // The code proves the email address, not the phone.
    expect((await post(web, '/v1/me/phone/confirm', { code })).json()).toMatchObject({
      code: 'IDENTITY_INVALID_CODE',
    });
    const confirmed = await post(web, '/v1/me/email/confirm', { code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await post(web, '/v1/me/email/confirm', { code })).statusCode).toBe(400);

    expect((await me(web)).profile).toMatchObject({ email: newEmail, emailVerified: true, status: 'active' });
    expect(await noticesTo(oldEmail)).toEqual([
      { template: 'identity.email-changed', channel: 'email', category: 'security' },
    ]);
    expect(await noticesTo(newEmail)).toEqual([]);

    expect(await loginStatus(newEmail)).toBe(200);
    expect(await loginStatus(oldEmail)).toBe(401);
    // The old address is free for someone else now.
    await registerVerified(ctx(), oldEmail);

    const entries = await auditOf(web.userId);
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'identity.password-confirmation-failed',
        'identity.contact-change-requested',
        'identity.contact-changed',
      ]),
    );
    const changed = entries.find((entry) => entry.action === 'identity.contact-changed');
    expect(changed).toMatchObject({
      before: { channel: 'email', previous: 'verified' },
      after: { channel: 'email', verified: true },
    });
    const dump = JSON.stringify(entries).toLowerCase();
    expect(dump).not.toContain('aigerim@');
    expect(dump).not.toContain('aigerim.new@');
    const { rows: stored } = await database.pool.query<Record<string, unknown>>(
      'SELECT u.*, c.* FROM identity.users u JOIN identity.verification_codes c ON c.user_id = u.id WHERE u.id = $1',
      [web.userId],
    );
    expect(JSON.stringify(stored).toLowerCase()).not.toContain('aigerim.new@');
    const { rows: events } = await database.pool.query<{ payload: unknown }>(
      `SELECT payload FROM platform.outbox WHERE name = 'identity.contact-changed'`,
    );
    expect(JSON.stringify(events)).toContain(web.userId);
    expect(JSON.stringify(events)).not.toContain('@');

    // Nothing of the bystander changed.
    expect(await me(otherWeb)).toEqual(otherBefore);
    expect(await loginStatus(other.email)).toBe(200);
    expect(await auditOf(otherWeb.userId)).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'identity.contact-changed' })]),
    );
  });

  it('lets a code die after 10 minutes or 5 wrong guesses', async () => {
    const { clock } = ctx();
    const { email } = await registerVerified(ctx(), 'patient@example.kz');
    const web = await webLogin(ctx(), email);
    const newEmail = 'patient.new@example.kz';

    expect(
      (await post(web, '/v1/me/email', { email: newEmail, password: DEFAULT_PASSWORD })).statusCode,
    ).toBe(202);
    const late = await readCode(ctx())({ email: newEmail }, 'change-email');
    clock.advance(10 * 60_000 + 1_000);
    const expired = await post(web, '/v1/me/email/confirm', { code: late });
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toMatchObject({ code: 'IDENTITY_INVALID_CODE' });

    expect(
      (await post(web, '/v1/me/email', { email: newEmail, password: DEFAULT_PASSWORD })).statusCode,
    ).toBe(202);
    const code = await readCode(ctx())({ email: newEmail }, 'change-email');
    const guess = async (value: string, withChallenge = false) =>
      post(web, '/v1/me/email/confirm', {
        code: value,
        ...(withChallenge ? { altcha: await altcha() } : {}),
      });
    // One failure above is counted too: two more, then a proof of work is wanted.
    for (let i = 0; i < 2; i += 1) expect((await guess(wrongCode(code))).statusCode).toBe(400);
    expect((await guess(code)).statusCode).toBe(428);
    for (let i = 0; i < 3; i += 1) expect((await guess(wrongCode(code), true)).statusCode).toBe(400);
    // Five wrong guesses at this code: even the right one fails now.
    expect((await guess(code, true)).json()).toMatchObject({ code: 'IDENTITY_INVALID_CODE' });
    expect((await me(web)).profile).toMatchObject({ email });

    clock.advance(61_000);
    expect(
      (await post(web, '/v1/me/email', { email: newEmail, password: DEFAULT_PASSWORD })).statusCode,
    ).toBe(202);
    const fresh = await readCode(ctx())({ email: newEmail }, 'change-email');
    const ok = await guess(fresh, true);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await me(web)).profile).toMatchObject({ email: newEmail });
  });

  it('fails cleanly when the new address belongs to another account, before or after the request', async () => {
    const { clock } = ctx();
    const { email } = await registerVerified(ctx(), 'mover@example.kz');
    const holder = await registerVerified(ctx(), 'holder@example.kz');
    const web = await webLogin(ctx(), email);

    // Taken already: the same answer as for a free address, and a code all the same.
    const taken = await post(web, '/v1/me/email', { email: holder.email, password: DEFAULT_PASSWORD });
    expect(taken.statusCode).toBe(202);
    const web2 = await webLogin(ctx(), (await registerVerified(ctx(), 'control@example.kz')).email);
    const free = await post(web2, '/v1/me/email', {
      email: 'free.one@example.kz',
      password: DEFAULT_PASSWORD,
    });
    expect(taken.json()).toEqual(free.json());
    const takenCode = await readCode(ctx())({ email: holder.email }, 'change-email');
    const refused = await post(web, '/v1/me/email/confirm', { code: takenCode });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'IDENTITY_CONTACT_UNAVAILABLE' });

    // Taken meanwhile: someone registers the address between the request and the confirmation.
    const contested = 'contested@example.kz';
    clock.advance(61_000);
    expect(
      (await post(web, '/v1/me/email', { email: contested, password: DEFAULT_PASSWORD })).statusCode,
    ).toBe(202);
    const code = await readCode(ctx())({ email: contested }, 'change-email');
    await registerVerified(ctx(), contested);
    const lost = await post(web, '/v1/me/email/confirm', { code });
    expect(lost.statusCode).toBe(409);
    expect(lost.json()).toMatchObject({ code: 'IDENTITY_CONTACT_UNAVAILABLE' });

    expect((await me(web)).profile).toMatchObject({ email });
    expect(await loginStatus(holder.email)).toBe(200);
    expect(await loginStatus(contested)).toBe(200);
    expect(await noticesTo(email)).toEqual([]);
    expect(await noticesTo(holder.email)).toEqual([]);
  });

  it('with 2FA on, wants a recent second factor, not the password', async () => {
    const { clock } = ctx();
    const { email } = await registerVerified(ctx(), 'careful@example.kz');
    const web = await webLogin(ctx(), email);
    const { secret } = await enableTwoFactor(ctx(), web);
    const newEmail = 'careful.new@example.kz';

    clock.advance(6 * 60_000);
    const stale = await post(web, '/v1/me/email', { email: newEmail, password: DEFAULT_PASSWORD });
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toMatchObject({ code: 'IDENTITY_STEP_UP_REQUIRED' });
    expect((await me(web)).profile).toMatchObject({ email });

    const steppedUp = await post(web, '/v1/auth/step-up', { code: totpCodeAt(secret, clock.now()) });
    expect(steppedUp.statusCode, steppedUp.body).toBe(200);
    const requested = await post(web, '/v1/me/email', { email: newEmail });
    expect(requested.statusCode, requested.body).toBe(202);
    const code = await readCode(ctx())({ email: newEmail }, 'change-email');
    // Confirming needs only the code: the step-up guarded the request.
    clock.advance(6 * 60_000);
    expect((await post(web, '/v1/me/email/confirm', { code })).statusCode).toBe(200);
    expect((await me(web)).profile).toMatchObject({ email: newEmail });
  });

  it('ignores a code sent for another account', async () => {
    const a = await webLogin(ctx(), (await registerVerified(ctx(), 'alpha@example.kz')).email);
    const b = await webLogin(ctx(), (await registerVerified(ctx(), 'beta@example.kz')).email);
    expect(
      (await post(b, '/v1/me/email', { email: 'beta.new@example.kz', password: DEFAULT_PASSWORD }))
        .statusCode,
    ).toBe(202);
    const code = await readCode(ctx())({ email: 'beta.new@example.kz' }, 'change-email');
    expect((await post(a, '/v1/me/email/confirm', { code })).statusCode).toBe(400);
    expect((await me(a)).profile).toMatchObject({ email: 'alpha@example.kz' });
    expect((await post(b, '/v1/me/email/confirm', { code })).statusCode).toBe(200);
    expect((await me(b)).profile).toMatchObject({ email: 'beta.new@example.kz' });
  });
});

describe('changing the phone', () => {
  it('sends an SMS code to the new number and tells the old one by SMS', async () => {
    const oldPhone = '+77015550101';
    const newPhone = '+77015550102';
    await registerPhone(oldPhone);
    const tokens = await tokenLogin(ctx(), oldPhone);
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const web = { cookie: '', csrf: '', userId: '' };

    const requested = await post(
      web,
      '/v1/me/phone',
      { phone: '8 701 555 01 02', password: DEFAULT_PASSWORD },
      bearer,
    );
    expect(requested.statusCode, requested.body).toBe(202);
    expect(requested.json()).toMatchObject({ channel: 'sms' });
    const code = await readCode(ctx())({ phone: newPhone }, 'change-phone');
    const confirmed = await post(web, '/v1/me/phone/confirm', { code }, bearer);
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const profile = await ctx().app.inject({ url: '/v1/me', headers: bearer });
    expect(profile.json()).toMatchObject({ profile: { phone: newPhone, phoneVerified: true } });
    expect(await noticesTo(oldPhone)).toEqual([
      { template: 'identity.phone-changed', channel: 'sms', category: 'security' },
    ]);
    expect(await loginStatus(newPhone)).toBe(200);
    expect(await loginStatus(oldPhone)).toBe(401);
  });

  it('adds a phone to an email account and tells the email', async () => {
    const { email } = await registerVerified(ctx(), 'nophone@example.kz');
    const web = await webLogin(ctx(), email);
    const phone = '+77015550103';
    expect((await post(web, '/v1/me/phone', { phone, password: DEFAULT_PASSWORD })).statusCode).toBe(202);
    const code = await readCode(ctx())({ phone }, 'change-phone');
    expect((await post(web, '/v1/me/phone/confirm', { code })).statusCode).toBe(200);
    expect((await me(web)).profile).toMatchObject({ email, phone, phoneVerified: true });
    expect(await noticesTo(email)).toEqual([
      { template: 'identity.phone-changed', channel: 'email', category: 'security' },
    ]);
    expect(await loginStatus(phone)).toBe(200);
  });
});

describe('changing the password', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const { app } = ctx();
    const { email } = await registerVerified(ctx(), 'rotator@example.kz');
    const web = await webLogin(ctx(), email);
    const otherWeb = await webLogin(ctx(), email);
    const tokens = await tokenLogin(ctx(), email);
    const bearerStatus = async () =>
      (await app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${tokens.access_token}` } }))
        .statusCode;

    const noCsrf = await post(
      web,
      '/v1/me/password',
      { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD },
      {
        cookie: web.cookie,
      },
    );
    expect(noCsrf.statusCode).toBe(403);
    const wrong = await post(web, '/v1/me/password', {
      currentPassword: 'not my password!',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'IDENTITY_INVALID_CREDENTIALS' });
    const short = await post(web, '/v1/me/password', {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: 'short',
    });
    expect(short.json()).toMatchObject({ code: 'IDENTITY_PASSWORD_TOO_SHORT' });
    const common = await post(web, '/v1/me/password', {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: 'qwertyuiop',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json()).toMatchObject({ code: 'IDENTITY_PASSWORD_TOO_COMMON' });
    // Nothing changed so far.
    expect((await me(otherWeb)).status).toBe(200);
    expect(await bearerStatus()).toBe(200);
    expect(await loginStatus(email)).toBe(200);

    const changed = await post(web, '/v1/me/password', {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    // The other web session, the API session and the sign-in just above.
    expect(changed.json()).toEqual({ status: 'ok', sessionsRevoked: 3 });
    expect((await me(web)).status).toBe(200);
    expect((await me(otherWeb)).status).toBe(401);
    expect(await bearerStatus()).toBe(401);
    expect(await loginStatus(email)).toBe(401);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);

    expect(await noticesTo(email)).toEqual([
      { template: 'identity.password-changed', channel: 'email', category: 'security' },
    ]);
    const entries = await auditOf(web.userId);
    expect(entries.find((entry) => entry.action === 'identity.password-changed')).toMatchObject({
      after: { sessionsRevoked: 3 },
    });
    expect(JSON.stringify(entries)).not.toContain(NEW_PASSWORD);
  });
});

describe('cancelling a deletion request', () => {
  const cancel = (payload: Record<string, unknown>) =>
    ctx().app.inject({ method: 'POST', url: '/v1/auth/deletion/cancel', remoteAddress: nextIp(), payload });

  it('takes the request back with the sign-in credentials while the grace period runs', async () => {
    const { app, clock } = ctx();
    const { email } = await registerVerified(ctx(), 'regretful@example.kz');
    const web = await webLogin(ctx(), email);
    expect((await cancel({ login: email, password: DEFAULT_PASSWORD })).json()).toMatchObject({
      code: 'IDENTITY_DELETION_NOT_PENDING',
    });
    const requested = await post(web, '/v1/me/deletion', { password: DEFAULT_PASSWORD });
    expect(requested.statusCode).toBe(202);
    expect(await loginStatus(email)).toBe(401);

    clock.advance(20 * 86_400_000);
    const wrong = await cancel({ login: email, password: 'not my password!' });
    const unknown = await cancel({ login: 'nobody.at.all@example.kz', password: 'not my password!' });
    expect(wrong.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    const cancelled = await cancel({ login: email, password: DEFAULT_PASSWORD });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    expect(await loginStatus(email)).toBe(200);
    const [entry] = await app.sauda.modules.audit.api.list({
      action: 'identity.deletion-cancelled',
      limit: 1,
    });
    expect(entry).toMatchObject({ entityId: web.userId, after: { status: 'active' } });
    clock.advance(11 * 86_400_000);
    await app.sauda.modules.identity.api.eraseDueAccounts();
    expect(await app.sauda.modules.identity.api.getProfile(web.userId)).toMatchObject({
      status: 'active',
      email,
    });
  });

  it('asks for the second factor when 2FA is on, and is too late once the grace period is over', async () => {
    const { clock } = ctx();
    const { email } = await registerVerified(ctx(), 'twice@example.kz');
    const web = await webLogin(ctx(), email);
    const { secret } = await enableTwoFactor(ctx(), web);
    clock.advance(30_000);
    expect((await post(web, '/v1/me/deletion', { password: DEFAULT_PASSWORD })).statusCode).toBe(202);
    expect((await cancel({ login: email, password: DEFAULT_PASSWORD })).json()).toMatchObject({
      code: 'IDENTITY_SECOND_FACTOR_REQUIRED',
    });
    const cancelled = await cancel({
      login: email,
      password: DEFAULT_PASSWORD,
      secondFactor: totpCodeAt(secret, clock.now()),
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    const late = await webLogin(ctx(), (await registerVerified(ctx(), 'toolate@example.kz')).email);
    expect((await post(late, '/v1/me/deletion', { password: DEFAULT_PASSWORD })).statusCode).toBe(202);
    clock.advance(30 * 86_400_000 + 1_000);
    const refused = await cancel({ login: 'toolate@example.kz', password: DEFAULT_PASSWORD });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'IDENTITY_DELETION_NOT_PENDING' });
  });
});

describe('bad inputs', () => {
  it('get localized 4xx answers and change nothing', async () => {
    const { database } = ctx();
    const { email } = await registerVerified(ctx(), 'typo@example.kz');
    const web = await webLogin(ctx(), email);
    const before = await me(web);
    const send = (url: string, payload: Record<string, unknown>, locale: string) =>
      post(web, url, payload, { ...asWeb(web), 'accept-language': locale });

    const badEmail = await send('/v1/me/email', { email: 'not an email', password: DEFAULT_PASSWORD }, 'en');
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json()).toMatchObject({
      code: 'IDENTITY_INVALID_EMAIL',
      title: 'The email address is not valid',
    });
    const badPhone = await send(
      '/v1/me/phone',
      { phone: '+7 916 123 45 67', password: DEFAULT_PASSWORD },
      'kk',
    );
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json()).toMatchObject({ code: 'IDENTITY_INVALID_PHONE' });
    expect(badPhone.json<{ title: string }>().title).toMatch(/Қазақстандық/);
    const unknownField = await send(
      '/v1/me/email',
      { email: 'typo.new@example.kz', password: DEFAULT_PASSWORD, verified: true },
      'ru',
    );
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
      errors: [{ path: 'body/verified', message: 'Неизвестное поле verified' }],
    });
    const unknownPasswordField = await send(
      '/v1/me/password',
      { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD, userId: 'usr_someoneelse' },
      'ru',
    );
    expect(unknownPasswordField.json()).toMatchObject({ code: 'PLATFORM_VALIDATION' });
    expect((await send('/v1/me/email/confirm', { code: '1'.repeat(33) }, 'ru')).json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
    });
    const same = await send('/v1/me/email', { email: 'TYPO@example.kz', password: DEFAULT_PASSWORD }, 'ru');
    expect(same.statusCode).toBe(409);
    expect(same.json()).toMatchObject({
      code: 'IDENTITY_CONTACT_UNCHANGED',
      title: 'Этот адрес уже указан в вашей учётной записи',
    });
    const cancelBad = await ctx().app.inject({
      method: 'POST',
      url: '/v1/auth/deletion/cancel',
      remoteAddress: nextIp(),
      payload: { login: email, password: DEFAULT_PASSWORD, extra: 1 },
    });
    expect(cancelBad.json()).toMatchObject({ code: 'PLATFORM_VALIDATION' });

    expect(await me(web)).toEqual(before);
    expect(await loginStatus(email)).toBe(200);
    const { rows } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.verification_codes WHERE user_id = $1 AND purpose LIKE 'change-%'`,
      [web.userId],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('lists the new routes in a valid OpenAPI document', async () => {
    const response = await ctx().app.inject({ url: '/openapi.json' });
    const document = response.json<{ paths: Record<string, unknown> }>();
    for (const path of [
      '/v1/me/email',
      '/v1/me/email/confirm',
      '/v1/me/phone',
      '/v1/me/phone/confirm',
      '/v1/me/password',
      '/v1/auth/deletion/cancel',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
  });
});
