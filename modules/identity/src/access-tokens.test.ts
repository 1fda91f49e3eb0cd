import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock, type Config } from '@sauda/platform';
import { AccessTokens } from './access-tokens.ts';

const key = (): Buffer =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' });
const auth = (keys: { id: string; privateKey: Buffer }[], active: string): Config['auth'] => ({
  jwtKeys: keys,
  jwtActiveKeyId: active,
  cookieSecret: Buffer.alloc(32),
  accessTokenTtlSeconds: 600,
  refreshTokenTtlSeconds: 86_400,
  sessionTtlSeconds: 86_400,
});
const subject = { userId: 'usr_01jabc', sessionId: 'ses_01jabc', scopes: ['*'] };

describe('access tokens', () => {
  it('verify until they expire', async () => {
    const clock = new ManualClock();
    const tokens = new AccessTokens({
      auth: auth([{ id: 'a', privateKey: key() }], 'a'),
      issuer: 'https://sauda.test',
      clock,
    });
    const token = await tokens.sign(subject);
    expect(await tokens.verify(token)).toEqual({ ok: true, userId: 'usr_01jabc', sessionId: 'ses_01jabc' });
    clock.advance(601_000);
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect(await tokens.verify(`${token.slice(0, -4)}AAAA`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keep verifying after the signing key rotates, while the old key is configured', async () => {
    const clock = new ManualClock();
    const [oldKey, newKey, foreign] = [key(), key(), key()];
    const before = new AccessTokens({
      auth: auth([{ id: 'old', privateKey: oldKey }], 'old'),
      issuer: 'i',
      clock,
    });
    const token = await before.sign(subject);
    const after = new AccessTokens({
      auth: auth(
        [
          { id: 'old', privateKey: oldKey },
          { id: 'new', privateKey: newKey },
        ],
        'new',
      ),
      issuer: 'i',
      clock,
    });
    expect((await after.verify(token)).ok).toBe(true);
    expect((await after.jwks()).keys.map((jwk) => jwk.kid)).toEqual(['old', 'new']);
    const stranger = new AccessTokens({
      auth: auth([{ id: 'old', privateKey: foreign }], 'old'),
      issuer: 'i',
      clock,
    });
    expect(await after.verify(await stranger.sign(subject))).toEqual({ ok: false, reason: 'invalid' });
  });
});
