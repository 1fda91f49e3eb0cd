import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ManualClock, newId } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createLedgerModule, type BatchItem, type LedgerApi, type Transfer } from './index.ts';

/**
 * Random sequences of ledger operations, run against PostgreSQL and against a small in-memory
 * model written independently from the implementation; after every step the outcome (transfer or
 * error code) must agree, and after every sequence every balance must agree and verify must pass.
 */

const NAMES = ['mint', 'w1', 'w2', 'clearing', 'usd'] as const;
type Name = (typeof NAMES)[number];

type Step =
  | { t: 'transfer'; d: Name; c: Name; amount: bigint }
  | { t: 'pending'; d: Name; c: Name; amount: bigint; timeout: number | undefined }
  | { t: 'post'; k: number; amount: bigint | undefined }
  | { t: 'void'; k: number }
  | { t: 'reverse'; k: number }
  | { t: 'linked'; legs: { d: Name; c: Name; amount: bigint }[] }
  | { t: 'advance'; seconds: number; expire: boolean }
  | { t: 'replay'; k: number }
  | { t: 'replay-changed'; k: number }
  | { t: 'close'; a: Name }
  | { t: 'seal' };

// The dollar account is there to be refused (mixed assets), so it is picked less often.
const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Name>('mint', 'w1', 'w2', 'clearing') },
  { weight: 1, arbitrary: fc.constant<Name>('usd') },
);
const amount = fc.integer({ min: 1, max: 400 }).map(BigInt);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('transfer' as const), d: name, c: name, amount }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('pending' as const),
      d: name,
      c: name,
      amount,
      timeout: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('post' as const),
      k: fc.nat(),
      amount: fc.option(amount, { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('void' as const), k: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse' as const), k: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('linked' as const),
      legs: fc.array(fc.record({ d: name, c: name, amount }), { minLength: 2, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      seconds: fc.integer({ min: 1, max: 90 }),
      expire: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('replay' as const), k: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('replay-changed' as const), k: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('close' as const), a: fc.constantFrom<Name>('w2', 'clearing') }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'seal' as const }) },
);

interface ModelAccount {
  readonly asset: string;
  readonly noOverdraft: boolean;
  readonly noExcessCredits: boolean;
  closed: boolean;
  dp: bigint;
  cp: bigint;
  dpend: bigint;
  cpend: bigint;
}

interface ModelTransfer {
  readonly id: string;
  readonly kind: 'posted' | 'pending' | 'post_pending' | 'void_pending' | 'expire_pending';
  readonly d: Name;
  readonly c: Name;
  readonly amount: bigint;
  readonly timeoutAt: number | null;
  readonly reverses: string | null;
  resolved: boolean;
  reversed: boolean;
}

type Result = { ok: true; amounts: bigint[] } | { ok: false; code: string };

/** The reference: plain code following README.md's rules, no SQL, no batching. */
class Model {
  accounts = new Map<Name, ModelAccount>();
  transfers = new Map<string, ModelTransfer>();
  /** What each id was first used for: its input and result, or absent when refused before any state was read. */
  memory = new Map<string, { input: string; result: Result }>();
  now = 0;

  constructor() {
    const account = (asset: string, noOverdraft: boolean, noExcessCredits: boolean): ModelAccount => ({
      asset,
      noOverdraft,
      noExcessCredits,
      closed: false,
      dp: 0n,
      cp: 0n,
      dpend: 0n,
      cpend: 0n,
    });
    this.accounts.set('mint', account('KZT', false, false));
    this.accounts.set('w1', account('KZT', true, false));
    this.accounts.set('w2', account('KZT', true, false));
    this.accounts.set('clearing', account('KZT', false, true));
    this.accounts.set('usd', account('USDT', false, false));
  }

  clone(): Model {
    const copy = new Model();
    copy.accounts = new Map([...this.accounts].map(([key, value]) => [key, { ...value }]));
    copy.transfers = new Map([...this.transfers].map(([key, value]) => [key, { ...value }]));
    copy.memory = this.memory;
    copy.now = this.now;
    return copy;
  }

