import { describe, expect, it } from 'vitest';
import { isId } from '@sauda/platform';
import { newRequestId } from './request-id.ts';

describe('newRequestId', () => {
  it('makes valid, distinct TypeIDs whose UUIDv7 starts with the time', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newRequestId(1_767_225_600_000)));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(isId(id, 'req')).toBe(true);
    // 48 bits of milliseconds lead the id, so a later time sorts after an earlier one.
    expect(newRequestId(1_767_225_600_001) > [...ids].sort().at(-1)!).toBe(true);
  });
});
