import { beforeAll, describe, expect, it } from 'vitest';
import { almatyDate } from '@sauda/platform';
import type { TestContext } from '@sauda/testing';
import {
  newUser,
  personNamed,
  startKyc,
  statusEventually,
  useKycApp,
  walkFlow,
  type KycUser,
} from './kyc-helpers.ts';
import type { WebClient } from './identity-helpers.ts';
import {
  balances,
  call,
  conversion,
  DAY_MS,
  deliver,
  enterRate,
  fundPool,
  myRewards,
  ok,
  partner,
  publishChange,
  staff,
} from './rewards-helpers.ts';

const ctx = useKycApp();

let admin: WebClient;
let partnerId: string;

beforeAll(async () => {
  admin = await staff(ctx(), 'admin');
  partnerId = (await partner(ctx())).id;
  // Rewards below are bought 20 days ago: their day's rate falls back to this one.
  await enterRate(ctx(), admin, almatyDate(new Date(ctx().clock.now().getTime() - 40 * DAY_MS)), '500');
  await fundPool(ctx(), admin, '1000');
});

interface Card {
  code: string;
  link: string;
  stats: {
    invited: number;
    registered: number;
    kycVerified: number;
    rewarded: number;
    earned: { amount: string; asset: string };
  };
}

const device = (id: string) => ({ 'x-device-id': id });
const card = (user: WebClient, deviceId = `${user.userId}-phone`) =>
  ok<Card>(call(ctx(), user, 'GET', '/v1/referrals/me', undefined, device(deviceId)));
const claim = (user: WebClient, code: string, deviceId = `${user.userId}-phone`) =>
  call(ctx(), user, 'POST', '/v1/referrals/claim', { code }, device(deviceId));
const fundBonuses = (amount: string, reference: string) =>
  call(ctx(), admin, 'POST', '/v1/admin/referrals/bonus-pool/funding', { amount, reference });

/** Verifies the user's identity through the sandbox aggregator and delivers the resulting events. */
async function verify(context: TestContext, user: KycUser, lastName: string): Promise<void> {
  await walkFlow(ctx(), user, personNamed(lastName).iin);
  await statusEventually(ctx(), user, 'verified');
  await deliver(context);
}

/** A reward of the user that is available at once (approved, bought 20 days ago, past the hold). */
async function availableReward(user: WebClient): Promise<void> {
  const revision = conversion({
    userId: user.userId,
    partnerId,
    occurredAt: new Date(ctx().clock.now().getTime() - 20 * DAY_MS),
  });
  await publishChange(ctx(), revision(1, 'approved', '100000'));
  await deliver(ctx());
  expect((await myRewards(ctx(), user))[0]?.status).toBe('available');
}

