import { describe, expect, it } from 'vitest';
import { iconState, type IconFacts } from './icon-state.ts';
import { partner } from './test-feed.ts';

const shop = partner({ slug: 'shop', reward: { kind: 'percent', userRate: '3.50', currency: 'KZT' } });
const base: IconFacts = {
  enabled: true,
  connected: true,
  partner: undefined,
  activatedSlug: undefined,
  otherAffiliate: false,
};

describe('the toolbar icon state', () => {
  it('is off whatever else holds when switched off', () => {
    expect(iconState({ ...base, enabled: false, partner: shop, activatedSlug: 'shop' })).toMatchObject({
      variant: 'off',
      colored: false,
      badgeText: 'off',
    });
  });

  it('shows the rate on a partner site', () => {
    expect(iconState({ ...base, partner: shop })).toMatchObject({
      variant: 'partner',
      badgeText: '3.5%',
      title: 'titlePartner',
    });
    expect(iconState({ ...base, connected: false, partner: shop })).toMatchObject({
      variant: 'partner',
      title: 'titlePartnerConnect',
    });
  });

  it('shows activation for the activated partner, even with network parameters in the URL', () => {
    expect(iconState({ ...base, partner: shop, activatedSlug: 'shop', otherAffiliate: true })).toMatchObject({
      variant: 'activated',
      badgeText: '✓',
    });
    expect(iconState({ ...base, partner: shop, activatedSlug: 'other' }).variant).toBe('partner');
  });

  it('stands down when another affiliate brought the user', () => {
    expect(iconState({ ...base, partner: shop, otherAffiliate: true })).toMatchObject({
      variant: 'idle',
      badgeText: '',
    });
  });

  it('offers nothing for a paused partner', () => {
    expect(iconState({ ...base, partner: { ...shop, status: 'paused' } }).variant).toBe('idle');
  });

  it('is grey when not connected and there is no partner', () => {
    expect(iconState({ ...base, connected: false })).toMatchObject({
      variant: 'disconnected',
      colored: false,
    });
    expect(iconState(base)).toMatchObject({ variant: 'idle', colored: true });
  });
});
