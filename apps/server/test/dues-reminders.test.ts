import { describe, expect, it } from 'vitest';
import { ManualClock, sql } from '@sauda/platform';
import { call, deliverMessages, newMember, newStaff, useDuesApp } from './dues-helpers.ts';

// 20 February 2026 in Almaty; members join in February.
const clock = new ManualClock('2026-02-20T06:00:00Z');
const ctx = useDuesApp({ clock });

const sentTo = (phone: string) =>
  ctx().whatsapp.messages.filter(
    (message) => `+${message.to}` === phone && message.template.startsWith('dues_reminder'),
  );

describe('status after the deadline and reminders', () => {
  it('an unpaid member turns overdue after the deadline and gets a reminder on the preferred channel', async () => {
    const cashier = await newStaff(ctx(), 'cashier');
    const viaWhatsApp = await newMember(ctx(), { preferredChannel: 'whatsapp' });
    const optedOut = await newMember(ctx(), { remindersEnabled: false });
    const kazakh = await newMember(ctx(), { preferredChannel: 'email', locale: 'kk' });
    const paidAhead = await newMember(ctx(), { preferredChannel: 'whatsapp' });
    for (const member of [viaWhatsApp, optedOut, kazakh, paidAhead]) {
      const paid = await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments', {
        memberId: member.memberId,
        period: '2026-02',
        method: 'manual',
      });
      expect(paid.statusCode, paid.body).toBe(201);
    }
    await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments', {
      memberId: paidAhead.memberId,
      period: '2026-03',
      method: 'manual',
    });
    const dues = ctx().app.sauda.modules.dues.api;

    clock.set('2026-03-05T06:00:00Z');
    expect((await call(ctx(), viaWhatsApp, 'GET', '/v1/dues/me')).json()).toMatchObject({
      member: { status: 'active' },
      currentPeriod: '2026-03',
      deadline: '2026-03-10',
      arrears: [],
    });
    expect(await dues.sendReminders()).toEqual({ sent: 0, offset: null });

    // Three days before the deadline.
    clock.set('2026-03-07T06:00:00Z');
    expect(await dues.sendReminders()).toEqual({ sent: 2, offset: -3 });
    await deliverMessages(ctx());
    expect(sentTo(viaWhatsApp.phone)).toMatchObject([
      {
        template: 'dues_reminder_before',
        language: 'ru',
        parameters: ['2026-03', expect.stringMatching(/2\s000/), '2026-03-10'],
      },
    ]);
    const sms = await ctx().database.db.execute<{ content: { text: string }; channel: string }>(sql`
      SELECT d.content, d.channel FROM notifications.deliveries d
      JOIN dues.reminders r ON r.message_id = d.message_id
      WHERE r.member_id = ${kazakh.memberId}`);
    // No email on file: the reminder falls back to SMS, in Kazakh.
    expect(sms.rows.map((row) => row.channel)).toEqual(['sms']);
    expect(sms.rows[0]?.content.text).toContain('2026-03 жарнасы');

    // After the deadline: overdue, and the overdue reminder, once.
    clock.set('2026-03-11T06:00:00Z');
    const overdue = await call(ctx(), viaWhatsApp, 'GET', '/v1/dues/me');
    expect(overdue.json()).toMatchObject({
      member: { status: 'overdue' },
      arrears: [{ period: '2026-03', amount: { amount: '200000', asset: 'KZT' } }],
    });
    expect((await call(ctx(), paidAhead, 'GET', '/v1/dues/me')).json()).toMatchObject({
      member: { status: 'active' },
    });
    expect(await dues.sendReminders()).toEqual({ sent: 2, offset: 1 });
    expect(await dues.sendReminders()).toEqual({ sent: 0, offset: 1 });
    await deliverMessages(ctx());
    expect(sentTo(viaWhatsApp.phone).map((message) => message.template)).toEqual([
      'dues_reminder_before',
      'dues_reminder_overdue',
    ]);
    expect(sentTo(paidAhead.phone)).toEqual([]);
    const silent = await ctx().database.db.execute(
      sql`SELECT 1 FROM dues.reminders WHERE member_id = ${optedOut.memberId}`,
    );
    expect(silent.rows).toHaveLength(0);

    // The arrears report and the members filters see the same thing.
    const admin = await newStaff(ctx(), 'admin');
    const report = await call(ctx(), admin, 'GET', '/v1/admin/dues/reports/arrears');
    expect(report.json<{ items: { memberId: string; periods: string[] }[] }>().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: viaWhatsApp.memberId, periods: ['2026-03'] }),
      ]),
    );
    const overdueList = await call(ctx(), admin, 'GET', '/v1/admin/dues/members?status=overdue');
    const ids = overdueList.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([viaWhatsApp.memberId, optedOut.memberId, kazakh.memberId]));
    expect(ids).not.toContain(paidAhead.memberId);
    const unpaid = await call(ctx(), admin, 'GET', '/v1/admin/dues/members?unpaidPeriod=2026-03');
    expect(unpaid.json<{ items: { id: string }[] }>().items.map((item) => item.id)).not.toContain(
      paidAhead.memberId,
    );
  });

  it('a member who turned reminders off on the channel in notification preferences gets nothing there', async () => {
    clock.set('2026-03-20T06:00:00Z');
    const member = await newMember(ctx(), { preferredChannel: 'whatsapp' });
    const cashier = await newStaff(ctx(), 'cashier');
    await call(ctx(), cashier, 'POST', '/v1/admin/dues/payments', {
      memberId: member.memberId,
      period: '2026-03',
      method: 'manual',
    });
    const off = await call(ctx(), member, 'PATCH', '/v1/me/notifications/preferences', {
      preferences: [{ category: 'account', channel: 'whatsapp', enabled: false }],
    });
    expect(off.statusCode, off.body).toBe(200);
    clock.set('2026-04-11T06:00:00Z');
    await ctx().app.sauda.modules.dues.api.sendReminders();
    const deliveries = await ctx().database.db.execute<{ status: string; skip_reason: string }>(sql`
      SELECT d.status, d.skip_reason FROM notifications.deliveries d
      JOIN dues.reminders r ON r.message_id = d.message_id WHERE r.member_id = ${member.memberId}`);
    expect(deliveries.rows).toEqual([{ status: 'skipped', skip_reason: 'opted-out' }]);
  });
});
