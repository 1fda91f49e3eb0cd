import { browser } from 'wxt/browser';
import type { IconState } from '../core/icon-state.ts';
import { translate, type Locale } from '../core/messages.ts';
import { partnerPageFilters } from '../core/page-rules.ts';
import type { PartnerFeed } from '../core/partner-feed.ts';

const SIZES = [16, 32, 48] as const;
const pathsOf = (variant: 'color' | 'grey' | 'partner') =>
  Object.fromEntries(SIZES.map((size) => [size, `/icon/${variant}-${size}.png`]));

/** Paints an icon state, for one tab or (without a tab) as the default of every tab. */
export async function paintIcon(state: IconState, locale: Locale, tabId?: number): Promise<void> {
  const target = tabId === undefined ? {} : { tabId };
  await browser.action.setIcon({ ...target, path: pathsOf(state.colored ? 'color' : 'grey') });
  await browser.action.setBadgeText({ ...target, text: state.badgeText });
  await browser.action.setBadgeBackgroundColor({ ...target, color: state.badgeColor });
  await browser.action.setTitle({ ...target, title: translate(locale, state.title) });
}

async function imageDataOf(size: number): Promise<ImageData> {
  // A root-relative fetch from the background resolves inside the extension's own package.
  const blob = await (await fetch(`/icon/partner-${size}.png`)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, size, size);
}

/**
 * Chromium only: the browser switches the icon to the partner variant on partner domains by itself
 * (`declarativeContent`), so partner sites are recognised without the extension seeing any URL.
 * Firefox and Safari have no equivalent; there the popup recognises the site when opened.
 */
export async function applyPartnerPageRules(feed: PartnerFeed | undefined, enabled: boolean): Promise<void> {
  const declarative = (browser as { declarativeContent?: typeof browser.declarativeContent })
    .declarativeContent;
  if (!declarative) return;
  await new Promise<void>((resolve) => {
    declarative.onPageChanged.removeRules(undefined, () => {
      resolve();
    });
  });
  if (!enabled) return;
  const imageData: Record<number, ImageData> = { 16: await imageDataOf(16), 32: await imageDataOf(32) };
  const rules = partnerPageFilters(feed).map((filters, index) => ({
    id: `partners-${index}`,
    conditions: filters.map((pageUrl) => new declarative.PageStateMatcher({ pageUrl })),
    actions: [new declarative.SetIcon({ imageData })] as object[],
  }));
  if (rules.length === 0) return;
  await new Promise<void>((resolve) => {
    declarative.onPageChanged.addRules(rules, () => {
      resolve();
    });
  });
}
