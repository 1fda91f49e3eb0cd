import type { ClickRecord } from './click-buffer.ts';

/** Test helpers for tracking's own tests. */

let sequence = 0;

/** A click as the buffer holds it: an anonymous browser click on `ptn_a`, with a fresh id unless given. */
export function testClick(overrides: Partial<ClickRecord> = {}): ClickRecord {
  sequence += 1;
  return {
    clickId: `click-${String(sequence).padStart(24, '0')}`,
    clickedAt: new Date('2026-05-10T20:30:00Z'),
    partnerId: 'ptn_a',
    userId: null,
    linkId: null,
    source: 'web',
    targetUrl: 'https://shop.kz/',
    ipPrefix: '203.0.113.0',
    userAgent: 'UA',
    referrer: null,
    fingerprint: 'fp',
    isBot: false,
    isDuplicate: false,
    ...overrides,
  };
}
