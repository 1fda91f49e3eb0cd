import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLICK_ID_LENGTH, mintClickId, readClickId } from './click-id.ts';

const key = randomBytes(32);

describe('click ids', () => {
  it('carry partner, user and time, in 30 URL-safe characters', () => {
    const clickedAt = new Date('2026-03-08T10:15:30Z');
    const id = mintClickId(key, { via: 'go' as const, clickedAt, partnerNumber: 4711, userRef: 123_456 });
    expect(id).toMatch(/^[A-Za-z0-9_-]{30}$/);
    expect(id).toHaveLength(CLICK_ID_LENGTH);
    expect(readClickId(key, id)).toEqual({
      via: 'go' as const,
      clickedAt,
      partnerNumber: 4711,
      userRef: 123_456,
    });
  });

  it('round-trips any claims that fit, and every id is distinct', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.constantFrom('go' as const, 'link' as const),
        (partnerNumber, userRef, seconds, via) => {
          const clickedAt = new Date(seconds * 1000);
          const id = mintClickId(key, { via, clickedAt, partnerNumber, userRef });
          expect(id.length).toBeLessThanOrEqual(30);
          expect(seen.has(id)).toBe(false);
          seen.add(id);
          expect(readClickId(key, id)).toEqual({ via, clickedAt, partnerNumber, userRef });
        },
      ),
    );
  });

  it('rejects any changed character, another key, and malformed input', () => {
    const id = mintClickId(key, { via: 'go', clickedAt: new Date(), partnerNumber: 7, userRef: 0 });
    for (let index = 0; index < id.length; index += 1) {
      const replacement = id[index] === 'A' ? 'B' : 'A';
      expect(readClickId(key, id.slice(0, index) + replacement + id.slice(index + 1))).toBeUndefined();
    }
    expect(readClickId(randomBytes(32), id)).toBeUndefined();
    for (const bad of [
      '',
      'x'.repeat(30),
      `${id}A`,
      id.slice(1),
      `${id.slice(0, 29)}=`,
      '../../../../etc/passwd/aaaaaa',
    ])
      expect(readClickId(key, bad)).toBeUndefined();
  });

  it('refuses claims that do not fit', () => {
    expect(() =>
      mintClickId(key, { via: 'go', clickedAt: new Date(), partnerNumber: 0, userRef: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      mintClickId(key, { via: 'go', clickedAt: new Date(), partnerNumber: 2 ** 24, userRef: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      mintClickId(key, { via: 'go', clickedAt: new Date(), partnerNumber: 1, userRef: 2 ** 32 }),
    ).toThrow(RangeError);
  });
});
