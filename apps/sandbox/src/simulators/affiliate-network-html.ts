import { createHash } from 'node:crypto';
import { LOCALES, Money, type Locale } from '@sauda/platform';
import type { FastifyReply } from 'fastify';
import { textOf, type TextKey } from './affiliate-network-texts.ts';

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** A label, escaped for HTML. */
export const label = (key: TextKey, lang: Locale, params: Readonly<Record<string, unknown>> = {}): string =>
  escapeHtml(textOf(key, lang, params));

export const kzt = (minor: bigint, lang: Locale): string => escapeHtml(Money.of(minor, 'KZT').format(lang));

const STYLE = [
  '*{box-sizing:border-box}',
  'body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:62rem;color:#1b1f24;background:#f6f7f9}',
  'header{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;justify-content:space-between}',
  'nav a{margin-left:.6rem}h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}',
  '.note{color:#57606a;font-size:.9rem}',
  '.grid{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}',
  '.card{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:.75rem;margin-bottom:.75rem}',
  '.card h2{margin-top:0}.price{font-size:1.2rem;font-weight:600}',
  'form{margin:.4rem 0}.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}',
  'label{display:flex;flex-direction:column;font-size:.85rem;gap:.2rem}',
  'input{font:inherit;padding:.35rem .45rem;border:1px solid #8c959f;border-radius:.35rem;max-width:100%}',
  'button{font:inherit;padding:.45rem .8rem;border:0;border-radius:.35rem;background:#0b6bcb;color:#fff;cursor:pointer}',
  'button.quiet{background:#57606a}button.danger{background:#c62828}',
  'code{word-break:break-all;font-size:.85em}',
  '.status{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.85rem;background:#eaeef2}',
  '.status-approved{background:#d1f0da}.status-declined{background:#fbd5d5}',
  '.status-pending{background:#fff1c2}.status-approved_but_stalled{background:#dbe7ff}',
  'dl{display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem;margin:.4rem 0}dt{color:#57606a}dd{margin:0}',
  'ul.log{padding-left:1.1rem;font-size:.85rem;margin:.3rem 0}.error{background:#fbd5d5;border-radius:.5rem;padding:.75rem}',
].join('');

/**
 * No script at all, the one inline stylesheet allowed by its hash, forms only to this origin: a
 * sandbox page showing whatever a tester put in a URL must not become an injection playground.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A whole page: the title, a language switch that keeps the current query (when `path` is given), the body. */
export function page(options: {
  lang: Locale;
  title: string;
  path?: string;
  query?: URLSearchParams;
  body: string;
}): string {
  const { path } = options;
  const switches =
    path === undefined
      ? ''
      : LOCALES.map((lang) => {
          const query = new URLSearchParams(options.query);
          query.set('lang', lang);
          return lang === options.lang
            ? `<strong>${lang}</strong>`
            : `<a href="${escapeHtml(`${path}?${query.toString()}`)}" hreflang="${lang}">${lang}</a>`;
        }).join(' ');
  return (
    `<!doctype html><html lang="${options.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head><body>` +
    `<header><span class="note">${label('network', options.lang)}</span><nav>${switches}</nav></header>` +
    `${options.body}</body></html>`
  );
}

export const sendHtml = (reply: FastifyReply, status: number, html: string): FastifyReply =>
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(html);