  account(name: Name): ModelAccount {
    const account = this.accounts.get(name);
    if (!account) throw new Error(`no model account ${name}`);
    return account;
  }

  /** Applies one movement or throws the error code the ledger must give. */
  move(
    id: string,
    kind: ModelTransfer['kind'],
    d: Name,
    c: Name,
    amount: bigint,
    pendingAmount: bigint,
    extra: Partial<ModelTransfer> = {},
  ): void {
    const debit = this.account(d);
    const credit = this.account(c);
    if (debit.asset !== credit.asset) throw new Error('LEDGER_ASSET_MISMATCH');
    const releases = kind === 'void_pending' || kind === 'expire_pending';
    if (!releases && debit.closed) throw new Error('LEDGER_ACCOUNT_CLOSED');
    if (!releases && credit.closed) throw new Error('LEDGER_ACCOUNT_CLOSED');
    const posted = kind === 'posted' || kind === 'post_pending' ? amount : 0n;
    const pending = kind === 'pending' ? amount : kind === 'posted' ? 0n : -pendingAmount;
    if (debit.noOverdraft && debit.dp + posted + debit.dpend + pending > debit.cp)
      throw new Error('LEDGER_INSUFFICIENT_FUNDS');
    if (credit.noExcessCredits && credit.cp + posted + credit.cpend + pending > credit.dp) {
      throw new Error('LEDGER_CREDITS_EXCEED_DEBITS');
    }
    debit.dp += posted;
    debit.dpend += pending;
    credit.cp += posted;
    credit.cpend += pending;
    this.transfers.set(id, {
      id,
      kind,
      d,
      c,
      amount,
      timeoutAt: null,
      reverses: null,
      resolved: false,
      reversed: false,
      ...extra,
    });
  }

  resolve(id: string, targetId: string, how: 'post' | 'void' | 'expire', amount?: bigint): void {
    const target = this.transfers.get(targetId);
    if (!target) throw new Error('LEDGER_PENDING_NOT_FOUND');
    if (target.kind !== 'pending') throw new Error('LEDGER_NOT_PENDING');
    if (target.resolved) throw new Error('LEDGER_PENDING_ALREADY_RESOLVED');
    const expired = target.timeoutAt !== null && target.timeoutAt <= this.now;
    if (how === 'post' && expired) throw new Error('LEDGER_PENDING_EXPIRED');
    const posted = how === 'post' ? (amount ?? target.amount) : 0n;
    if (posted > target.amount) throw new Error('LEDGER_POST_EXCEEDS_PENDING');
    const kind = how === 'post' ? 'post_pending' : how === 'void' ? 'void_pending' : 'expire_pending';
    this.move(id, kind, target.d, target.c, posted, target.amount);
    target.resolved = true;
  }

  reverse(id: string, targetId: string): void {
    const target = this.transfers.get(targetId);
    if (!target) throw new Error('LEDGER_TRANSFER_NOT_FOUND');
    if ((target.kind !== 'posted' && target.kind !== 'post_pending') || target.reverses !== null) {
      throw new Error('LEDGER_NOT_REVERSIBLE');
    }
    if (target.reversed) throw new Error('LEDGER_ALREADY_REVERSED');
    this.move(id, 'posted', target.c, target.d, target.amount, 0n, { reverses: targetId });
    target.reversed = true;
  }
}

