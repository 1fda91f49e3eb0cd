import { describe, expect, it } from 'vitest';
import { Type, type Executor } from '@sauda/platform';
import type { NotificationsApi } from './notifications.module.ts';
import { assertVariables, defineTemplate, renderTemplate, templateChannels } from './templates.ts';

const VerificationCode = defineTemplate({
  key: 'test.verification-code',
  variables: Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), minutes: Type.Integer() }),
  content: {
    email: {
      subject: { ru: 'Код: {code}', kk: 'Код: {code}', en: 'Code: {code}' },
      text: {
        ru: 'Код {code} действует {minutes} мин.',
        kk: '{code} коды {minutes} мин жарамды.',
        en: 'Code {code} is valid for {minutes} min.',
      },
    },
    sms: { text: { ru: 'Sauda: код {code}', kk: 'Sauda: код {code}', en: 'Sauda: code {code}' } },
  },
});

describe('templates', () => {
  it('renders each channel in the requested language', () => {
    const variables = { code: '123456', minutes: 10 };
    expect(renderTemplate(VerificationCode, 'sms', variables, 'en')).toEqual({ text: 'Sauda: code 123456' });
    const email = renderTemplate(VerificationCode, 'email', variables, 'kk');
    expect(email?.subject).toBe('Код: 123456');
    expect(email?.text).toBe('123456 коды 10 мин жарамды.');
    expect(email?.html).toContain('<p>123456 коды 10 мин жарамды.</p>');
    expect(renderTemplate(VerificationCode, 'in_app', variables, 'ru')).toBeUndefined();
    expect(templateChannels(VerificationCode)).toEqual(['email', 'sms']);
  });

  it('escapes variables in the HTML part of an email', () => {
    const Greeting = defineTemplate({
      key: 'test.greeting',
      variables: Type.Object({ name: Type.String() }),
      content: {
        email: {
          subject: { ru: 'Привет', kk: 'Сәлем', en: 'Hello' },
          text: { ru: 'Привет, {name}', kk: 'Сәлем, {name}', en: 'Hello, {name}\nline two' },
        },
      },
    });
    const email = renderTemplate(Greeting, 'email', { name: '<script>"x"</script>' }, 'en');
    expect(email?.text).toBe('Hello, <script>"x"</script>\nline two');
    expect(email?.html).toContain('<p>Hello, &lt;script&gt;&quot;x&quot;&lt;/script&gt;<br>line two</p>');
    expect(email?.html).not.toContain('<script>');
  });

  it('checks variables at run time as well', () => {
    expect(() => {
      assertVariables(VerificationCode, { code: '123456', minutes: 5 });
    }).not.toThrow();
    expect(() => {
      assertVariables(VerificationCode, { code: '12', minutes: 5 });
    }).toThrow(TypeError);
    expect(() => {
      assertVariables(VerificationCode, { code: '123456' });
    }).toThrow(/test.verification-code/);
  });

  it('rejects a template with a missing language, an unknown placeholder, a bad key or no channel', () => {
    const variables = Type.Object({ code: Type.String() });
    const untyped = defineTemplate as (definition: unknown) => unknown;
    expect(() =>
      untyped({
        key: 'test.missing',
        variables,
        content: { sms: { text: { ru: 'Код {code}', en: 'Code {code}' } } },
      }),
    ).toThrow('sms.text has no kk text');
    expect(() =>
      untyped({
        key: 'test.blank',
        variables,
        content: { sms: { text: { ru: 'Код {code}', kk: ' ', en: 'Code {code}' } } },
      }),
    ).toThrow('sms.text has no kk text');
    expect(() =>
      untyped({
        key: 'test.typo',
        variables,
        content: { sms: { text: { ru: 'Код {cod}', kk: 'Код {code}', en: 'Code {code}' } } },
      }),
    ).toThrow('sms.text.ru uses unknown {cod}');
    expect(() => untyped({ key: 'NoModule', variables, content: { sms: { text: {} } } })).toThrow(
      'is not module.template-name',
    );
    expect(() => untyped({ key: 'test.empty', variables, content: {} })).toThrow('has no channel');
  });

  it('makes the compiler reject unknown placeholders, missing languages and wrong variables', () => {
    const variables = Type.Object({ code: Type.String() });
    expect(() =>
      defineTemplate({
        key: 'test.compile-typo',
        variables,
        // @ts-expect-error {cod} is not a declared variable
        content: { sms: { text: { ru: 'Код {cod}', kk: 'Код {code}', en: 'Code {code}' } } },
      }),
    ).toThrow();
    expect(() =>
      defineTemplate({
        key: 'test.compile-missing',
        variables,
        // @ts-expect-error the kk text is missing
        content: { sms: { text: { ru: 'Код {code}', en: 'Code {code}' } } },
      }),
    ).toThrow();
    const typeOnly = (api: NotificationsApi, executor: Executor) =>
      api.send(executor, {
        to: { phone: '+77010000000' },
        template: VerificationCode,
        // @ts-expect-error minutes is required by the template's variables
        variables: { code: '123456' },
        locale: 'ru',
        category: 'security',
      });
    expect(typeOnly).toBeTypeOf('function');
  });
});
