import { describe, expect, it } from 'vitest';
import { RateWindow, rateKey } from './rate-window.ts';

describe('fast path rate limit', () => {
  it('allows max requests per key in a window that opens at the first one', () => {
    const limit = new RateWindow({ max: 2, windowMs: 60_000 });
    expect(limit.hit('a', 1_000)).toEqual({ count: 1, exceeded: false, remaining: 1, resetSeconds: 60 });
    expect(limit.hit('a', 30_500)).toEqual({ count: 2, exceeded: false, remaining: 0, resetSeconds: 31 });
    expect(limit.hit('a', 31_000)).toEqual({ count: 3, exceeded: true, remaining: 0, resetSeconds: 30 });
    expect(limit.hit('b', 31_000).exceeded).toBe(false);
    expect(limit.hit('a', 61_000)).toEqual({ count: 1, exceeded: false, remaining: 1, resetSeconds: 60 });
  });

  it('stays bounded under a flood of addresses, dropping closed windows first, then the oldest', () => {
    const limit = new RateWindow({ max: 1, windowMs: 1_000 }, 3);
    limit.hit('old', 0);
    limit.hit('x', 2_000);
    limit.hit('y', 2_000);
    limit.hit('z', 2_000);
    expect(limit.size).toBe(3);
    expect(limit.hit('x', 2_001).exceeded).toBe(true);
    limit.hit('w', 2_002);
    expect(limit.size).toBe(3);
    // 'x' was the oldest open window, so it went first: its count starts again.
    expect(limit.hit('x', 2_003).count).toBe(1);
  });

  it('keys addresses like @fastify/rate-limit: IPv4 as is, IPv6 by its /64', () => {
    expect(rateKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateKey('2001:DB8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:db8:1:2::9')).toBe(rateKey('2001:db8:1:2:ffff::1'));
    expect(rateKey(undefined)).toBe('');
  });
});
