import type { Locale } from '@sauda/platform';
import type { ShopProduct } from './affiliate-network-catalog.ts';
import { escapeHtml, kzt, label, page } from './affiliate-network-html.ts';
import type { NetworkOrder } from './affiliate-network-orders.ts';
import { textOf, type TextKey } from './affiliate-network-texts.ts';

export interface ShopVisit {
  readonly clickId: string;
  readonly offer: string | null;
  /** The shop's real page the partner link pointed at, shown only when it is http(s). */
  readonly targetUrl: string | null;
}

const shopName = (offer: string | null, lang: Locale): string =>
  textOf('shopTitle', lang, { offer: offer ?? textOf('demoShop', lang) });

const hidden = (name: string, value: string): string =>
  `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

/** The offer's shop: a card per product, each a plain form that POSTs one purchase. */
export function shopPage(
  base: string,
  lang: Locale,
  visit: ShopVisit,
  products: readonly ShopProduct[],
): string {
  const cards = products
    .map(
      (product) =>
        `<div class="card"><div>${escapeHtml(product.name[lang])}</div><div class="price">${kzt(product.priceMinor, lang)}</div>` +
        `<form method="post" action="${escapeHtml(`${base}/buy`)}">` +
        hidden('subid', visit.clickId) +
        (visit.offer ? hidden('offer', visit.offer) : '') +
        hidden('sku', product.sku) +
        hidden('lang', lang) +
        `<div class="row"><label>${label('quantity', lang)}<input name="quantity" type="number" min="1" max="10" value="1" required></label>` +
        `<button>${label('buy', lang)}</button></div></form></div>`,
    )
    .join('');
  const realSite =
    visit.targetUrl && /^https?:\/\//i.test(visit.targetUrl)
      ? `<p class="note">${label('realSite', lang)}: <a href="${escapeHtml(visit.targetUrl)}" rel="noreferrer">${escapeHtml(visit.targetUrl)}</a></p>`
      : '';
  const query = new URLSearchParams({ subid: visit.clickId });
  if (visit.offer) query.set('offer', visit.offer);
  if (visit.targetUrl) query.set('url', visit.targetUrl);
  return page({
    lang,
    title: shopName(visit.offer, lang),
    path: `${base}/click`,
    query,
    body:
      `<h1>${escapeHtml(shopName(visit.offer, lang))}</h1><p class="note">${label('shopIntro', lang)}</p>` +
      `<p class="note">${label('clickId', lang)}: <code>${escapeHtml(visit.clickId)}</code></p>` +
      `<div class="grid">${cards}</div>${realSite}` +
      `<p><a href="${escapeHtml(`${base}/control?lang=${lang}`)}">${label('controlLink', lang)}</a></p>`,
  });
}

/** The facts of an order as a definition list, shared by the receipt and the control page. */
export function orderFacts(order: NetworkOrder, lang: Locale): string {
  const status = `<span class="status status-${order.status}">${label(order.status, lang)}</span>`;
  const refunded = order.originalSumMinor - order.orderSumMinor;
  const items = order.items.map((item) => `${escapeHtml(item.name[lang])} × ${item.quantity}`).join(', ');
  return (
    `<dl><dt>${label('status', lang)}</dt><dd>${status}</dd>` +
    `<dt>${label('offer', lang)}</dt><dd>${escapeHtml(order.offer ?? '—')}${items ? `: ${items}` : ''}</dd>` +
    `<dt>${label('orderSum', lang)}</dt><dd>${kzt(order.orderSumMinor, lang)}</dd>` +
    (refunded > 0n ? `<dt>${label('refunded', lang)}</dt><dd>${kzt(refunded, lang)}</dd>` : '') +
    `<dt>${label('commission', lang)}</dt><dd>${kzt(order.paymentSumMinor, lang)} ` +
    `(${escapeHtml((Number(order.commissionBasisPoints) / 100).toString())} %)</dd>` +
    `<dt>${label('clickId', lang)}</dt><dd><code>${escapeHtml(order.clickId)}</code></dd>` +
    `<dt>action_id</dt><dd><code>${escapeHtml(order.actionId)}</code></dd>` +
    `<dt>${label('created', lang)}</dt><dd>${escapeHtml(order.actionDate.toISOString())}</dd>` +
    `<dt>${label('updated', lang)}</dt><dd>${escapeHtml(order.statusUpdated.toISOString())}</dd></dl>`
  );
}

/** After a purchase (Post/Redirect/Get, so a reload does not buy again). */
export function receiptPage(base: string, lang: Locale, order: NetworkOrder): string {
  const shop = new URLSearchParams({ subid: order.clickId, lang });
  if (order.offer) shop.set('offer', order.offer);
  return page({
    lang,
    title: textOf('thanks', lang),
    path: `${base}/orders/${encodeURIComponent(order.orderId)}`,
    body:
      `<h1>${label('thanks', lang)}</h1><div class="card"><h2>${label('order', lang)} ${escapeHtml(order.orderId)}</h2>` +
      `${orderFacts(order, lang)}</div><p class="note">${label('receiptNote', lang)}</p>` +
      `<p><a href="${escapeHtml(`${base}/click?${shop.toString()}`)}">${label('backToShop', lang)}</a> · ` +
      `<a href="${escapeHtml(`${base}/control?lang=${lang}`)}">${label('controlLink', lang)}</a></p>`,
  });
}

export function errorPage(lang: Locale, message: TextKey, params: Record<string, unknown> = {}): string {
  return page({
    lang,
    title: textOf('error', lang),
    body: `<h1>${label('error', lang)}</h1><p class="error">${label(message, lang, params)}</p>`,
  });
}
