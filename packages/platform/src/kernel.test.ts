import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError, defineErrors, PlatformErrors } from './errors.ts';
import { resolveLocale, translate } from './i18n.ts';
import { isId, newId } from './ids.ts';
import { createLogger } from './logger.ts';

describe('ids', () => {
  it('are prefixed, unique and sort by creation time', () => {
    const ids = Array.from({ length: 200 }, () => newId('usr'));
    expect(new Set(ids).size).toBe(200);
    expect(ids.every((id) => /^usr_[0-9a-z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(isId(ids[0], 'usr')).toBe(true);
    expect(isId(ids[0], 'trf')).toBe(false);
    expect(isId('usr_notanid', 'usr')).toBe(false);
    expect(isId(42, 'usr')).toBe(false);
  });
});

describe('i18n', () => {
  it('prefers the user locale, then Accept-Language, then the default', () => {
    expect(resolveLocale({ userLocale: 'kk', acceptLanguage: 'en', fallback: 'ru' })).toBe('kk');
    expect(resolveLocale({ acceptLanguage: 'de-DE,en;q=0.8,kk;q=0.9', fallback: 'ru' })).toBe('kk');
    expect(resolveLocale({ acceptLanguage: 'de', fallback: 'ru' })).toBe('ru');
    expect(resolveLocale({ userLocale: 'xx', fallback: 'en' })).toBe('en');
  });

  it('interpolates parameters and leaves unknown ones visible', () => {
    const text = { ru: 'Привет, {name} {missing}', kk: 'Сәлем, {name}', en: 'Hi, {name}' };
    expect(translate(text, 'ru', { name: 'Айгерім' })).toBe('Привет, Айгерім {missing}');
    expect(translate(text, 'kk', { name: 'Айгерім' })).toBe('Сәлем, Айгерім');
  });
});

describe('errors', () => {
  it('carry a stable code, a status and localized messages', () => {
    const error = new AppError(PlatformErrors.PLATFORM_PAYLOAD_TOO_LARGE, { params: { limit: 10 } });
    expect(error.status).toBe(413);
    expect(error.localizedMessage('kk')).toContain('10');
    expect(error.message).toBe('The request is too large (at most 10 bytes)');
  });

  it('reject malformed or duplicate codes and map unknown ones to internal', () => {
    expect(() => defineErrors({ lowercase: { status: 400, message: { ru: '', kk: '', en: '' } } })).toThrow(
      /UPPER_SNAKE/,
    );
    expect(() =>
      defineErrors({ PLATFORM_NOT_FOUND: { status: 410, message: { ru: 'x', kk: 'x', en: 'x' } } }),
    ).toThrow(/defined twice/);
    expect(new AppError('NOBODY_DEFINED_THIS').code).toBe('PLATFORM_INTERNAL');
  });
});

describe('logger', () => {
  it('redacts secrets and personal data at any logged depth', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ env: 'test', logLevel: 'info' }, sink);
    logger.info({
      password: 'hunter2hunter2',
      user: { iin: '900101300123', phone: '+77011234567', email: 'a@b.kz' },
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } },
      payload: { card: { cardNumber: '4111111111111111' } },
      err: { code: 'ECONNREFUSED' },
    });
    const line = lines.join('');
    for (const secret of ['hunter2', '900101300123', '+7701', 'a@b.kz', 'Bearer abc', 'sid=1', '4111']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('ECONNREFUSED');
  });
});
