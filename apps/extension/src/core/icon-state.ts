import type { FeedPartner } from './partner-feed.ts';
import { badgeRate } from './rate-label.ts';
import type { MessageKey } from './messages.ts';

/**
 * What the toolbar icon says, decided from facts only. Precedence: switched off, then activated for
 * this tab (our own click lands with network parameters, which must not read as someone else's),
 * then stand-down, then partner, then not connected, then idle.
 */
export interface IconFacts {
  readonly enabled: boolean;
  readonly connected: boolean;
  readonly partner: FeedPartner | undefined;
  readonly activatedSlug: string | undefined;
  readonly otherAffiliate: boolean;
}

export type IconVariant = 'off' | 'disconnected' | 'idle' | 'partner' | 'activated';

export interface IconState {
  readonly variant: IconVariant;
  /** Drives which icon set is shown: colour when Sauda can act, grey when it cannot. */
  readonly colored: boolean;
  readonly badgeText: string;
  readonly badgeColor: string;
  readonly title: MessageKey;
}

const GREEN = '#0f9d58';
const GREY = '#7a7f87';

export function iconState(facts: IconFacts): IconState {
  if (!facts.enabled)
    return { variant: 'off', colored: false, badgeText: 'off', badgeColor: GREY, title: 'titleOff' };
  const partner = facts.partner?.status === 'active' ? facts.partner : undefined;
  if (partner && facts.activatedSlug === partner.slug)
    return {
      variant: 'activated',
      colored: true,
      badgeText: '✓',
      badgeColor: GREEN,
      title: 'titleActivated',
    };
  if (partner && !facts.otherAffiliate)
    return {
      variant: 'partner',
      colored: true,
      badgeText: badgeRate(partner.reward),
      badgeColor: GREEN,
      title: facts.connected ? 'titlePartner' : 'titlePartnerConnect',
    };
  if (!facts.connected)
    return {
      variant: 'disconnected',
      colored: false,
      badgeText: '',
      badgeColor: GREY,
      title: 'titleDisconnected',
    };
  return { variant: 'idle', colored: true, badgeText: '', badgeColor: GREEN, title: 'titleIdle' };
}
