import { randomBytes } from 'node:crypto';
import type { Locale, Localized } from '@sauda/platform';

/**
 * The few HTML pages the redirect engine shows a person instead of a redirect. Every text in every
 * language; every inserted value escaped; scripts only with a per-response nonce.
 */
const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

const TEXT = {
  unavailableTitle: { ru: 'Магазин недоступен', kk: 'Дүкен қолжетімсіз', en: 'Shop unavailable' },
  notFound: {
    ru: 'Такого магазина нет в каталоге Sauda.',
    kk: 'Мұндай дүкен Sauda каталогында жоқ.',
    en: 'There is no such shop in the Sauda catalog.',
  },
  unavailable: {
    ru: 'Покупки в магазине «{partner}» сейчас не приносят кешбэк через Sauda. Выберите другой магазин.',
    kk: '«{partner}» дүкеніндегі сатып алулар қазір Sauda арқылы кешбэк бермейді. Басқа дүкенді таңдаңыз.',
    en: 'Purchases at "{partner}" do not earn cashback through Sauda right now. Please choose another shop.',
  },
  targetTitle: { ru: 'Ссылка отклонена', kk: 'Сілтеме қабылданбады', en: 'Link rejected' },
  target: {
    ru: 'Эта ссылка ведёт не на сайт магазина «{partner}», поэтому мы по ней не переходим.',
    kk: 'Бұл сілтеме «{partner}» дүкенінің сайтына апармайды, сондықтан біз оған өтпейміз.',
    en: 'This link does not lead to the site of "{partner}", so we do not follow it.',
  },
  toShop: {
    ru: 'Перейти на главную магазина',
    kk: 'Дүкеннің басты бетіне өту',
    en: 'Go to the shop’s home page',
  },
  catalog: { ru: 'Открыть каталог магазинов', kk: 'Дүкендер каталогын ашу', en: 'Open the shop catalog' },
  interstitialTitle: { ru: 'Открываем «{partner}»', kk: '«{partner}» ашылуда', en: 'Opening "{partner}"' },
  interstitial: {
    ru: 'Пробуем открыть приложение магазина. Если оно не установлено, продолжим в браузере.',
    kk: 'Дүкен қосымшасын ашуға тырысамыз. Ол орнатылмаған болса, браузерде жалғастырамыз.',
    en: 'Trying to open the shop’s app. If it is not installed, we will continue in the browser.',
  },
  openApp: { ru: 'Открыть в приложении', kk: 'Қосымшада ашу', en: 'Open in the app' },
  openWeb: { ru: 'Продолжить в браузере', kk: 'Браузерде жалғастыру', en: 'Continue in the browser' },
} satisfies Record<string, Localized>;

const say = (key: keyof typeof TEXT, locale: Locale, partner = ''): string =>
  escapeHtml(TEXT[key][locale].replace('{partner}', partner));

function layout(locale: Locale, title: string, body: string, nonce: string, head = ''): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title} · Sauda</title>${head}
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1c2430}
a{display:inline-block;margin:.5rem 0;color:#0b63c5}h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;
}

export interface Page {
  readonly html: string;
  /** The response's Content-Security-Policy: nothing but this page's own style and script. */
  readonly csp: string;
}

const policy = (nonce: string, script: boolean): string =>
  `default-src 'none'; style-src 'nonce-${nonce}'; ${script ? `script-src 'nonce-${nonce}'; ` : ''}base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export function unavailablePage(
  locale: Locale,
  options: { partnerName?: string | undefined; catalogUrl: string },
): Page {
  const nonce = randomBytes(16).toString('base64');
  const message =
    options.partnerName === undefined
      ? say('notFound', locale)
      : say('unavailable', locale, options.partnerName);
  const body = `<p>${message}</p><p><a href="${escapeHtml(options.catalogUrl)}">${say('catalog', locale)}</a></p>`;
  return { html: layout(locale, say('unavailableTitle', locale), body, nonce), csp: policy(nonce, false) };
}

export function targetRejectedPage(
  locale: Locale,
  options: { partnerName: string; partnerGoUrl: string; catalogUrl: string },
): Page {
  const nonce = randomBytes(16).toString('base64');
  const body =
    `<p>${say('target', locale, options.partnerName)}</p>` +
    `<p><a href="${escapeHtml(options.partnerGoUrl)}">${say('toShop', locale)}</a><br>` +
    `<a href="${escapeHtml(options.catalogUrl)}">${say('catalog', locale)}</a></p>`;
  return { html: layout(locale, say('targetTitle', locale), body, nonce), csp: policy(nonce, false) };
}

/**
 * Tries the app deep link, then falls back to the web tracking URL after a moment (the page stays
 * if the app opened). Without JavaScript the two links remain, and a meta refresh goes to the web.
 */
export function interstitialPage(
  locale: Locale,
  options: { partnerName: string; appUrl: string; webUrl: string },
): Page {
  const nonce = randomBytes(16).toString('base64');
  const web = escapeHtml(options.webUrl);
  const app = escapeHtml(options.appUrl);
  const script = `<script nonce="${nonce}">(function(){var w=${JSON.stringify(options.webUrl).replace(/</g, '\\u003c')};
var t=setTimeout(function(){location.replace(w)},1500);
document.addEventListener('visibilitychange',function(){if(document.hidden)clearTimeout(t)});
location.href=${JSON.stringify(options.appUrl).replace(/</g, '\\u003c')};})();</script>`;
  const body =
    `<p>${say('interstitial', locale)}</p>` +
    `<p><a href="${app}">${say('openApp', locale)}</a><br><a href="${web}">${say('openWeb', locale)}</a></p>${script}`;
  return {
    html: layout(
      locale,
      say('interstitialTitle', locale, options.partnerName),
      body,
      nonce,
      `<noscript><meta http-equiv="refresh" content="3;url=${web}"></noscript>`,
    ),
    csp: policy(nonce, true),
  };
}
