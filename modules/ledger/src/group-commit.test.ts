import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

interface Probe {
  readonly name: string;
  readonly keys?: readonly string[];
}

/** A fake database: records each batch and what else was in flight when it started. */
function recorder(delayMs = 5) {
  const batches: string[][] = [];
  const overlaps: [string[], string[]][] = [];
  const inFlight = new Set<string[]>();
  const run = async (requests: readonly Probe[]): Promise<string[]> => {
    const names = requests.map((request) => request.name);
    for (const other of inFlight) overlaps.push([other, names]);
    inFlight.add(names);
    batches.push(names);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    inFlight.delete(names);
    if (names.includes('boom') && names.length > 1) throw new Error('batch failed');
    if (names.includes('boom')) throw new Error('boom alone');
    return names.map((name) => `done ${name}`);
  };
  return { batches, overlaps, run };
}

describe('group commit', () => {
  it('sends a lone request at once and batches what arrives while it is in flight', async () => {
    const fake = recorder();
    const commit = new GroupCommit<Probe, string>(fake.run);
    const first = commit.submit({ name: 'a' });
    const rest = ['b', 'c', 'd'].map((name) => commit.submit({ name }));
    expect(await Promise.all([first, ...rest])).toEqual(['done a', 'done b', 'done c', 'done d']);
    expect(fake.batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('caps batches at maxBatch', async () => {
    const fake = recorder(1);
    const commit = new GroupCommit<Probe, string>(fake.run, { maxBatch: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => commit.submit({ name })));
    expect(fake.batches.every((batch) => batch.length <= 2)).toBe(true);
    expect(fake.batches.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('answers each request alone when its batch fails unexpectedly', async () => {
    const fake = recorder(1);
    const commit = new GroupCommit<Probe, string>(fake.run);
    const results = await Promise.allSettled(['x', 'boom', 'y', 'z'].map((name) => commit.submit({ name })));
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results[1]).toMatchObject({ reason: new Error('boom alone') });
  });

  it('keeps batches in flight together disjoint, and runs keyless requests alone', async () => {
    const fake = recorder(10);
    const commit = new GroupCommit<Probe, string>(fake.run, {
      maxInFlight: 2,
      keysOf: (request) => request.keys,
    });
    const requests: Probe[] = [
      { name: 'a', keys: ['fee', 'w1'] },
      { name: 'b', keys: ['w2', 'w3'] },
      { name: 'c', keys: ['fee', 'w4'] },
      { name: 'd', keys: ['w5', 'w6'] },
      { name: 'post' },
      { name: 'e', keys: ['w7', 'w8'] },
    ];
    const answers = await Promise.all(requests.map((request) => commit.submit(request)));
    expect(answers).toEqual(requests.map((request) => `done ${request.name}`));
    const keysOf = (names: string[]) =>
      names.flatMap((name) => requests.find((r) => r.name === name)?.keys ?? ['*']);
    for (const [left, right] of fake.overlaps) {
      const shared = keysOf(left).filter((key) => keysOf(right).includes(key));
      expect({ left, right, shared }).toEqual({ left, right, shared: [] });
      expect(left.includes('post') || right.includes('post')).toBe(false);
    }
    expect(fake.overlaps.length).toBeGreaterThan(0);
  });
});
