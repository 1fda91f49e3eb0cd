import { describe, expect, it } from 'vitest';
import { boundedMemo } from './memo.ts';

describe('boundedMemo', () => {
  it('computes each key once, undefined results included, and starts over when full', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key) => {
      calls.push(key);
      return key === 'none' ? undefined : key.length;
    }, 2);
    expect([memo('ab'), memo('ab'), memo('none'), memo('none')]).toEqual([2, 2, undefined, undefined]);
    expect(calls).toEqual(['ab', 'none']);
    expect(memo('abc')).toBe(3);
    expect(memo('ab')).toBe(2);
    expect(calls).toEqual(['ab', 'none', 'abc', 'ab']);
  });
});
