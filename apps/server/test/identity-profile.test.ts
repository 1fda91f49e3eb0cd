import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { asWeb, nextIp, registerVerified, tokenLogin, webLogin, type WebClient } from './identity-helpers.ts';

const ctx = useTestApp();

/** PATCH /v1/me of a signed-in web client, answered in the language asked for. */
const patchMe = (client: WebClient, payload: unknown, language = 'ru', headers = asWeb(client)) =>
  ctx().app.inject({
    method: 'PATCH',
    url: '/v1/me',
    remoteAddress: nextIp(),
    headers: { ...headers, 'accept-language': language },
    payload: payload as Record<string, unknown>,
  });

const profileOf = async (client: WebClient) =>
  (await ctx().app.inject({ url: '/v1/me', headers: { cookie: client.cookie } })).json<{
    profile: { fullName: string | null; locale: string };
  }>().profile;

const profileUpdates = async (userId: string) =>
  (await ctx().app.sauda.modules.audit.api.list({ entityId: userId, limit: 100 })).filter(
    (entry) => entry.action === 'identity.profile-updated',
  );

describe('PATCH /v1/me (name and language of messages)', () => {
  it('changes the language and the name, and answers the profile', async () => {
    const { email } = await registerVerified(ctx(), 'polyglot@example.kz');
    const client = await webLogin(ctx(), email);
    const changed = await patchMe(client, { locale: 'kk', fullName: '  Әлия   Сәрсенова ' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: client.userId, locale: 'kk', fullName: 'Әлия Сәрсенова' });
    expect(await profileOf(client)).toMatchObject({ locale: 'kk', fullName: 'Әлия Сәрсенова' });

    const [entry] = await profileUpdates(client.userId);
    expect(entry).toMatchObject({
      actor: client.userId,
      before: { locale: 'ru' },
      after: { fields: ['fullName', 'locale'], locale: 'kk' },
    });
    // The name is personal data: never in the audit log.
    expect(JSON.stringify(entry)).not.toContain('Сәрсенова');
  });

  it('sends later messages in the chosen language', async () => {
    const { email } = await registerVerified(ctx(), 'messages-in-english@example.kz');
    const client = await webLogin(ctx(), email);
    expect((await patchMe(client, { locale: 'en' })).statusCode).toBe(200);
    const changed = await ctx().app.inject({
      method: 'POST',
      url: '/v1/me/password',
      remoteAddress: nextIp(),
      headers: asWeb(client),
      payload: { currentPassword: 'correct horse battery staple', newPassword: 'another long passphrase' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const { rows } = await ctx().database.pool.query<{ locale: string }>(
      `SELECT locale FROM notifications.messages WHERE user_id = $1 AND template = 'identity.password-changed'`,
      [client.userId],
    );
    expect(rows.map((row) => row.locale)).toEqual(['en']);
  });

  it('records nothing when the values are the ones the account already has', async () => {
    const { email } = await registerVerified(ctx(), 'steady@example.kz', { fullName: 'Bolat Serikov' });
    const client = await webLogin(ctx(), email);
    const same = await patchMe(client, { locale: 'ru', fullName: 'Bolat Serikov' });
    expect(same.statusCode, same.body).toBe(200);
    expect(await profileUpdates(client.userId)).toEqual([]);
  });

  it('refuses bad input with localized messages and changes nothing', async () => {
    const { email } = await registerVerified(ctx(), 'careful@example.kz', { fullName: 'Dana Amirova' });
    const client = await webLogin(ctx(), email);
    const cases: [unknown, string, string][] = [
      [{ locale: 'de' }, 'kk', 'PLATFORM_VALIDATION'],
      [{}, 'en', 'PLATFORM_VALIDATION'],
      [{ fullName: 'x'.repeat(201) }, 'ru', 'PLATFORM_VALIDATION'],
      [{ fullName: '   ' }, 'kk', 'IDENTITY_INVALID_NAME'],
      [{ fullName: 'Dana\u0000' }, 'en', 'IDENTITY_INVALID_NAME'],
      [{ locale: 'kk', email: 'other@example.kz' }, 'ru', 'PLATFORM_VALIDATION'],
    ];
    for (const [payload, language, code] of cases) {
      const refused = await patchMe(client, payload, language);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json()).toMatchObject({ code });
    }
    expect((await patchMe(client, { locale: 'de' }, 'kk')).json<{ errors: unknown }>().errors).toEqual([
      { path: 'body/locale', message: 'Рұқсат етілген мәндер: ru, kk, en' },
    ]);
    expect((await patchMe(client, { fullName: ' ' }, 'kk')).json()).toMatchObject({
      title: 'Аты-жөніңізді көрсетіңіз',
    });
    expect(await profileOf(client)).toMatchObject({ locale: 'ru', fullName: 'Dana Amirova' });
    expect(await profileUpdates(client.userId)).toEqual([]);
  });

  it('needs a signed-in session with its CSRF token', async () => {
    const { email } = await registerVerified(ctx(), 'guarded@example.kz');
    const client = await webLogin(ctx(), email);
    expect((await patchMe(client, { locale: 'en' }, 'ru', {})).statusCode).toBe(401);
    expect((await patchMe(client, { locale: 'en' }, 'ru', { cookie: client.cookie })).statusCode).toBe(403);
    const tokens = await tokenLogin(ctx(), email);
    const bearer = await patchMe(client, { locale: 'en' }, 'ru', {
      authorization: `Bearer ${tokens.access_token}`,
    });
    expect(bearer.statusCode, bearer.body).toBe(200);
    expect(await profileOf(client)).toMatchObject({ locale: 'en' });
  });
});
