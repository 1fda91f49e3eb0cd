import { browser } from 'wxt/browser';
import { AccountSession } from '../core/account-session.ts';
import { activationUrl } from '../core/activation.ts';
import { ApiUnreachable, callApi } from '../core/api-http.ts';
import { buildDomainIndex, findPartner, hostOf } from '../core/domain-match.ts';
import { FEED_KEY, syncFeed, type StoredFeed } from '../core/feed-sync.ts';
import { iconState } from '../core/icon-state.ts';
import { pickLocale, type Locale } from '../core/messages.ts';
import type { FeedPartner } from '../core/partner-feed.ts';
import { rateText } from '../core/rate-label.ts';
import { standDownReason } from '../core/stand-down.ts';
import { localStore, sessionStore } from './browser-store.ts';
import type { PopupAnswer, PopupRequest, PopupView, SiteView } from './messages-protocol.ts';
import { applyPartnerPageRules, paintIcon } from './toolbar-icon.ts';

export const API_URL = __SAUDA_API_URL__.replace(/\/+$/, '');
export const SYNC_ALARM = 'feed-sync';
export const POLL_ALARM = 'device-poll';
const ENABLED_KEY = 'enabled';
const LAST_ACTIVATION_KEY = 'last-activation';
const ACTIVATED_TABS_KEY = 'activated-tabs';

const account = new AccountSession({
  fetch: (input, init) => fetch(input, init),
  apiUrl: API_URL,
  store: localStore,
  now: () => new Date(),
});

const isEnabled = async (): Promise<boolean> => (await localStore.get<boolean>(ENABLED_KEY)) ?? true;
const storedFeed = (): Promise<StoredFeed | undefined> => localStore.get<StoredFeed>(FEED_KEY);
const activatedTabs = async (): Promise<Record<string, string>> =>
  (await sessionStore.get<Record<string, string>>(ACTIVATED_TABS_KEY)) ?? {};

async function currentLocale(): Promise<Locale> {
  const status = await account.status();
  return pickLocale(status.state === 'connected' ? status.locale : undefined, [
    ...navigator.languages,
    browser.i18n.getUILanguage(),
  ]);
}

/** The default icon of every tab: off, not connected, or ready. */
export async function paintDefaultIcon(): Promise<void> {
  const state = iconState({
    enabled: await isEnabled(),
    connected: (await account.status()).state === 'connected',
    partner: undefined,
    activatedSlug: undefined,
    otherAffiliate: false,
  });
  await paintIcon(state, await currentLocale());
}

export async function refreshFeed(): Promise<void> {
  const outcome = await syncFeed({
    fetch: (i, init) => fetch(i, init),
    apiUrl: API_URL,
    store: localStore,
    now: () => new Date(),
  });
  if (outcome.kind === 'updated') await applyPartnerPageRules(outcome.stored.feed, await isEnabled());
}

export async function restoreRules(): Promise<void> {
  await applyPartnerPageRules((await storedFeed())?.feed, await isEnabled());
}

/** Polls the device flow while a connection is pending; the alarm resumes it if the worker slept. */
export async function pollConnection(): Promise<void> {
  let result;
  try {
    result = await account.pollOnce();
  } catch (error) {
    if (!(error instanceof ApiUnreachable)) throw error;
    result = 'waiting' as const;
  }
  if (result === 'waiting') {
    const delay = (await account.nextPollDelay()) ?? 0;
    setTimeout(() => void pollConnection(), delay);
    return;
  }
  await browser.alarms.clear(POLL_ALARM);
  await paintDefaultIcon();
}

async function partnerDetails(
  partner: FeedPartner,
  locale: Locale,
): Promise<{ name: string; conditions: string }> {
  try {
    const answer = await callApi(
      (i, init) => fetch(i, init),
      `${API_URL}/v1/catalog/partners/${partner.slug}`,
      {
        headers: { 'accept-language': locale },
      },
    );
    const body = answer.body as
      { name?: Record<Locale, string>; conditions?: Record<Locale, string> } | undefined;
    if (answer.status === 200 && body?.name)
      return { name: body.name[locale], conditions: body.conditions?.[locale] ?? '' };
  } catch {
    // Offline: the popup still shows the rate from the synced feed.
  }
  return { name: partner.slug, conditions: '' };
}

