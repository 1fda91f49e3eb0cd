import { fillTemplate, type PartnerRoute } from '@sauda/catalog';
import type { ClickBuffer } from './click-buffer.ts';
import { mintClickId, type HmacKey } from './click-id.ts';
import { checkTarget, type TargetProblem } from './safe-target.ts';
import { agentTraits, rememberedIpPrefix, type DuplicateWindow, type FingerprintParts } from './visitor.ts';

export type ClickSource = 'web' | 'ext' | 'app' | 'link';

/** What the HTTP layer knows about one request to `/go` or `/l`. */
export interface ClickRequest {
  readonly method: string;
  readonly partner: PartnerRoute | undefined;
  /** The deep target asked for; the partner's website when absent. */
  readonly target: string | undefined;
  readonly source: ClickSource;
  readonly user: { readonly id: string; readonly ref: number } | undefined;
  readonly linkId?: string | undefined;
  readonly ip: string | undefined;
  readonly userAgent: string | undefined;
  readonly referrer: string | undefined;
  readonly language: string | undefined;
  readonly now: Date;
}

export type ClickOutcome =
  | { readonly kind: 'redirect'; readonly location: string; readonly clickId: string | undefined }
  | {
      readonly kind: 'interstitial';
      readonly appUrl: string;
      readonly webUrl: string;
      readonly partner: PartnerRoute;
      readonly clickId: string;
    }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'unavailable'; readonly partner: PartnerRoute }
  | { readonly kind: 'target-rejected'; readonly partner: PartnerRoute; readonly problem: TargetProblem };

export interface ClickEngine {
  readonly keys: { readonly clickId: HmacKey; readonly fingerprint: HmacKey };
  readonly buffer: ClickBuffer;
  readonly duplicates: DuplicateWindow;
  /** The visitor's fingerprint under the engine's key (remembered per visitor). */
  readonly fingerprintOf: (parts: FingerprintParts) => string;
}

const MAX_STORED_TEXT = 512;
const clip = (value: string | undefined): string | null => (value ? value.slice(0, MAX_STORED_TEXT) : null);

/** A click decided on but not yet recorded (HEAD requests never get one). */
export interface PendingClick {
  readonly clickId: string;
  readonly partner: PartnerRoute;
  readonly target: string;
  readonly bot: boolean;
  readonly request: ClickRequest;
}

export interface ClickDecision {
  readonly outcome: ClickOutcome;
  /** What `recordClick` must record if the outcome is served; undefined when nothing is counted. */
  readonly click: PendingClick | undefined;
}

/**
 * The redirect decision, entirely in memory and without side effects: check the partner and the
 * target, mint a signed click id, and say where the browser goes. Nothing is recorded here, so the
 * fast path can decide, find the answer is not a plain redirect, and leave the request to the
 * Fastify route without counting it twice. HEAD requests and robots go straight to the shop: they
 * are not sent through the network, where a link-preview crawler would register a click.
 */
export function decideClick(engine: Pick<ClickEngine, 'keys'>, request: ClickRequest): ClickDecision {
  const { partner } = request;
  if (!partner) return { outcome: { kind: 'not-found' }, click: undefined };
  if (partner.status !== 'active') return { outcome: { kind: 'unavailable', partner }, click: undefined };
  // The website was checked against the partner's domains when staff saved it.
  const checked = request.target === undefined ? undefined : checkTarget(request.target, partner.domains);
  if (checked && !checked.ok)
    return { outcome: { kind: 'target-rejected', partner, problem: checked.problem }, click: undefined };
  const target = checked?.url ?? partner.website;

  if (request.method === 'HEAD')
    return { outcome: { kind: 'redirect', location: target, clickId: undefined }, click: undefined };
  const agent = agentTraits(request.userAgent);
  const { bot } = agent;
  const clickId = mintClickId(engine.keys.clickId, {
    via: request.linkId === undefined ? 'go' : 'link',
    clickedAt: request.now,
    partnerNumber: partner.number,
    userRef: request.user?.ref ?? 0,
  });
  const click: PendingClick = { clickId, partner, target, bot, request };
  if (bot) return { outcome: { kind: 'redirect', location: target, clickId }, click };

  const webUrl = fillTemplate(partner.trackingUrlTemplate, { click_id: clickId, target_url: target });
  const { platform } = agent;
  const appTemplate =
    platform && request.source !== 'app' && partner.interstitial ? partner.appLinks?.[platform] : undefined;
  if (appTemplate) {
    const appUrl = fillTemplate(appTemplate, { click_id: clickId, target_url: target, tracking_url: webUrl });
    return { outcome: { kind: 'interstitial', appUrl, webUrl, partner, clickId }, click };
  }
  return { outcome: { kind: 'redirect', location: webUrl, clickId }, click };
}

/**
 * Hands a decided click to the buffer. Robots are recorded too, flagged, and never counted; the
 * duplicate window sees a visitor only here, so a decision that is not served leaves no trace.
 */
export function recordClick(engine: ClickEngine, click: PendingClick): void {
  const { request, partner } = click;
  const prefix = rememberedIpPrefix(request.ip);
  const print = engine.fingerprintOf({
    ipPrefix: prefix,
    userAgent: request.userAgent,
    language: request.language,
  });
  engine.buffer.add({
    clickId: click.clickId,
    clickedAt: request.now,
    partnerId: partner.id,
    userId: request.user?.id ?? null,
    linkId: request.linkId ?? null,
    source: request.source,
    targetUrl: click.target,
    ipPrefix: prefix ?? null,
    userAgent: clip(request.userAgent),
    referrer: clip(request.referrer),
    fingerprint: print,
    isBot: click.bot,
    isDuplicate: engine.duplicates.seen(`${partner.id}:${print}`, request.now.getTime()),
  });
}

/** Decides and records in one step: what the Fastify routes do. */
export function redirectClick(engine: ClickEngine, request: ClickRequest): ClickOutcome {
  const { outcome, click } = decideClick(engine, request);
  if (click) recordClick(engine, click);
  return outcome;
}
