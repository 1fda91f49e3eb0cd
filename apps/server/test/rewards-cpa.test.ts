import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '@sauda/platform';
import { readMail, TestSmtpServer, useTestApp } from '@sauda/testing';
import {
  balances,
  call,
  conversion,
  DAY_MS,
  deliver,
  inboxTitles,
  ledgerBalance,
  member,
  myRewards,
  ok,
  partner,
  publishChange,
  staff,
} from './rewards-helpers.ts';

// Notices go out by email through a real SMTP server started by this file, and in-app.
const smtp = new TestSmtpServer();
let smtpUrl = '';
beforeAll(async () => {
  smtpUrl = await smtp.start();
});
afterAll(async () => {
  await smtp.stop();
});
const ctx = useTestApp({ env: () => ({ SMTP_URL: smtpUrl }) });

let partnerId: string;

beforeAll(async () => {
  partnerId = (await partner(ctx(), { holdDays: 14 })).id;
});

const kzt = (owner: string, code: string) => ledgerBalance(ctx(), owner, code, 'KZT');

async function publish(...changes: Parameters<typeof publishChange>[1][]): Promise<void> {
  for (const change of changes) await publishChange(ctx(), change);
  await deliver(ctx());
}

async function influencer() {
  const user = await member(ctx(), 'influencer');
  return {
    user,
    revision: conversion({ userId: user.userId, partnerId, product: 'cpa', occurredAt: ctx().clock.now() }),
  };
}

async function refundWindowPasses(): Promise<void> {
  ctx().clock.advance(14 * DAY_MS + 60_000);
  await ctx().app.sauda.modules.rewards.api.releaseDueRewards();
  await deliver(ctx());
}