async function siteView(tabId: number, url: string | undefined, locale: Locale): Promise<SiteView> {
  if (!hostOf(url)) return { kind: 'not-web' };
  const partner = findPartner(buildDomainIndex((await storedFeed())?.feed), url);
  if (!partner) return { kind: 'not-partner' };
  const activatedSlug = (await activatedTabs())[String(tabId)];
  const details = await partnerDetails(partner, locale);
  const facts = {
    enabled: await isEnabled(),
    connected: (await account.status()).state === 'connected',
    partner,
    activatedSlug,
    otherAffiliate: standDownReason(url) !== undefined,
  };
  await paintIcon(iconState(facts), locale, tabId);
  return {
    kind: 'partner',
    slug: partner.slug,
    ...details,
    rate: rateText(partner.reward, locale),
    paused: partner.status === 'paused',
    activated: activatedSlug === partner.slug,
    standDown: facts.otherAffiliate && activatedSlug !== partner.slug,
  };
}

async function view(tabId: number | undefined, url: string | undefined): Promise<PopupView> {
  const locale = await currentLocale();
  const enabled = await isEnabled();
  const last = await localStore.get<{ name: string; at: string }>(LAST_ACTIVATION_KEY);
  return {
    locale,
    enabled,
    account: await account.status(),
    syncedAt: (await storedFeed())?.syncedAt,
    site: enabled && tabId !== undefined ? await siteView(tabId, url, locale) : { kind: 'not-web' },
    lastActivation: last,
    cabinetUrl: `${API_URL}/${locale}/account`,
  };
}

async function activate(tabId: number, url: string): Promise<'not-allowed' | undefined> {
  const partner = findPartner(buildDomainIndex((await storedFeed())?.feed), url);
  if (!partner || partner.status !== 'active' || !(await isEnabled())) return 'not-allowed';
  const context = await account.clickContext();
  if (!context) return 'not-allowed';
  await sessionStore.set(ACTIVATED_TABS_KEY, { ...(await activatedTabs()), [String(tabId)]: partner.slug });
  const locale = await currentLocale();
  const { name } = await partnerDetails(partner, locale);
  await localStore.set(LAST_ACTIVATION_KEY, { name, at: new Date().toISOString() });
  await browser.tabs.update(tabId, { url: activationUrl(API_URL, partner, url, context) });
  await paintIcon(
    iconState({
      enabled: true,
      connected: true,
      partner,
      activatedSlug: partner.slug,
      otherAffiliate: false,
    }),
    locale,
    tabId,
  );
  return undefined;
}

export async function forgetTab(tabId: number): Promise<void> {
  const tabs = await activatedTabs();
  if (!(String(tabId) in tabs)) return;
  await sessionStore.set(
    ACTIVATED_TABS_KEY,
    Object.fromEntries(Object.entries(tabs).filter(([id]) => id !== String(tabId))),
  );
}

async function perform(request: PopupRequest): Promise<'network' | 'not-allowed' | undefined> {
  switch (request.type) {
    case 'view':
      return undefined;
    case 'activate':
      return activate(request.tabId, request.url);
    case 'check-account': {
      try {
        await account.refreshProfile();
      } catch (thrown) {
        // Offline: the popup keeps what it showed; the check runs again when it next opens.
        if (!(thrown instanceof ApiUnreachable)) throw thrown;
      }
      if ((await account.status()).state !== 'connected') await paintDefaultIcon();
      return undefined;
    }
    case 'connect': {
      const pending = await account.startConnect();
      await browser.tabs.create({ url: pending.verificationUriComplete });
      await browser.alarms.create(POLL_ALARM, { periodInMinutes: 0.5 });
      setTimeout(() => void pollConnection(), pending.intervalSeconds * 1000);
      return undefined;
    }
    case 'cancel-connect':
      await account.cancelConnect();
      await browser.alarms.clear(POLL_ALARM);
      return undefined;
    case 'disconnect':
      await account.disconnect();
      await paintDefaultIcon();
      return undefined;
    case 'set-enabled':
      await localStore.set(ENABLED_KEY, request.enabled);
      await restoreRules();
      await paintDefaultIcon();
      return undefined;
    case 'sync-now':
      await refreshFeed();
      return undefined;
  }
}

/** Answers the popup: performs the request, then describes the tab as it now stands. */
export async function handlePopupRequest(request: PopupRequest): Promise<PopupAnswer> {
  let error: 'network' | 'not-allowed' | undefined;
  try {
    error = await perform(request);
  } catch (thrown) {
    if (!(thrown instanceof ApiUnreachable)) throw thrown;
    error = 'network';
  }
  const tabId = 'tabId' in request ? request.tabId : undefined;
  const url = 'url' in request ? request.url : undefined;
  const current = await view(tabId, request.type === 'activate' ? undefined : url).catch(() =>
    view(undefined, undefined),
  );
  return error ? { ok: false, error, view: current } : { ok: true, view: current };
}
