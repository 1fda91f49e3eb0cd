import { describe, expect, it } from 'vitest';
import { periodOf } from '@sauda/platform';
import { newUser, personNamed, statusEventually, useKycApp, walkFlow } from './kyc-helpers.ts';
import { call, conversion, DAY_MS, deliver, ok, partner, publishChange, staff } from './rewards-helpers.ts';

const ctx = useKycApp();

describe('tax-agent report', () => {
  it('names each verified influencer by IIN, read from KYC, and audits the export without it', async () => {
    const { iin } = personNamed('Тлеубаев');
    const influencer = await newUser(ctx(), 'influencer');
    await walkFlow(ctx(), influencer, iin);
    await statusEventually(ctx(), influencer, 'verified');
    const unverified = await newUser(ctx(), 'unverified');

    const { id: partnerId } = await partner(ctx(), { holdDays: 0 });
    const occurredAt = new Date(ctx().clock.now().getTime() - DAY_MS);
    for (const [user, commission] of [
      [influencer, '1000000'],
      [influencer, '500000'],
      [unverified, '100000'],
    ] as const) {
      const revision = conversion({ userId: user.userId, partnerId, product: 'cpa', occurredAt });
      await publishChange(ctx(), revision(1, 'approved', commission));
    }
    await deliver(ctx());

    const officer = await staff(ctx(), 'compliance_officer');
    const period = periodOf(ctx().clock.now());
    const report = await ok<{
      rows: {
        iin: string | null;
        userId: string;
        gross: string;
        withheld: string;
        net: string;
        entries: number;
      }[];
      totals: { currency: string; gross: string; withheld: string; net: string }[];
    }>(call(ctx(), officer, 'GET', `/v1/admin/rewards/tax-report?period=${period}`));
    // 15 000.00 ₸ gross − 20 % fee = 12 000.00 income; 10 % withheld = 1 200.00; net 10 800.00.
    expect(report.rows).toEqual([
      {
        iin,
        userId: influencer.userId,
        taxStatus: 'individual',
        currency: 'KZT',
        gross: '1200000',
        withheld: '120000',
        net: '1080000',
        entries: 2,
      },
      {
        iin: null,
        userId: unverified.userId,
        taxStatus: 'individual',
        currency: 'KZT',
        gross: '80000',
        withheld: '8000',
        net: '72000',
        entries: 1,
      },
    ]);
    expect(report.totals).toEqual([
      { currency: 'KZT', gross: '1280000', withheld: '128000', net: '1152000' },
    ]);
    expect(
      (await call(ctx(), officer, 'GET', `/v1/admin/rewards/tax-report?period=2001-01`)).json(),
    ).toMatchObject({
      rows: [],
      totals: [],
    });

    const entries = await ctx().app.sauda.modules.audit.api.list({
      action: 'rewards.tax-report-exported',
      limit: 10,
    });
    const entry = entries.find((candidate) => candidate.entityId === period);
    expect(entry).toMatchObject({ actor: officer.userId, after: { period, rows: 2, withoutIin: 1 } });
    expect(JSON.stringify(entry)).not.toContain(iin);
  });
});