describe('CPA commissions', () => {
  it('splits the gross into fee, tax and net in one batch that adds up exactly, pending through the refund window', async () => {
    const { user, revision } = await influencer();
    const before = {
      fees: await kzt('platform:fees', 'fees'),
      tax: await kzt('platform:tax', 'tax-withheld'),
      receivable: await kzt('network:admitad', 'receivable'),
    };
    await publish(revision(1, 'pending', '1000000'));
    const [pending] = await myRewards(ctx(), user);
    expect(pending).toMatchObject({
      status: 'pending',
      amount: { amount: '720000', asset: 'KZT' },
      split: { gross: '1000000', fee: '200000', tax: '80000', net: '720000', taxStatus: 'individual' },
      rate: null,
    });
    expect((await balances(ctx(), user)).commissions).toEqual([
      { asset: 'KZT', pending: '720000', available: '0', debt: '0' },
    ]);
    // The gross waits in clearing, fully promised to the three holds.
    const clearing = await kzt('platform:cpa', 'clearing');
    expect(clearing.posted).toBeGreaterThanOrEqual(1_000_000n);
    expect(clearing.available).toBe(0n);

    await publish(revision(2, 'approved', '1000000'));
    await refundWindowPasses();
    expect((await myRewards(ctx(), user))[0]?.status).toBe('available');
    expect((await balances(ctx(), user)).commissions).toEqual([
      { asset: 'KZT', pending: '0', available: '720000', debt: '0' },
    ]);
    expect((await kzt('platform:fees', 'fees')).posted - before.fees.posted).toBe(200_000n);
    expect((await kzt('platform:tax', 'tax-withheld')).posted - before.tax.posted).toBe(80_000n);
    expect((await kzt('network:admitad', 'receivable')).posted - before.receivable.posted).toBe(-1_000_000n);
    expect((await kzt('platform:cpa', 'clearing')).posted).toBe(0n);
    expect((await ctx().app.sauda.modules.ledger.api.verify()).ok).toBe(true);
  });

  it('returns the gross to the network when declined', async () => {
    const { user, revision } = await influencer();
    const receivable = await kzt('network:admitad', 'receivable');
    await publish(revision(1, 'pending', '555555'), revision(2, 'declined', '555555'));
    expect((await myRewards(ctx(), user))[0]?.status).toBe('declined');
    expect((await balances(ctx(), user)).commissions).toEqual([
      { asset: 'KZT', pending: '0', available: '0', debt: '0' },
    ]);
    expect(await kzt('network:admitad', 'receivable')).toMatchObject({ posted: receivable.posted });
    expect((await kzt('platform:cpa', 'clearing')).posted).toBe(0n);
  });

  it('re-splits a partial refund after availability and lowers the tax of that period', async () => {
    const { user, revision } = await influencer();
    await publish(revision(1, 'approved', '1000000'));
    await refundWindowPasses();
    const availableAt = new Date((await myRewards(ctx(), user))[0]?.availableAt ?? '');
    await publish(revision(2, 'approved', '500000'));
    expect((await myRewards(ctx(), user))[0]).toMatchObject({
      status: 'available',
      split: { gross: '500000', fee: '100000', tax: '40000', net: '360000' },
    });
    expect((await balances(ctx(), user)).commissions[0]).toMatchObject({ available: '360000' });

    const officer = await staff(ctx(), 'compliance_officer');
    const report = await ok<{
      rows: {
        userId: string;
        gross: string;
        withheld: string;
        net: string;
        entries: number;
        iin: string | null;
      }[];
    }>(call(ctx(), officer, 'GET', `/v1/admin/rewards/tax-report?period=${periodOf(availableAt)}`));
    expect(report.rows.find((row) => row.userId === user.userId)).toMatchObject({
      iin: null,
      gross: '400000',
      withheld: '40000',
      net: '360000',
      entries: 2,
    });
  });

  it('withholds by the tax status the influencer set, for commissions priced afterwards', async () => {
    const { user, revision } = await influencer();
    expect(await ok(call(ctx(), user, 'GET', '/v1/rewards/tax-status'))).toEqual({
      status: 'individual',
      isDefault: true,
      taxBasisPoints: 1000,
    });
    expect(
      await ok(call(ctx(), user, 'PUT', '/v1/rewards/tax-status', { status: 'individual_entrepreneur' })),
    ).toMatchObject({ status: 'individual_entrepreneur', isDefault: false });
    await publish(revision(1, 'pending', '1000000'));
    expect((await myRewards(ctx(), user))[0]?.split?.taxStatus).toBe('individual_entrepreneur');

    for (const body of [{ status: 'pensioner' }, { status: 1 }, {}, { status: 'individual', extra: 1 }]) {
      expect((await call(ctx(), user, 'PUT', '/v1/rewards/tax-status', body)).statusCode).toBe(400);
    }
    const support = await staff(ctx(), 'support');
    expect(
      await ok(
        call(ctx(), support, 'PUT', `/v1/admin/rewards/users/${user.userId}/tax-status`, {
          status: 'self_employed',
        }),
      ),
    ).toMatchObject({ status: 'self_employed' });
    expect(await ok(call(ctx(), user, 'GET', '/v1/rewards/tax-status'))).toMatchObject({
      status: 'self_employed',
    });
    const unknown = await call(
      ctx(),
      support,
      'PUT',
      '/v1/admin/rewards/users/usr_01jzzzzzzzzzzzzzzzzzzzzzzz/tax-status',
      {
        status: 'individual',
      },
    );
    expect(unknown.json()).toMatchObject({ code: 'REWARDS_USER_UNKNOWN', status: 404 });
    expect(
      (
        await call(ctx(), user, 'PUT', `/v1/admin/rewards/users/${user.userId}/tax-status`, {
          status: 'individual',
        })
      ).statusCode,
    ).toBe(403);
    const audited = await ctx().app.sauda.modules.audit.api.list({
      action: 'rewards.tax-status-changed',
      limit: 50,
    });
    expect(audited.filter((entry) => entry.entityId === user.userId)).toHaveLength(2);
  });

  it('exports the monthly tax report as JSON and as CSV with a byte-order mark, to compliance only', async () => {
    const { user, revision } = await influencer();
    await publish(revision(1, 'approved', '250000'));
    await refundWindowPasses();
    const period = periodOf(ctx().clock.now());
    const officer = await staff(ctx(), 'compliance_officer');
    const json = await ok<{
      period: string;
      rows: { userId: string; gross: string }[];
      totals: { currency: string }[];
    }>(call(ctx(), officer, 'GET', `/v1/admin/rewards/tax-report?period=${period}&format=json`));
    expect(json.period).toBe(period);
    // 2 500.00 ₸ gross, fee 500.00, income 2 000.00, tax 200.00, net 1 800.00.
    expect(json.rows.find((row) => row.userId === user.userId)).toMatchObject({ gross: '200000' });
    expect(json.totals.map((total) => total.currency)).toEqual(['KZT']);

    const csv = await call(
      ctx(),
      officer,
      'GET',
      `/v1/admin/rewards/tax-report?period=${period}&format=csv`,
      undefined,
      {
        'accept-language': 'ru',
      },
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="tax-report-${period}.csv"`);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.rawPayload.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'Период,ИИН,Пользователь,Налоговый статус,Валюта,Доход до налога,Удержано налога,Выплачено,Операций',
    );
    expect(lines.find((line) => line.includes(user.userId))).toBe(
      `${period},,${user.userId},Физическое лицо,KZT,2000.00,200.00,1800.00,1`,
    );

    const support = await staff(ctx(), 'support');
    expect(
      (await call(ctx(), support, 'GET', `/v1/admin/rewards/tax-report?period=${period}`)).statusCode,
    ).toBe(403);
    expect(
      (await call(ctx(), officer, 'GET', '/v1/admin/rewards/tax-report?period=2026-13')).statusCode,
    ).toBe(400);
    expect(
      (await call(ctx(), officer, 'GET', `/v1/admin/rewards/tax-report?period=${period}&format=xml`))
        .statusCode,
    ).toBe(400);
    const audited = await ctx().app.sauda.modules.audit.api.list({
      action: 'rewards.tax-report-exported',
      limit: 50,
    });
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });
});

describe('notices', () => {
  it('tells the influencer by email and in-app, and only in-app once they turned email off', async () => {
    const emailed = await influencer();
    const quiet = await influencer();
    const optOut = await call(ctx(), quiet.user, 'PATCH', '/v1/me/notifications/preferences', {
      preferences: [{ category: 'product', channel: 'email', enabled: false }],
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    await publish(emailed.revision(1, 'pending', '100000'), quiet.revision(1, 'pending', '100000'));

    const profile = (userId: string) => ctx().app.sauda.modules.identity.api.getProfile(userId);
    const mailTo = async (userId: string) => {
      const { email } = await profile(userId);
      return smtp.received
        .filter((mail) => mail.to.includes(email ?? ''))
        .map((mail) => readMail(mail.raw))
        .filter((mail) => mail.headers.get('subject')?.startsWith('Вознаграждение'));
    };
    const [mail] = await mailTo(emailed.user.userId);
    expect(mail?.headers.get('subject')).toBe('Вознаграждение ожидает подтверждения');
    expect(mail?.text).toMatch(/^Покупка в Магазин \d+: 720\s₸ ожидает подтверждения магазином\.$/);
    expect(await mailTo(quiet.user.userId)).toEqual([]);
    expect(await inboxTitles(ctx(), quiet.user)).toEqual(['Вознаграждение ожидает подтверждения']);
  });
});
