import { describe, expect, it } from 'vitest';
import { FAQ } from '../content/faq.ts';
import { LEGAL_VERSIONS } from '../content/legal/legal-documents.ts';
import { en } from './dictionaries/en.ts';
import { kk } from './dictionaries/kk.ts';
import { ru } from './dictionaries/ru.ts';

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`. */
function flatten(tree: object, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat[`${prefix}${key}`] = value;
    else if (value && typeof value === 'object')
      Object.assign(flat, flatten(value as object, `${prefix}${key}.`));
    else throw new Error(`${prefix}${key} is neither a text nor a group`);
  }
  return flat;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();
const CYRILLIC = /\p{Script=Cyrillic}/u;
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;

/**
 * Kazakh words that are spelled exactly as in Russian (loanwords), and texts with no words at all.
 * Anything else equal to the Russian text is an untranslated copy.
 */
const SAME_IN_KAZAKH = new Set([
  'nav.catalog',
  'nav.account',
  'auth.fields.phone',
  'auth.device.code',
  'kyc.stages.selfie',
  'kyc.liveness.title',
  'kyc.liveness.selfie',
  'account.nav.profile',
  'account.dashboard.title',
  'account.dashboard.balanceTitle',
  'account.notifications.categories.account',
  'account.notificationSettings.channels.sms',
  'account.notificationSettings.toggle',
  'account.profile.title',
  'account.profile.phone',
  'account.security.kinds.web',
  'account.balance.equivalent',
  'account.operations.columns.asset',
  'account.referrals.stats',
]);
const SAME_IN_ENGLISH = new Set([
  'account.notificationSettings.channels.sms',
  'account.notificationSettings.toggle',
  'account.balance.equivalent',
]);

const dictionaries = { ru: flatten(ru), kk: flatten(kk), en: flatten(en) };

describe('dictionaries', () => {
  it('have the same keys in every language', () => {
    const keys = Object.keys(dictionaries.ru).sort();
    expect(keys.length).toBeGreaterThan(300);
    expect(Object.keys(dictionaries.kk).sort()).toEqual(keys);
    expect(Object.keys(dictionaries.en).sort()).toEqual(keys);
  });

  it('have no empty text and the same placeholders in every language', () => {
    for (const [key, text] of Object.entries(dictionaries.ru)) {
      for (const locale of ['ru', 'kk', 'en'] as const) {
        const translated = dictionaries[locale][key] ?? '';
        expect(translated.trim(), `${locale}:${key}`).not.toBe('');
        expect(placeholders(translated), `${locale}:${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('are translated, not copied from Russian', () => {
    const untranslated = Object.keys(dictionaries.ru).filter(
      (key) =>
        (dictionaries.kk[key] === dictionaries.ru[key] && !SAME_IN_KAZAKH.has(key)) ||
        (dictionaries.en[key] === dictionaries.ru[key] && !SAME_IN_ENGLISH.has(key)),
    );
    expect(untranslated).toEqual([]);
    const cyrillicInEnglish = Object.entries(dictionaries.en).filter(([, text]) => CYRILLIC.test(text));
    expect(cyrillicInEnglish).toEqual([]);
    // Kazakh text that never uses a Kazakh letter is Russian in disguise.
    const kazakhTexts = Object.values(dictionaries.kk).join(' ');
    expect(kazakhTexts.match(new RegExp(KAZAKH_LETTERS, 'gu'))?.length ?? 0).toBeGreaterThan(500);
  });

  it('allow-list only keys that exist', () => {
    for (const key of [...SAME_IN_KAZAKH, ...SAME_IN_ENGLISH]) expect(dictionaries.ru).toHaveProperty([key]);
  });
});

describe('content drafts', () => {
  it('has every FAQ entry and legal document in every language', () => {
    const texts = [
      ...FAQ.flatMap((entry) => [entry.question, entry.answer]),
      ...Object.values(LEGAL_VERSIONS).flatMap((versions) => versions.map((version) => version.body)),
    ];
    for (const text of texts) {
      expect(text.ru.trim()).not.toBe('');
      expect(text.kk).not.toBe(text.ru);
      expect(KAZAKH_LETTERS.test(text.kk)).toBe(true);
      expect(CYRILLIC.test(text.en)).toBe(false);
    }
  });

  it('gives every legal document a version identity can point at', () => {
    for (const versions of Object.values(LEGAL_VERSIONS)) {
      expect(versions.length).toBeGreaterThan(0);
      expect(new Set(versions.map((version) => version.version)).size).toBe(versions.length);
    }
    // identity's consents name these (modules/identity/migrations/0001_identity.sql).
    expect(LEGAL_VERSIONS.terms.map((version) => version.version)).toContain('2026-01-01');
    expect(LEGAL_VERSIONS.privacy.map((version) => version.version)).toContain('2026-01-01');
  });
});
