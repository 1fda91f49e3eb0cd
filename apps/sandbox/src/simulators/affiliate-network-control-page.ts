import type { Locale } from '@sauda/platform';
import { escapeHtml, label, page } from './affiliate-network-html.ts';
import type { NetworkOrder, OrderCommand } from './affiliate-network-orders.ts';
import type { PostbackAttempt } from './affiliate-network-postbacks.ts';
import type { AffiliateNetworkSettings } from './affiliate-network-settings.ts';
import { orderFacts } from './affiliate-network-shop-pages.ts';
import { textOf, type TextKey } from './affiliate-network-texts.ts';

export interface ControlPageView {
  readonly base: string;
  readonly lang: Locale;
  readonly orders: readonly NetworkOrder[];
  readonly attempts: readonly PostbackAttempt[];
  readonly settings: AffiliateNetworkSettings;
  readonly postbackUrl: string;
  /** A problem with the last form, shown above everything. */
  readonly problem?: string;
}

/** What each state offers; the order book checks again, this only hides buttons that would fail. */
const ACTIONS: Readonly<Record<NetworkOrder['status'], readonly OrderCommand[]>> = {
  pending: ['approve', 'stall', 'decline', 'refund'],
  approved_but_stalled: ['approve', 'decline', 'refund'],
  approved: ['decline', 'refund'],
  declined: [],
};

const BUTTON_CLASS: Readonly<Record<OrderCommand, string>> = {
  approve: '',
  stall: ' class="quiet"',
  decline: ' class="danger"',
  refund: ' class="danger"',
};

function attemptLine(attempt: PostbackAttempt, lang: Locale): string {
  const outcome =
    attempt.outcome === 'dropped' ? label('dropped', lang) : escapeHtml(String(attempt.outcome));
  const notes = [
    attempt.copy === 'duplicate' ? label('duplicate', lang) : '',
    attempt.heldBack ? label('heldBack', lang) : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    `<li>${escapeHtml(attempt.at)}: <b>${escapeHtml(attempt.status)}</b> ${escapeHtml(attempt.paymentSum)} → ` +
    `${outcome} (${label('attempt', lang)} ${attempt.attempt}${notes ? `, ${notes}` : ''})</li>`
  );
}

function orderCard(view: ControlPageView, order: NetworkOrder): string {
  const { base, lang } = view;
  const action = (command: string): string =>
    escapeHtml(`${base}/control/orders/${encodeURIComponent(order.orderId)}/${command}?lang=${lang}`);
  const buttons = ACTIONS[order.status]
    .filter((command) => command !== 'refund')
    .map(
      (command) =>
        `<form method="post" action="${action(command)}"><button${BUTTON_CLASS[command]}>${label(command as TextKey, lang)}</button></form>`,
    )
    .join('');
  const refund = ACTIONS[order.status].includes('refund')
    ? `<form method="post" action="${action('refund')}" class="row"><label>${label('refundAmount', lang)}` +
      `<input name="amount" inputmode="decimal" pattern="[0-9 ]+([.,][0-9]{1,2})?" size="10"></label>` +
      `<button class="danger">${label('refund', lang)}</button></form>`
    : '';
  const log = view.attempts
    .filter((attempt) => attempt.orderId === order.orderId)
    .slice(-10)
    .map((attempt) => attemptLine(attempt, lang))
    .join('');
  return (
    `<div class="card" id="${escapeHtml(order.orderId)}"><h2>${label('order', lang)} ${escapeHtml(order.orderId)}</h2>` +
    `${orderFacts(order, lang)}<div class="row">${buttons}` +
    `<form method="post" action="${action('resend')}"><button class="quiet">${label('resend', lang)}</button></form></div>` +
    `${refund}${log ? `<div class="note">${label('postbacks', lang)}</div><ul class="log">${log}</ul>` : ''}</div>`
  );
}