describe('referrals', () => {
  it('keeps the bonus waiting while the pool is empty, and pays it once funded (reward before KYC)', async () => {
    const referrer = await newUser(ctx(), 'referrer');
    const { code } = await card(referrer);
    const referee = await newUser(ctx(), 'referee');
    expect((await claim(referee, code)).statusCode).toBe(201);
    await availableReward(referee);
    await verify(ctx(), referee, 'Ким');
    const support = await staff(ctx(), 'support');
    const listed = await ok<{ items: { refereeId: string; status: string }[] }>(
      call(ctx(), support, 'GET', `/v1/admin/referrals?referrerId=${referrer.userId}`),
    );
    expect(listed.items).toEqual([expect.objectContaining({ refereeId: referee.userId, status: 'waiting' })]);
    expect((await balances(ctx(), referrer)).rewards.available).toBe('0');

    expect((await fundBonuses('10', 'bonus-deposit-1')).statusCode).toBe(201);
    expect(await ctx().app.sauda.modules.referrals.api.retryWaitingBonuses()).toBe(1);
    expect((await balances(ctx(), referrer)).rewards.available).toBe('1000000');
    expect((await card(referrer)).stats).toMatchObject({ registered: 1, kycVerified: 1, rewarded: 1 });
  });

  it('links a referee through the code, counts the funnel and pays the bonus exactly once', async () => {
    const referrer = await newUser(ctx(), 'referrer');
    const mine = await card(referrer);
    expect(mine.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(mine.link).toBe(`${ctx().app.sauda.config.publicUrl.replace(/\/+$/, '')}/r/${mine.code}`);
    expect(mine.stats).toEqual({
      invited: 0,
      registered: 0,
      kycVerified: 0,
      rewarded: 0,
      earned: { amount: '0', asset: 'USDT' },
    });
    expect((await card(referrer)).code).toBe(mine.code);

    for (const visitor of ['visitor-a', 'visitor-a', 'visitor-b', `${referrer.userId}-phone`]) {
      const visit = await call(
        ctx(),
        undefined,
        'POST',
        '/v1/referrals/visits',
        { code: mine.code },
        device(visitor),
      );
      expect(visit.statusCode).toBe(204);
    }
    expect((await card(referrer)).stats.invited).toBe(2);

    const referee = await newUser(ctx(), 'referee');
    const typed = `${mine.code.slice(0, 4).toLowerCase()}-${mine.code.slice(4)}`;
    const claimed = await claim(referee, typed);
    expect(claimed.statusCode).toBe(201);
    expect(claimed.json()).toMatchObject({ status: 'linked' });
    expect((await claim(referee, mine.code)).statusCode).toBe(200);
    expect((await card(referrer)).stats).toMatchObject({ registered: 1, kycVerified: 0, rewarded: 0 });

    await verify(ctx(), referee, 'Абенов');
    expect((await card(referrer)).stats).toMatchObject({ kycVerified: 1, rewarded: 0 });

    await availableReward(referee);
    await availableReward(referee);
    await ctx().app.sauda.modules.referrals.api.retryWaitingBonuses();
    await deliver(ctx());
    expect((await card(referrer)).stats).toMatchObject({
      registered: 1,
      kycVerified: 1,
      rewarded: 1,
      earned: { amount: '1000000', asset: 'USDT' },
    });
    expect((await balances(ctx(), referrer)).rewards.available).toBe('1000000');

    // Once per referee is the database's rule too, not only the code's.
    const { pool } = ctx().database;
    const second = pool.query(
      `INSERT INTO referrals.bonuses (referee_id, referral_id, referrer_id, amount, asset, transfer_id, paid_at)
       SELECT referee_id, referral_id, referrer_id, amount, asset, transfer_id || ':again', now()
       FROM referrals.bonuses WHERE referee_id = $1`,
      [referee.userId],
    );
    await expect(second).rejects.toMatchObject({ code: '23505' });
    const staffStats = await ok(
      call(ctx(), await staff(ctx(), 'support'), 'GET', `/v1/admin/referrals/users/${referrer.userId}/stats`),
    );
    expect(staffStats).toMatchObject({ rewarded: 1 });
  });

  it('refuses self-referral, a mutual pair, the referrer’s device, a second code and unknown codes', async () => {
    const referrer = await newUser(ctx(), 'referrer');
    const { code } = await card(referrer, 'shared-tablet');
    const self = await claim(referrer, code);
    expect(self.json()).toMatchObject({ code: 'REFERRALS_SELF_REFERRAL', status: 422 });

    const sameDevice = await newUser(ctx(), 'farm');
    expect((await claim(sameDevice, code, 'shared-tablet')).json()).toMatchObject({
      code: 'REFERRALS_SAME_DEVICE',
      status: 422,
    });

    const referee = await newUser(ctx(), 'referee');
    expect((await claim(referee, code)).statusCode).toBe(201);
    const { code: refereeCode } = await card(referee);
    expect((await claim(referrer, refereeCode)).json()).toMatchObject({
      code: 'REFERRALS_MUTUAL',
      status: 422,
    });
    const other = await newUser(ctx(), 'other');
    const { code: otherCode } = await card(other);
    expect((await claim(referee, otherCode)).json()).toMatchObject({
      code: 'REFERRALS_ALREADY_CLAIMED',
      status: 409,
    });

    expect((await claim(other, 'ZZZZZZZZ')).json()).toMatchObject({
      code: 'REFERRALS_CODE_NOT_FOUND',
      status: 404,
    });
    expect((await claim(other, 'not a code at all')).json()).toMatchObject({ code: 'PLATFORM_VALIDATION' });
    for (const body of [{}, { code: 7 }, { code: 'ABCDEFGH', extra: 1 }]) {
      expect((await call(ctx(), other, 'POST', '/v1/referrals/claim', body)).statusCode).toBe(400);
    }
    expect((await call(ctx(), undefined, 'POST', '/v1/referrals/claim', { code })).statusCode).toBe(401);
    expect(
      (await call(ctx(), undefined, 'POST', '/v1/referrals/visits', { code: 'ZZZZZZZZ' })).statusCode,
    ).toBe(404);
    expect((await call(ctx(), other, 'GET', '/v1/admin/referrals')).statusCode).toBe(403);
    expect((await card(referrer)).stats.registered).toBe(1);
  });

  it('refuses the bonus when the referee’s IIN was used by another account', async () => {
    const person = personNamed('Сапарова');
    const earlier = await newUser(ctx(), 'earlier');
    expect((await startKyc(ctx(), earlier, person.iin)).statusCode).toBe(200);

    const referrer = await newUser(ctx(), 'referrer');
    const { code } = await card(referrer);
    const referee = await newUser(ctx(), 'referee');
    expect((await claim(referee, code)).statusCode).toBe(201);
    await verify(ctx(), referee, 'Сапарова');
    await availableReward(referee);
    const support = await staff(ctx(), 'support');
    const listed = await ok<{ items: { status: string; refusalReason: string | null }[] }>(
      call(ctx(), support, 'GET', `/v1/admin/referrals?refereeId=${referee.userId}`),
    );
    expect(listed.items).toEqual([
      expect.objectContaining({ status: 'refused', refusalReason: 'iin-reused' }),
    ]);
    expect((await card(referrer)).stats).toMatchObject({ registered: 1, kycVerified: 1, rewarded: 0 });
    expect((await balances(ctx(), referrer)).rewards.available).toBe('0');
  });

  it('accepts a code only within seven days of signing up', async () => {
    const referrer = await newUser(ctx(), 'referrer');
    const { code } = await card(referrer);
    const late = await newUser(ctx(), 'late');
    ctx().clock.advance(8 * DAY_MS);
    expect((await claim(late, code)).json()).toMatchObject({
      code: 'REFERRALS_CLAIM_WINDOW_CLOSED',
      status: 422,
      title: 'A referral code can only be used within 7 days of signing up',
    });
  });

  it('records bonus pool funding idempotently and checks the amount', async () => {
    expect((await fundBonuses('1', 'bonus-deposit-2')).statusCode).toBe(201);
    expect((await fundBonuses('1', 'bonus-deposit-2')).json()).toMatchObject({ created: false });
    expect((await fundBonuses('2', 'bonus-deposit-2')).json()).toMatchObject({
      code: 'LEDGER_TRANSFER_EXISTS_MISMATCH',
    });
    expect((await fundBonuses('0.0000001', 'bonus-deposit-3')).json()).toMatchObject({
      code: 'REFERRALS_AMOUNT_INVALID',
    });
    expect((await fundBonuses('-1', 'bonus-deposit-4')).json()).toMatchObject({
      code: 'REFERRALS_AMOUNT_INVALID',
    });
  });
});
