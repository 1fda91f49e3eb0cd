import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DuplicateWindow, fingerprint, ipPrefix, isBot, mobilePlatform } from './visitor.ts';

describe('visitor', () => {
  it('keeps only the network of an address', () => {
    expect(ipPrefix('203.0.113.77')).toBe('203.0.113.0');
    expect(ipPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0');
    expect(ipPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::');
    expect(ipPrefix('2001:0db8::1')).toBe('2001:db8:0::');
    expect(ipPrefix('not an ip')).toBeUndefined();
    expect(ipPrefix(undefined)).toBeUndefined();
  });

  it('tells robots and link-preview crawlers from browsers', () => {
    for (const agent of [
      undefined,
      '',
      'TelegramBot (like TwitterBot)',
      'facebookexternalhit/1.1',
      'WhatsApp/2.23.20.0',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Slackbot-LinkExpanding 1.0',
      'curl/8.5.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0',
    ])
      expect(isBot(agent), String(agent)).toBe(true);
    expect(
      isBot('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36'),
    ).toBe(false);
    expect(mobilePlatform('Mozilla/5.0 (Linux; Android 14; SM-A546B) Chrome/131.0 Mobile')).toBe('android');
    expect(mobilePlatform('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)')).toBe('ios');
    expect(mobilePlatform('Mozilla/5.0 (Windows NT 10.0)')).toBeUndefined();
  });

  it('fingerprints the /24, agent and language with a key', () => {
    const key = randomBytes(32);
    const a = fingerprint(key, { ipPrefix: '203.0.113.0', userAgent: 'UA', language: 'ru' });
    expect(a).toBe(fingerprint(key, { ipPrefix: '203.0.113.0', userAgent: 'UA', language: 'ru' }));
    expect(a).not.toBe(fingerprint(key, { ipPrefix: '203.0.113.0', userAgent: 'UA', language: 'kk' }));
    expect(a).not.toBe(
      fingerprint(randomBytes(32), { ipPrefix: '203.0.113.0', userAgent: 'UA', language: 'ru' }),
    );
  });

  it('marks repeats within the window as duplicates and forgets beyond capacity', () => {
    const window = new DuplicateWindow(60_000, 3);
    expect(window.seen('a', 0)).toBe(false);
    expect(window.seen('a', 59_999)).toBe(true);
    expect(window.seen('a', 200_000)).toBe(false);
    for (const key of ['b', 'c', 'd', 'e']) window.seen(key, 200_001);
    expect(window.seen('a', 200_002)).toBe(false);
  });
});