const numberInput = (name: string, key: TextKey, lang: Locale, value: number | null, step: string): string =>
  `<label>${label(key, lang)}<input name="${name}" type="number" min="0" step="${step}" value="${value === null ? '' : escapeHtml(String(value))}"></label>`;

/** Percent for people, rate for code: 0.1 shows as 10. */
const percent = (rate: number): number => Math.round(rate * 10_000) / 100;
const seconds = (milliseconds: number | null): number | null =>
  milliseconds === null ? null : milliseconds / 1000;

function settingsForm(view: ControlPageView): string {
  const { lang, settings } = view;
  const { chaos } = settings;
  return (
    `<form method="post" action="${escapeHtml(`${view.base}/control/settings?lang=${lang}`)}" class="card"><div class="row">` +
    numberInput('commissionPercent', 'commissionPercent', lang, settings.commissionPercent, '0.01') +
    numberInput('approveAfterSeconds', 'approveAfter', lang, seconds(settings.approveAfterMs), '0.001') +
    numberInput('declineAfterSeconds', 'declineAfter', lang, seconds(settings.declineAfterMs), '0.001') +
    numberInput('declinePercent', 'declineRate', lang, percent(settings.declineRate), '0.01') +
    numberInput('duplicatePercent', 'duplicateRate', lang, percent(chaos.duplicateRate), '0.01') +
    numberInput('outOfOrderPercent', 'outOfOrderRate', lang, percent(chaos.outOfOrderRate), '0.01') +
    numberInput('dropPercent', 'dropRate', lang, percent(chaos.dropRate), '0.01') +
    numberInput(
      'statisticsErrorPercent',
      'statisticsErrorRate',
      lang,
      percent(chaos.statisticsErrorRate),
      '0.01',
    ) +
    `<button>${label('save', lang)}</button></div></form>`
  );
}

export function controlPage(view: ControlPageView): string {
  const { base, lang } = view;
  const orders = view.orders.map((order) => orderCard(view, order)).join('');
  return page({
    lang,
    title: textOf('controlTitle', lang),
    path: `${base}/control`,
    body:
      `<h1>${label('controlTitle', lang)}</h1><p class="note">${label('controlIntro', lang)}</p>` +
      (view.problem ? `<p class="error">${escapeHtml(view.problem)}</p>` : '') +
      `<p class="note">${label('postbackUrl', lang)}: <code>POST ${escapeHtml(view.postbackUrl)}</code><br>` +
      `${label('polling', lang)}: <code>GET ${escapeHtml(base)}/api/statistics/actions?status_updated_start=…&amp;status_updated_end=…</code></p>` +
      `<h2>${label('settings', lang)}</h2>${settingsForm(view)}` +
      `<h2>${label('orders', lang)}</h2>${orders || `<p>${label('noOrders', lang)}</p>`}`,
  });
}

/** Reads the settings form back into a settings patch (percent → rate, seconds → ms, empty → null). */
export function settingsPatchFromForm(form: Record<string, string>): Record<string, unknown> {
  const numberOf = (name: string): number | undefined => {
    const value = form[name]?.trim().replace(',', '.');
    return value === undefined || value === '' ? undefined : Number(value);
  };
  const rate = (name: string): number | undefined => {
    const value = numberOf(name);
    return value === undefined ? undefined : value / 100;
  };
  const delay = (name: string): number | null | undefined => {
    if (!(name in form)) return undefined;
    const value = numberOf(name);
    return value === undefined ? null : Math.round(value * 1000);
  };
  const defined = (entries: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  return defined({
    commissionPercent: numberOf('commissionPercent'),
    approveAfterMs: delay('approveAfterSeconds'),
    declineAfterMs: delay('declineAfterSeconds'),
    declineRate: rate('declinePercent'),
    chaos: defined({
      duplicateRate: rate('duplicatePercent'),
      outOfOrderRate: rate('outOfOrderPercent'),
      dropRate: rate('dropPercent'),
      statisticsErrorRate: rate('statisticsErrorPercent'),
    }),
  });
}