interface Submitted {
  readonly ids: string[];
  readonly send: (ids: readonly string[], changed: boolean) => Promise<Transfer[]>;
  readonly modelRun: (model: Model, ids: readonly string[]) => void;
  readonly stateless: boolean;
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function outcome(promise: Promise<Transfer[]>): Promise<Result> {
  try {
    const transfers = await promise;
    return { ok: true, amounts: transfers.map((transfer) => transfer.amount) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

/** Runs the model on a copy; commits the copy only when the whole request succeeds. */
function modelOutcome(
  model: Model,
  submitted: Submitted,
  ids: readonly string[],
): { result: Result; next: Model } {
  const copy = model.clone();
  try {
    submitted.modelRun(copy, ids);
    return {
      result: { ok: true, amounts: ids.map((id) => copy.transfers.get(id)?.amount ?? -1n) },
      next: copy,
    };
  } catch (error) {
    return { result: { ok: false, code: (error as Error).message }, next: model };
  }
}

async function runSequence(steps: readonly Step[]): Promise<void> {
  const clock = new ManualClock('2026-07-01T00:00:00Z');
  const ledger: LedgerApi = createLedgerModule({ db: database.db, clock }).api;
  const owner = newId('usr');
  const ids: Record<Name, string> = {
    mint: (await ledger.createAccount({ asset: 'KZT', owner, code: 'mint' })).id,
    w1: (await ledger.createAccount({ asset: 'KZT', owner, code: 'w1', debitsMustNotExceedCredits: true }))
      .id,
    w2: (await ledger.createAccount({ asset: 'KZT', owner, code: 'w2', debitsMustNotExceedCredits: true }))
      .id,
    clearing: (
      await ledger.createAccount({ asset: 'KZT', owner, code: 'clearing', creditsMustNotExceedDebits: true })
    ).id,
    usd: (await ledger.createAccount({ asset: 'USDT', owner, code: 'usd' })).id,
  };
  let model = new Model();
  const history: Submitted[] = [];
  const everyId: string[] = [];
  const pendingIds: string[] = [];
  const pick = (k: number): string =>
    everyId.length === 0 || k % (everyId.length + 1) === everyId.length
      ? 'trf_unknown'
      : (everyId[k % everyId.length] ?? '');
  let counter = 0;
  const freshId = (): string => `${owner}-${(counter += 1)}`;

  const submit = async (submitted: Submitted, ids: readonly string[], changed: boolean): Promise<void> => {
    const actual = await outcome(submitted.send(ids, changed));
    const key = ids[0] ?? '';
    const remembered = model.memory.get(key);
    let expected: Result;
    if (remembered && changed) expected = { ok: false, code: 'LEDGER_TRANSFER_EXISTS_MISMATCH' };
    else if (remembered) expected = remembered.result;
    else {
      const run = modelOutcome(model, submitted, ids);
      expected = run.result;
      model = run.next;
      if (!submitted.stateless) for (const id of ids) model.memory.set(id, { input: id, result: expected });
    }
    expect({ step: history.length, ...actual }).toEqual({ step: history.length, ...expected });
  };

  for (const current of steps) {
    let submitted: Submitted | undefined;
    switch (current.t) {
      case 'transfer':
      case 'pending': {
        const { d, c } = current;
        const base = (changed: boolean) => ({
          debitAccountId: ids[d],
          creditAccountId: ids[c],
          amount: current.amount + (changed ? 1n : 0n),
          code: 'payment',
        });
        submitted = {
          ids: [freshId()],
          stateless: d === c,
          send: async ([id = ''], changed) =>
            current.t === 'transfer'
              ? [await ledger.createTransfer({ id, ...base(changed) })]
              : [
                  await ledger.createPendingTransfer({
                    id,
                    ...base(changed),
                    timeoutSeconds: current.timeout,
                  }),
                ],
          modelRun: (m, [id = '']) => {
            if (d === c) throw new Error('LEDGER_SAME_ACCOUNT');
            m.move(id, current.t === 'transfer' ? 'posted' : 'pending', d, c, current.amount, 0n, {
              timeoutAt:
                current.t === 'pending' && current.timeout !== undefined
                  ? m.now + current.timeout * 1000
                  : null,
            });
          },
        };
        break;
      }
      case 'post':
      case 'void': {
        const target =
          current.k % 5 === 0 || pendingIds.length === 0
            ? pick(current.k)
            : (pendingIds[current.k % pendingIds.length] ?? '');
        submitted = {
          ids: [freshId()],
          stateless: false,
          send: async ([id = ''], changed) =>
            current.t === 'post'
              ? [
                  await ledger.postPendingTransfer({
                    id,
                    pendingId: target,
                    amount: changed ? (current.amount ?? 0n) + 1n : current.amount,
                  }),
                ]
              : [
                  await ledger.voidPendingTransfer({
                    id,
                    pendingId: target,
                    metadata: changed ? { x: 'y' } : {},
                  }),
                ],
          modelRun: (m, [id = '']) => {
            m.resolve(id, target, current.t, current.t === 'post' ? current.amount : undefined);
          },
        };
        break;
      }
      case 'reverse': {
        const target = pick(current.k);
        submitted = {
          ids: [freshId()],
          stateless: false,
          send: async ([id = ''], changed) => [
            await ledger.reverseTransfer({ id, transferId: target, metadata: changed ? { x: 'y' } : {} }),
          ],
          modelRun: (m, [id = '']) => {
            m.reverse(id, target);
          },
        };
        break;
      }
      case 'linked': {
        const legs = current.legs;
        const stateless = legs.some((leg) => leg.d === leg.c);
        submitted = {
          ids: legs.map(() => freshId()),
          stateless,
          send: (batchIds, changed) =>
            ledger.createLinkedTransfers(
              legs.map((leg, index): BatchItem => ({
                type: 'transfer',
                id: batchIds[index] ?? '',
                debitAccountId: ids[leg.d],
                creditAccountId: ids[leg.c],
                amount: leg.amount + (changed && index === 0 ? 1n : 0n),
                code: 'split',
              })),
            ),
          modelRun: (m, batchIds) => {
            if (stateless) throw new Error('LEDGER_SAME_ACCOUNT');
            legs.forEach((leg, index) => {
              m.move(batchIds[index] ?? '', 'posted', leg.d, leg.c, leg.amount, 0n);
            });
          },
        };
        break;
      }
      case 'advance': {
        clock.advance(current.seconds * 1000);
        model.now += current.seconds * 1000;
        if (current.expire) {
          await ledger.expirePendingTransfers();
          for (const transfer of [...model.transfers.values()]) {
            if (
              transfer.kind === 'pending' &&
              !transfer.resolved &&
              transfer.timeoutAt !== null &&
              transfer.timeoutAt <= model.now
            ) {
              model.resolve(`expiry:${transfer.id}`, transfer.id, 'expire');
            }
          }
        }
        continue;
      }
      case 'close':
        await ledger.closeAccount(ids[current.a]);
        model.account(current.a).closed = true;
        continue;
      case 'seal':
        await ledger.sealBlocks();
        continue;
      case 'replay':
      case 'replay-changed': {
        const earlier = history[current.k % Math.max(history.length, 1)];
        if (!earlier) continue;
        await submit(earlier, earlier.ids, current.t === 'replay-changed');
        continue;
      }
    }
    history.push(submitted);
    everyId.push(...submitted.ids);
    if (current.t === 'pending') pendingIds.push(...submitted.ids);
    await submit(submitted, submitted.ids, false);
  }

  for (const key of NAMES) {
    const balance = await ledger.getBalance(ids[key]);
    const expected = model.account(key);
    expect({
      account: key,
      dp: balance.debitsPosted,
      cp: balance.creditsPosted,
      dpend: balance.debitsPending,
      cpend: balance.creditsPending,
    }).toEqual({
      account: key,
      dp: expected.dp,
      cp: expected.cp,
      dpend: expected.dpend,
      cpend: expected.cpend,
    });
  }
}

describe('ledger against an in-memory model', () => {
  it('agrees on every outcome and every balance for random sequences', async () => {
    // Every sequence starts with money where the flags let it be spent, so refusals are not all it sees.
    const opening: Step[] = [
      { t: 'transfer', d: 'mint', c: 'w1', amount: 1000n },
      { t: 'transfer', d: 'mint', c: 'w2', amount: 600n },
      { t: 'transfer', d: 'clearing', c: 'mint', amount: 800n },
    ];
    const sequences = fc
      .array(step, { minLength: 1, maxLength: 40, size: 'max' })
      .map((steps) => [...opening, ...steps]);
    await fc.assert(fc.asyncProperty(sequences, runSequence), {
      numRuns: 100,
      endOnFailure: true,
    });
    const ledger = createLedgerModule({ db: database.db }).api;
    const report = await ledger.verify();
    expect(report.problems).toEqual([]);
    expect(report.transfers).toBeGreaterThan(600);
  }, 180_000);
});
