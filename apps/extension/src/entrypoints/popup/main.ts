import { browser } from 'wxt/browser';
import { translate, type Locale, type MessageKey } from '../../core/messages.ts';
import type { PopupAnswer, PopupRequest, PopupView } from '../../platform/messages-protocol.ts';
import { el } from './popup-dom.ts';

const root = document.querySelector<HTMLElement>('#app') ?? document.body;
let activeTab: { id: number; url: string | undefined } | undefined;
let waitingTimer: ReturnType<typeof setInterval> | undefined;

async function send(request: PopupRequest): Promise<PopupAnswer | undefined> {
  return browser.runtime.sendMessage<PopupRequest, PopupAnswer | undefined>(request);
}

function when(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'kk' ? 'kk-KZ' : locale, {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}

function siteSection(
  view: PopupView,
  t: (key: MessageKey, params?: Record<string, string>) => string,
): HTMLElement[] {
  const site = view.site;
  if (site.kind === 'not-web') return [el('p', { className: 'muted' }, t('notWebPage'))];
  if (site.kind === 'not-partner') return [el('p', {}, t('notPartner'))];
  const parts: HTMLElement[] = [
    el('div', { className: 'partner-name' }, site.name),
    el('div', { className: 'rate', 'data-testid': 'rate' }, t('partnerRate', { rate: site.rate })),
  ];
  if (site.conditions)
    parts.push(
      el('details', {}, el('summary', {}, t('conditions')), el('p', { className: 'muted' }, site.conditions)),
    );
  if (site.paused) parts.push(el('p', { className: 'notice' }, t('partnerPaused')));
  else if (site.activated)
    parts.push(el('p', { className: 'notice', 'data-testid': 'activated' }, t('activated')));
  else if (site.standDown)
    parts.push(el('p', { className: 'notice', 'data-testid': 'stand-down' }, t('standDown')));
  else if (view.account.state === 'connected' && activeTab?.url) {
    const { id, url } = activeTab;
    parts.push(
      el(
        'button',
        {
          className: 'primary',
          'data-testid': 'activate',
          onclick: () => void act({ type: 'activate', tabId: id, url }),
        },
        t('activate'),
      ),
    );
  }
  return parts;
}

function accountSection(
  view: PopupView,
  t: (key: MessageKey, params?: Record<string, string>) => string,
): HTMLElement[] {
  const account = view.account;
  if (account.state === 'connected')
    return [
      el(
        'div',
        { className: 'row' },
        el('span', { 'data-testid': 'connected' }, t('connectedAs')),
        el('button', { onclick: () => void act({ type: 'disconnect' }) }, t('disconnect')),
      ),
    ];
  if (account.state === 'connecting')
    return [
      el('p', {}, t('connecting', { code: account.userCode })),
      el('div', { className: 'code', 'data-testid': 'user-code' }, account.userCode),
      el(
        'div',
        { className: 'row' },
        el(
          'a',
          { href: account.verificationUriComplete, target: '_blank', rel: 'noopener' },
          t('openCabinetToApprove'),
        ),
        el('button', { onclick: () => void act({ type: 'cancel-connect' }) }, t('cancel')),
      ),
      el('p', { className: 'muted' }, t('waiting')),
    ];
  const problem = account.problem;
  const problemKey =
    problem === 'denied'
      ? 'connectDenied'
      : problem === 'expired'
        ? 'connectExpired'
        : problem === 'revoked'
          ? 'revoked'
          : undefined;
  return [
    ...(problemKey ? [el('p', { className: 'notice error', 'data-testid': 'problem' }, t(problemKey))] : []),
    el('p', {}, t('connectPrompt')),
    el(
      'button',
      { className: 'primary', 'data-testid': 'connect', onclick: () => void act({ type: 'connect' }) },
      t('connect'),
    ),
  ];
}

function render(answer: PopupAnswer): void {
  const view = answer.view;
  const t = (key: MessageKey, params?: Record<string, string>) => translate(view.locale, key, params);
  document.documentElement.lang = view.locale;
  const content: HTMLElement[] = [
    el('header', {}, el('img', { src: '/icon/color-48.png', alt: '' }), el('span', {}, t('appName'))),
  ];
  if (!answer.ok)
    content.push(el('p', { className: 'notice error', 'data-testid': 'error' }, t('networkError')));
  if (!view.enabled) {
    content.push(
      el('p', {}, t('statusOff')),
      el(
        'button',
        { className: 'primary', onclick: () => void act({ type: 'set-enabled', enabled: true }) },
        t('switchOn'),
      ),
    );
  } else {
    content.push(
      el('section', { 'data-testid': 'site' }, ...siteSection(view, t)),
      el('section', {}, ...accountSection(view, t)),
    );
    if (view.lastActivation)
      content.push(
        el(
          'p',
          { className: 'muted' },
          t('lastActivation', {
            partner: view.lastActivation.name,
            time: when(view.locale, view.lastActivation.at),
          }),
        ),
      );
    content.push(
      el(
        'p',
        { className: 'muted' },
        view.syncedAt ? t('syncedAt', { time: when(view.locale, view.syncedAt) }) : t('neverSynced'),
      ),
      el(
        'div',
        { className: 'row' },
        el('a', { href: view.cabinetUrl, target: '_blank', rel: 'noopener' }, t('cabinet')),
        el('button', { onclick: () => void act({ type: 'sync-now' }) }, t('syncNow')),
        el('button', { onclick: () => void act({ type: 'set-enabled', enabled: false }) }, t('switchOff')),
      ),
      el('p', { className: 'muted' }, t('privacy')),
    );
  }
  root.replaceChildren(...content);
  // While a connection waits for approval, refresh the view so it turns "connected" by itself.
  if (view.account.state === 'connecting' && !waitingTimer)
    waitingTimer = setInterval(() => void act(viewRequest()), 2000);
  if (view.account.state !== 'connecting' && waitingTimer) {
    clearInterval(waitingTimer);
    waitingTimer = undefined;
  }
}

const viewRequest = (): PopupRequest => ({ type: 'view', tabId: activeTab?.id ?? -1, url: activeTab?.url });

async function act(request: PopupRequest): Promise<void> {
  const answer = await send(request);
  if (answer) render(answer);
  if (request.type === 'activate' && answer?.ok) window.close();
}

async function start(): Promise<void> {
  // The tab the popup was opened on; `activeTab` lets the popup read its URL, for this tab only.
  const tabIdParameter = new URLSearchParams(location.search).get('tab');
  const [tab] = tabIdParameter
    ? [await browser.tabs.get(Number(tabIdParameter))]
    : await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) activeTab = { id: tab.id, url: tab.url };
  const first = await send(viewRequest());
  if (!first) return;
  render(first);
  // Shown at once from what is stored; then the account is checked, which may change the language
  // or reveal that the device was revoked in the cabinet.
  if (first.view.account.state === 'connected')
    await act({ type: 'check-account', tabId: activeTab?.id ?? -1, url: activeTab?.url });
}

void start();
