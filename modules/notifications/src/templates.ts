import { LOCALES, translate, type Locale, type Localized } from '@sauda/platform';
import type { Static, TObject } from 'typebox';
import { Value } from 'typebox/value';
import { renderEmailHtml } from './email-layout.ts';
import type { Channel, ChannelContent } from './notifications.model.ts';

/** The texts of a template per channel; a channel a template leaves out cannot be used with it. */
export interface TemplateContent {
  readonly email?: { readonly subject: Localized; readonly text: Localized };
  readonly sms?: { readonly text: Localized };
  readonly in_app?: { readonly title: Localized; readonly body: Localized };
  /**
   * The name of the template approved in WhatsApp Business, the variables that fill its `{{1}}`,
   * `{{2}}`… in order, and its text in every language (as approved, with `{variable}` placeholders).
   */
  readonly whatsapp?: {
    readonly template: string;
    readonly parameters: readonly string[];
    readonly text: Localized;
  };
}

export interface TemplateDefinition<V extends TObject = TObject> {
  /** Stable `<module>.<template-name>`, stored with every message. */
  readonly key: string;
  /** The variables the texts may use as `{name}`; checked when a message is sent. */
  readonly variables: V;
  readonly content: TemplateContent;
}

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/**
 * Turns a text whose `{placeholder}` is not a declared variable into a type that names the problem,
 * so a typo in any language fails to compile instead of reaching a user as a literal `{cod}`.
 */
type CheckedText<T, Names extends string> = {
  readonly [L in keyof T]: [Exclude<Placeholders<T[L]>, Names>] extends [never]
    ? T[L]
    : { readonly 'unknown placeholder': Exclude<Placeholders<T[L]>, Names> };
};
type CheckedContent<C, Names extends string> = {
  readonly [Ch in keyof C]: { readonly [F in keyof C[Ch]]: CheckedText<C[Ch][F], Names> };
};

const KEY_PATTERN = /^[a-z]+\.[a-z0-9-]+$/;
const WHATSAPP_TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const PLACEHOLDER = /\{(\w+)\}/g;

function checkTexts(key: string, names: ReadonlySet<string>, content: TemplateContent): void {
  const channels = Object.entries(content) as [string, Record<string, Localized> | undefined][];
  if (!channels.some(([, texts]) => texts)) throw new Error(`Template ${key} has no channel`);
  const whatsapp = content.whatsapp;
  if (whatsapp) {
    if (!WHATSAPP_TEMPLATE_NAME.test(whatsapp.template))
      throw new Error(`Template ${key}: whatsapp.template must be a WhatsApp template name`);
    const unknown = whatsapp.parameters.find((name) => !names.has(name));
    if (unknown) throw new Error(`Template ${key}: whatsapp.parameters uses unknown ${unknown}`);
  }
  for (const [channel, texts] of channels) {
    for (const [field, text] of Object.entries(texts ?? {})) {
      // The WhatsApp template name and parameter list are not texts (checked above).
      if (channel === 'whatsapp' && field !== 'text') continue;
      for (const locale of LOCALES) {
        const value = (text as Partial<Localized>)[locale];
        if (typeof value !== 'string' || value.trim() === '')
          throw new Error(`Template ${key}: ${channel}.${field} has no ${locale} text`);
        for (const [, name] of value.matchAll(PLACEHOLDER)) {
          if (name && !names.has(name))
            throw new Error(`Template ${key}: ${channel}.${field}.${locale} uses unknown {${name}}`);
        }
      }
    }
  }
}

/**
 * Declares a template in the code of the module that owns it. Every language is required by the
 * `Localized` type, every `{placeholder}` must be a declared variable (checked by the compiler and
 * again here, at load time), and `send` accepts only variables of the declared shape.
 */
export function defineTemplate<V extends TObject, const C extends TemplateContent>(definition: {
  readonly key: string;
  readonly variables: V;
  readonly content: C & CheckedContent<C, keyof Static<V> & string>;
}): TemplateDefinition<V> {
  if (!KEY_PATTERN.test(definition.key))
    throw new Error(`Template key ${definition.key} is not module.template-name`);
  checkTexts(definition.key, new Set(Object.keys(definition.variables.properties)), definition.content);
  return { key: definition.key, variables: definition.variables, content: definition.content };
}

/** Renders the template for one channel, or returns undefined when the template has no text for it. */
export function renderTemplate<C extends Channel>(
  template: TemplateDefinition,
  channel: C,
  variables: Readonly<Record<string, unknown>>,
  locale: Locale,
): ChannelContent[C] | undefined {
  const { content } = template;
  const rendered: { [K in Channel]: () => ChannelContent[K] | undefined } = {
    email: () => {
      if (!content.email) return undefined;
      const subject = translate(content.email.subject, locale, variables);
      const text = translate(content.email.text, locale, variables);
      return { subject, text, html: renderEmailHtml({ subject, text, locale }) };
    },
    sms: () => (content.sms ? { text: translate(content.sms.text, locale, variables) } : undefined),
    in_app: () =>
      content.in_app
        ? {
            title: translate(content.in_app.title, locale, variables),
            body: translate(content.in_app.body, locale, variables),
          }
        : undefined,
    whatsapp: () =>
      content.whatsapp
        ? {
            template: content.whatsapp.template,
            language: locale,
            parameters: content.whatsapp.parameters.map((name) => String(variables[name])),
            text: translate(content.whatsapp.text, locale, variables),
          }
        : undefined,
  };
  return rendered[channel]();
}

/** Variables are checked at run time too: callers may build them from data the compiler never saw. */
export function assertVariables(template: TemplateDefinition, variables: unknown): void {
  if (Value.Check(template.variables, variables)) return;
  const [first] = Value.Errors(template.variables, variables);
  throw new TypeError(
    `Variables of template ${template.key} are invalid: ${first?.instancePath ?? ''} ${first?.message ?? ''}`,
  );
}

/** The channels a template has texts for. */
export const templateChannels = (template: TemplateDefinition): Channel[] =>
  (Object.keys(template.content) as Channel[]).filter((channel) => template.content[channel] !== undefined);
