import { createHash } from 'node:crypto';
import { BUSINESS_TIME_ZONE, translate, type Locale, type Localized } from '@sauda/platform';
import { escapeHtml } from './email-layout.ts';
import type { DeliveryStatus, EmailContent, SkipReason, TextContent } from './notifications.model.ts';
import type { MailboxEntry } from './notifications.repository.ts';

const TEXT = {
  title: {
    ru: 'Демо-почта: письма и SMS',
    kk: 'Демо пошта: хаттар мен SMS',
    en: 'Demo mailbox: emails and SMS',
  },
  intro: {
    ru: 'Все письма и SMS, отправленные платформой, сначала новые. Страница есть только в демо-режиме.',
    kk: 'Платформа жіберген барлық хаттар мен SMS, алдымен жаңалары. Бұл бет тек демо режимінде бар.',
    en: 'Every email and SMS the platform sent, newest first. This page exists only in demo mode.',
  },
  refresh: { ru: 'Обновить', kk: 'Жаңарту', en: 'Refresh' },
  empty: {
    ru: 'Пока ничего не отправлено.',
    kk: 'Әзірге ештеңе жіберілмеді.',
    en: 'Nothing has been sent yet.',
  },
  count: { ru: 'Сообщений: {count}', kk: 'Хабарлар саны: {count}', en: 'Messages: {count}' },
  channel: { ru: 'Канал', kk: 'Арна', en: 'Channel' },
  to: { ru: 'Кому', kk: 'Кімге', en: 'To' },
  time: { ru: 'Время', kk: 'Уақыты', en: 'Time' },
  status: { ru: 'Статус', kk: 'Күйі', en: 'Status' },
  attempts: { ru: 'Попыток', kk: 'Әрекет саны', en: 'Attempts' },
  template: { ru: 'Шаблон', kk: 'Үлгі', en: 'Template' },
  error: { ru: 'Ошибка', kk: 'Қате', en: 'Error' },
  email: { ru: 'Электронная почта', kk: 'Электрондық пошта', en: 'Email' },
  sms: { ru: 'SMS', kk: 'SMS', en: 'SMS' },
} satisfies Record<string, Localized>;

const STATUS: Readonly<Record<DeliveryStatus, Localized>> = {
  pending: { ru: 'В очереди', kk: 'Кезекте', en: 'Queued' },
  sent: { ru: 'Отправлено', kk: 'Жіберілді', en: 'Sent' },
  failed: { ru: 'Не доставлено', kk: 'Жеткізілмеді', en: 'Failed' },
  skipped: { ru: 'Не отправлялось', kk: 'Жіберілмеді', en: 'Not sent' },
};

const SKIP_REASON: Readonly<Record<SkipReason, Localized>> = {
  'opted-out': {
    ru: 'получатель отключил этот канал',
    kk: 'алушы бұл арнаны өшірген',
    en: 'the recipient turned this channel off',
  },
  'channel-not-configured': {
    ru: 'канал не настроен',
    kk: 'арна бапталмаған',
    en: 'the channel is not configured',
  },
};

const DATE_LOCALE: Readonly<Record<Locale, string>> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };

const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a;line-height:1.5}',
  'article{border:1px solid #8a8a8a;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}',
  'h2{font-size:1.1rem;margin:0 0 .5rem}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.125rem 1rem;margin:0 0 .5rem}',
  'dt{font-weight:600}dd{margin:0}',
  '.body{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;border-radius:.25rem;margin:0}',
  'a{color:#0645ad}',
].join('');

/** The page sets its own CSP: the app's default forbids inline styles, so this one style is hashed. */
export const MAILBOX_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'`;

function renderEntry(entry: MailboxEntry, locale: Locale): string {
  const t = (text: Localized): string => escapeHtml(translate(text, locale));
  const isEmail = entry.channel === 'email';
  const heading = isEmail ? (entry.content as EmailContent).subject : t(TEXT.sms);
  const body = isEmail ? (entry.content as EmailContent).text : (entry.content as TextContent).text;
  const when = new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: BUSINESS_TIME_ZONE,
  }).format(entry.createdAt);
  const status = entry.skipReason
    ? `${t(STATUS[entry.status])} (${t(SKIP_REASON[entry.skipReason])})`
    : t(STATUS[entry.status]);
  const row = (label: Localized, value: string): string => `<dt>${t(label)}</dt><dd>${value}</dd>`;
  return [
    `<article aria-labelledby="h-${entry.id}">`,
    `<h2 id="h-${entry.id}">${escapeHtml(heading)}</h2>`,
    '<dl>',
    row(TEXT.channel, isEmail ? t(TEXT.email) : t(TEXT.sms)),
    row(TEXT.to, escapeHtml(entry.address)),
    row(TEXT.time, `<time datetime="${entry.createdAt.toISOString()}">${escapeHtml(when)}</time>`),
    row(TEXT.status, status),
    row(TEXT.attempts, String(entry.attempts)),
    row(TEXT.template, `<code>${escapeHtml(entry.template)}</code>`),
    entry.lastError ? row(TEXT.error, escapeHtml(entry.lastError)) : '',
    '</dl>',
    `<p class="body" lang="${escapeHtml(entry.locale)}">${escapeHtml(body)}</p>`,
    '</article>',
  ].join('\n');
}

/** A small, dependency-free HTML page: headings, landmarks and a description list per message. */
export function renderMailboxPage(entries: readonly MailboxEntry[], locale: Locale): string {
  const t = (text: Localized, params?: Record<string, unknown>): string =>
    escapeHtml(translate(text, locale, params));
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${t(TEXT.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${t(TEXT.title)}</h1>`,
    `<p>${t(TEXT.intro)} <a href="">${t(TEXT.refresh)}</a></p>`,
    entries.length === 0
      ? `<p>${t(TEXT.empty)}</p>`
      : `<p>${t(TEXT.count, { count: entries.length })}</p>\n${entries.map((entry) => renderEntry(entry, locale)).join('\n')}`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}
