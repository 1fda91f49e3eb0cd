import { beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { almatyDate, newId } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import {
  balances,
  call,
  conversion,
  DAY_MS,
  deliver,
  enterRate,
  fundPool,
  inboxTitles,
  ledgerBalance,
  member,
  myRewards,
  ok,
  partner,
  publishChange,
  staff,
  today,
} from './rewards-helpers.ts';

const ctx = useTestApp();

let partnerId: string;
/** The day of the first KZT rate, which the rewards below are priced with (directly or as a fallback). */
let rateDay: string;

beforeAll(async () => {
  const admin = await staff(ctx(), 'admin');
  partnerId = (await partner(ctx())).id;
  // 1 USDT = 500.00 ₸ today; a commission of 1 000.00 ₸ × share 0.7 = 700.00 ₸ = 1.4 USDT.
  rateDay = today(ctx());
  expect((await enterRate(ctx(), admin, rateDay, '500')).statusCode).toBe(201);
  await fundPool(ctx(), admin, '1000');
});

const api = () => ctx().app.sauda.modules.rewards.api;
const pool = () => ledgerBalance(ctx(), 'platform:loyalty', 'rewards-pool');

/** A member and a conversion of theirs that happened now. */
async function shopper() {
  const user = await member(ctx());
  return { user, revision: conversion({ userId: user.userId, partnerId, occurredAt: ctx().clock.now() }) };
}

async function publish(...changes: Parameters<typeof publishChange>[1][]): Promise<void> {
  for (const change of changes) await publishChange(ctx(), change);
  await deliver(ctx());
}

/** Moves the clock past the partner's hold period and runs the release job. */
async function holdPasses(): Promise<number> {
  ctx().clock.advance(14 * DAY_MS + 60_000);
  const released = await api().releaseDueRewards();
  await deliver(ctx());
  return released;
}

describe('loyalty rewards', () => {
  it('pending → approved → hold passes → available, with notices and the tenge equivalent', async () => {
    const { user, revision } = await shopper();
    const poolBefore = await pool();

    await publish(revision(1, 'pending', '100000'));
    const [pending] = await myRewards(ctx(), user);
    expect(pending).toMatchObject({
      status: 'pending',
      amount: { amount: '1400000', asset: 'USDT' },
      rate: { forDay: today(ctx()), day: today(ctx()), price: '500', fallback: false },
      split: null,
    });
    expect(await balances(ctx(), user)).toMatchObject({
      rewards: {
        pending: '1400000',
        available: '0',
        debt: '0',
        equivalent: { currency: 'KZT', pending: '70000', available: '0', price: '500' },
      },
      commissions: [],
    });
    expect((await pool()).available).toBe(poolBefore.available - 1_400_000n);

    await publish(revision(2, 'approved', '100000'));
    expect((await myRewards(ctx(), user))[0]?.status).toBe('pending');
    expect(await api().releaseDueRewards()).toBe(0);

    expect(await holdPasses()).toBe(1);
    const [available] = await myRewards(ctx(), user);
    expect(available).toMatchObject({ status: 'available', amount: { amount: '1400000' } });
    expect(available?.availableAt).not.toBeNull();
    expect((await balances(ctx(), user)).rewards).toMatchObject({ pending: '0', available: '1400000' });
    expect(await inboxTitles(ctx(), user)).toEqual([
      'Вознаграждение доступно',
      'Вознаграждение ожидает подтверждения',
    ]);
    expect(await api().releaseDueRewards()).toBe(0);
    expect((await pool()).posted).toBe(poolBefore.posted - 1_400_000n);
  });

  it('applies the same revision delivered ten times once', async () => {
    const { user, revision } = await shopper();
    await publish(...Array.from({ length: 10 }, () => revision(1, 'pending', '100000')));
    const rewards = await myRewards(ctx(), user);
    expect(rewards).toHaveLength(1);
    expect((await balances(ctx(), user)).rewards.pending).toBe('1400000');
    const admin = await staff(ctx(), 'support');
    const detail = await ok<{ revisions: unknown[]; ledger: { sequence: number } }>(
      call(ctx(), admin, 'GET', `/v1/admin/rewards/${rewards[0]?.id ?? ''}`),
    );
    expect(detail.revisions).toHaveLength(1);
    expect(detail.ledger.sequence).toBe(1);
    // The same event delivered again (same event id) is skipped by the handled-once record too.
    await publish(revision(2, 'approved', '100000'), revision(2, 'approved', '100000'));
    expect((await balances(ctx(), user)).rewards.pending).toBe('1400000');
  });

  it('converges when revisions arrive out of order and never applies an older one after a newer', async () => {
    const late = await shopper();
    await publish(late.revision(2, 'approved', '100000'), late.revision(1, 'pending', '100000'));
    const [reward] = await myRewards(ctx(), late.user);
    expect(reward?.status).toBe('pending');
    const admin = await staff(ctx(), 'support');
    const detail = await ok<{ conversionState: string; revisions: { revision: number; outcome: string }[] }>(
      call(ctx(), admin, 'GET', `/v1/admin/rewards/${reward?.id ?? ''}`),
    );
    expect(detail.conversionState).toBe('approved');
    expect(detail.revisions).toEqual([
      expect.objectContaining({ revision: 1, outcome: 'stale' }),
      expect.objectContaining({ revision: 2, outcome: 'applied' }),
    ]);
    expect(await holdPasses()).toBeGreaterThanOrEqual(1);
    expect((await myRewards(ctx(), late.user))[0]?.status).toBe('available');

    const skipped = await shopper();
    await publish(
      skipped.revision(1, 'pending', '100000'),
      skipped.revision(3, 'declined', '100000'),
      skipped.revision(2, 'approved', '100000'),
    );
    expect((await myRewards(ctx(), skipped.user))[0]?.status).toBe('declined');
    expect((await balances(ctx(), skipped.user)).rewards).toMatchObject({ pending: '0', available: '0' });
  });

  it('voids the hold when the conversion is declined', async () => {
    const { user, revision } = await shopper();
    const poolBefore = await pool();
    await publish(revision(1, 'pending', '100000'));
    expect((await pool()).available).toBe(poolBefore.available - 1_400_000n);
    await publish(revision(2, 'declined', '100000'));
    const [reward] = await myRewards(ctx(), user);
    expect(reward).toMatchObject({ status: 'declined', amount: { amount: '1400000' } });
    expect((await balances(ctx(), user)).rewards).toMatchObject({ pending: '0', available: '0', debt: '0' });
    expect(await pool()).toEqual(poolBefore);
    expect((await inboxTitles(ctx(), user))[0]).toBe('Вознаграждение отклонено');
  });

  it('says nothing about a conversion declined before the user ever heard of it', async () => {
    const { user, revision } = await shopper();
    await publish(revision(1, 'declined', '100000'));
    expect((await myRewards(ctx(), user))[0]?.status).toBe('declined');
    expect(await inboxTitles(ctx(), user)).toEqual([]);
  });

  it('replaces the hold on a partial refund while pending and adjusts after it became available', async () => {
    const { user, revision } = await shopper();
    await publish(revision(1, 'pending', '100000'), revision(2, 'pending', '50000'));
    expect((await myRewards(ctx(), user))[0]?.amount.amount).toBe('700000');
    expect((await balances(ctx(), user)).rewards.pending).toBe('700000');

    await publish(revision(3, 'approved', '100000'));
    await holdPasses();
    expect((await balances(ctx(), user)).rewards).toMatchObject({ pending: '0', available: '1400000' });

    await publish(revision(4, 'approved', '25000'));
    expect((await myRewards(ctx(), user))[0]).toMatchObject({
      status: 'available',
      amount: { amount: '350000' },
    });
    expect((await balances(ctx(), user)).rewards).toMatchObject({ available: '350000', debt: '0' });
    await publish(revision(5, 'paid', '30000'));
    expect((await balances(ctx(), user)).rewards.available).toBe('420000');
  });

  it('takes a reversed reward back; what the balance cannot cover becomes debt that the next reward settles first', async () => {
    const { user, revision } = await shopper();
    await publish(revision(1, 'approved', '100000'));
    await holdPasses();
    expect((await balances(ctx(), user)).rewards.available).toBe('1400000');

    // 1.0 USDT of it is in flight to the user's wallet outside (a withdrawal hold), so only 0.4 can be taken back.
    const ledger = ctx().app.sauda.modules.ledger.api;
    const wallet = await ledger.findAccount({ owner: user.userId, asset: 'USDT', code: 'rewards' });
    const payouts = await ledger.createAccount({
      owner: 'platform:payouts',
      asset: 'USDT',
      code: 'in-flight',
    });
    await ledger.createPendingTransfer({
      id: `test-withdrawal-${newId('trf')}`,
      debitAccountId: wallet?.id ?? '',
      creditAccountId: payouts.id,
      amount: 1_000_000n,
      code: 'payout',
    });

    await publish(revision(2, 'reversed', '100000'));
    expect((await myRewards(ctx(), user))[0]).toMatchObject({ status: 'reversed' });
    expect((await balances(ctx(), user)).rewards).toMatchObject({ available: '0', debt: '1000000' });
    expect((await inboxTitles(ctx(), user))[0]).toBe('Вознаграждение отменено');

    const next = conversion({ userId: user.userId, partnerId, occurredAt: ctx().clock.now() });
    await publish(next(1, 'approved', '100000'));
    await holdPasses();
    expect((await balances(ctx(), user)).rewards).toMatchObject({ available: '400000', debt: '0' });
    // Every asset still balances: the ledger's own check finds nothing wrong.
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('makes available at once an approval that arrives after the hold period', async () => {
    const user = await member(ctx());
    const revision = conversion({
      userId: user.userId,
      partnerId,
      occurredAt: new Date(ctx().clock.now().getTime() - 20 * DAY_MS),
    });
    await publish(revision(1, 'approved', '100000'));
    expect((await myRewards(ctx(), user))[0]?.status).toBe('available');
    expect((await balances(ctx(), user)).rewards.available).not.toBe('0');
  });
});

describe('rewards that wait', () => {
  it('waits without any rate, then completes with the latest earlier rate, recording which day', async () => {
    const admin = await staff(ctx(), 'admin');
    const { user, revision } = await shopper();
    await publish(revision(1, 'pending', '10000', { currency: 'USD' }));
    expect((await myRewards(ctx(), user))[0]).toMatchObject({ status: 'waiting', waitingReason: 'no-rate' });
    expect(await inboxTitles(ctx(), user)).toEqual([]);
    expect(await api().retryWaitingRewards()).toBe(0);

    const yesterday = almatyDate(new Date(ctx().clock.now().getTime() - DAY_MS));
    expect((await enterRate(ctx(), admin, yesterday, '0.98', 'USD')).statusCode).toBe(201);
    expect(await api().retryWaitingRewards()).toBe(1);
    await deliver(ctx());
    const [reward] = await myRewards(ctx(), user);
    // 100.00 USD × 0.7 = 70.00 USD at 0.98 USD per USDT = 71.428571 USDT, rounded down.
    expect(reward).toMatchObject({
      status: 'pending',
      waitingReason: null,
      amount: { amount: '71428571' },
      rate: { forDay: today(ctx()), price: '0.98', fallback: true },
    });
    expect(reward?.rate?.day).not.toBe(today(ctx()));
    expect((await inboxTitles(ctx(), user))[0]).toBe('Вознаграждение ожидает подтверждения');
  });

  it('waits while the pool cannot cover the reward, then completes once it is funded', async () => {
    const admin = await staff(ctx(), 'admin');
    const { user, revision } = await shopper();
    // 10 000 000.00 ₸ × 0.7 at 500 = 14 000 USDT: more than the pool holds.
    await publish(revision(1, 'pending', '1000000000'));
    expect((await myRewards(ctx(), user))[0]).toMatchObject({
      status: 'waiting',
      waitingReason: 'pool-empty',
    });
    expect((await balances(ctx(), user)).rewards.pending).toBe('0');
    await fundPool(ctx(), admin, '20000');
    expect(await api().retryWaitingRewards()).toBe(1);
    expect((await myRewards(ctx(), user))[0]).toMatchObject({ status: 'pending', waitingReason: null });
    expect((await balances(ctx(), user)).rewards.pending).toBe('14000000000');
  });

  it('waits for a partner the catalog does not know', async () => {
    const user = await member(ctx());
    const revision = conversion({
      userId: user.userId,
      partnerId: 'ptn_unknown',
      occurredAt: ctx().clock.now(),
    });
    await publish(revision(1, 'pending', '100000'));
    expect((await myRewards(ctx(), user))[0]).toMatchObject({
      status: 'waiting',
      waitingReason: 'partner-unknown',
    });
  });
});

describe('rewards HTTP API', () => {
  it('pages my rewards with filters and a cursor, and hides everyone else’s', async () => {
    const { user, revision } = await shopper();
    const other = await member(ctx());
    await publish(revision(1, 'pending', '100000'));
    for (let index = 0; index < 2; index += 1) {
      const more = conversion({ userId: user.userId, partnerId, occurredAt: ctx().clock.now() });
      await publish(more(1, 'declined', '100000'));
    }
    const first = await ok<{ items: { id: string }[]; nextCursor: string }>(
      call(ctx(), user, 'GET', '/v1/rewards?limit=2'),
    );
    expect(first.items).toHaveLength(2);
    const second = await ok<{ items: { id: string }[]; nextCursor: string | null }>(
      call(ctx(), user, 'GET', `/v1/rewards?limit=2&cursor=${first.nextCursor}`),
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(await myRewards(ctx(), user, '?status=declined')).toHaveLength(2);
    expect(await myRewards(ctx(), user, '?status=declined&status=pending')).toHaveLength(3);
    expect(
      await myRewards(ctx(), user, `?from=${today(ctx())}&to=${today(ctx())}&product=loyalty`),
    ).toHaveLength(3);
    expect(await myRewards(ctx(), user, '?product=cpa')).toHaveLength(0);

    const id = first.items[0]?.id ?? '';
    expect((await call(ctx(), user, 'GET', `/v1/rewards/${id}`)).statusCode).toBe(200);
    const foreign = await call(ctx(), other, 'GET', `/v1/rewards/${id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'REWARDS_REWARD_NOT_FOUND' });
    expect(await myRewards(ctx(), other)).toEqual([]);
    expect((await call(ctx(), undefined, 'GET', '/v1/rewards')).statusCode).toBe(401);
  });

  it('refuses bad queries with a clear error', async () => {
    const user = await member(ctx());
    const expectProblem = async (url: string, status: number, code: string) => {
      const response = await call(ctx(), user, 'GET', url);
      expect(response.statusCode, url).toBe(status);
      expect(response.json(), url).toMatchObject({ code });
    };
    await expectProblem('/v1/rewards?cursor=garbage', 400, 'REWARDS_CURSOR_INVALID');
    await expectProblem('/v1/rewards?limit=1000', 400, 'PLATFORM_VALIDATION');
    await expectProblem('/v1/rewards?status=lost', 400, 'PLATFORM_VALIDATION');
    await expectProblem('/v1/rewards?from=2026-02-30x', 400, 'PLATFORM_VALIDATION');
    await expectProblem('/v1/rewards?from=2026-03-02&to=2026-03-01', 400, 'REWARDS_PERIOD_INVALID');
    await expectProblem('/v1/rewards?unknown=1', 400, 'PLATFORM_VALIDATION');
    await expectProblem('/v1/rewards/not-an-id', 400, 'PLATFORM_VALIDATION');
    await expectProblem(`/v1/rewards/${newId('rwd')}`, 404, 'REWARDS_REWARD_NOT_FOUND');
  });

  it('lets staff search anyone’s rewards, and no one else', async () => {
    const { user, revision } = await shopper();
    const change = revision(1, 'pending', '100000');
    await publish(change);
    const support = await staff(ctx(), 'support');
    const byUser = await ok<{ items: { userId: string; conversionId: string }[] }>(
      call(ctx(), support, 'GET', `/v1/admin/rewards?userId=${user.userId}`),
    );
    expect(byUser.items).toEqual([
      expect.objectContaining({ userId: user.userId, conversionId: change.conversionId }),
    ]);
    const byAction = await ok<{ items: unknown[] }>(
      call(ctx(), support, 'GET', `/v1/admin/rewards?networkKey=admitad&actionId=${change.actionId}`),
    );
    expect(byAction.items).toHaveLength(1);
    expect((await call(ctx(), user, 'GET', '/v1/admin/rewards')).statusCode).toBe(403);
    expect(
      (await call(ctx(), support, 'PUT', `/v1/admin/rewards/rates/${today(ctx())}/KZT`, { price: '1' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('staff rates and pool funding', () => {
  it('enters a rate once, refuses to change a used one, and checks every field', async () => {
    const admin = await staff(ctx(), 'admin');
    const put = (day: string, currency: string, payload: unknown) =>
      call(ctx(), admin, 'PUT', `/v1/admin/rewards/rates/${day}/${currency}`, payload);
    const day = rateDay;
    expect((await put(day, 'KZT', { price: '500' })).statusCode).toBe(200);
    expect((await put(day, 'KZT', { price: '500.000' })).statusCode).toBe(200);
    expect((await put(day, 'KZT', { price: '501' })).json()).toMatchObject({
      code: 'REWARDS_RATE_IN_USE',
      status: 409,
    });
    const fresh = '2020-01-01';
    expect((await put(fresh, 'KZT', { price: '400' })).statusCode).toBe(201);
    expect((await put(fresh, 'KZT', { price: '401.5' })).json()).toMatchObject({ price: '401.5' });

    const future = almatyDate(new Date(ctx().clock.now().getTime() + 3 * DAY_MS));
    expect((await put(future, 'KZT', { price: '500' })).json()).toMatchObject({
      code: 'REWARDS_RATE_DAY_IN_FUTURE',
    });
    for (const price of ['abc', '0', '-5', '1.1234567890123', '1e3', ' 5', '1'.repeat(20)]) {
      expect((await put(fresh, 'KZT', { price })).json(), price).toMatchObject({
        code: 'REWARDS_RATE_INVALID',
        status: 422,
      });
    }
    expect((await put(fresh, 'XYZ', { price: '5' })).json()).toMatchObject({
      code: 'REWARDS_CURRENCY_UNKNOWN',
    });
    expect((await put(fresh, 'USDT', { price: '5' })).json()).toMatchObject({
      code: 'REWARDS_CURRENCY_UNKNOWN',
    });
    expect((await put(fresh, 'kzt', { price: '5' })).statusCode).toBe(400);
    expect((await put('2020-13-01', 'KZT', { price: '5' })).statusCode).toBe(400);
    expect((await put(fresh, 'KZT', { price: 5 })).statusCode).toBe(400);
    expect((await put(fresh, 'KZT', { price: '5', extra: true })).statusCode).toBe(400);
    expect((await put(fresh, 'KZT', {})).statusCode).toBe(400);
    const huge = await call(ctx(), admin, 'PUT', `/v1/admin/rewards/rates/${fresh}/KZT`, {
      price: 'x'.repeat(2_000_000),
    });
    expect(huge.statusCode).toBe(413);

    const listed = await ok<{ items: { day: string; price: string }[] }>(
      call(ctx(), admin, 'GET', '/v1/admin/rewards/rates?currency=KZT&from=2020-01-01&to=2020-01-31'),
    );
    expect(listed.items).toEqual([expect.objectContaining({ day: fresh, price: '401.5' })]);
  });

  it('records pool funding idempotently by reference', async () => {
    const admin = await staff(ctx(), 'admin');
    const fund = (payload: unknown) => call(ctx(), admin, 'POST', '/v1/admin/rewards/pool/funding', payload);
    const before = await pool();
    const first = await fund({ amount: '12.5', reference: 'order-77' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ amount: '12500000', asset: 'USDT', created: true });
    const replay = await fund({ amount: '12.5', reference: 'order-77' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ created: false });
    expect((await pool()).posted).toBe(before.posted + 12_500_000n);
    expect((await fund({ amount: '13', reference: 'order-77' })).json()).toMatchObject({
      code: 'LEDGER_TRANSFER_EXISTS_MISMATCH',
      status: 409,
    });
    for (const amount of ['0', '-1', '1.1234567', 'ten', '']) {
      const response = await fund({ amount, reference: `bad-${String(amount.length)}` });
      expect(response.statusCode, amount).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, amount).toBeLessThan(500);
    }
    expect((await fund({ amount: '1', reference: 'has space' })).statusCode).toBe(400);
    expect((await pool()).posted).toBe(before.posted + 12_500_000n);
    const member_ = await member(ctx());
    expect(
      (await call(ctx(), member_, 'POST', '/v1/admin/rewards/pool/funding', { amount: '1', reference: 'x' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents every rewards and referrals route, and the document is valid OpenAPI 3.1', async () => {
    const document = (await ctx().app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    for (const path of [
      '/v1/rewards',
      '/v1/rewards/balance',
      '/v1/rewards/{rewardId}',
      '/v1/rewards/tax-status',
      '/v1/admin/rewards',
      '/v1/admin/rewards/{rewardId}',
      '/v1/admin/rewards/rates',
      '/v1/admin/rewards/rates/{day}/{currency}',
      '/v1/admin/rewards/pool/funding',
      '/v1/admin/rewards/users/{userId}/tax-status',
      '/v1/admin/rewards/tax-report',
      '/v1/referrals/me',
      '/v1/referrals/claim',
      '/v1/referrals/visits',
      '/v1/admin/referrals',
      '/v1/admin/referrals/users/{userId}/stats',
      '/v1/admin/referrals/bonus-pool/funding',
    ])
      expect(document.paths, path).toHaveProperty([path]);
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
  });
});
