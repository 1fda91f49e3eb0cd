import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { PopupRequest } from '../platform/messages-protocol.ts';
import {
  forgetTab,
  handlePopupRequest,
  paintDefaultIcon,
  pollConnection,
  POLL_ALARM,
  refreshFeed,
  restoreRules,
  SYNC_ALARM,
} from '../platform/extension-controller.ts';

const DAY_IN_MINUTES = 24 * 60;

/** Listeners are registered synchronously at the top, as event pages and service workers require. */
export default defineBackground(() => {
  const startUp = async () => {
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: DAY_IN_MINUTES });
    await paintDefaultIcon();
    await restoreRules();
    await refreshFeed();
  };
  browser.runtime.onInstalled.addListener(() => void startUp());
  browser.runtime.onStartup.addListener(() => void startUp());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void refreshFeed();
    if (alarm.name === POLL_ALARM) void pollConnection();
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only this extension's own pages may drive it (the popup, also when opened in a tab); the
    // extension has no content scripts, and pages of websites are refused by their URL.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(`${location.origin}/`)) return false;
    handlePopupRequest(message as PopupRequest).then(sendResponse, (error: unknown) => {
      console.error('sauda: popup request failed', error);
      sendResponse(undefined);
    });
    return true;
  });
});
