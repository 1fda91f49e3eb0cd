import { and, eq, inArray } from 'drizzle-orm';
import { almatyDate, periodOf } from '@sauda/platform';
import type { DuesContext } from './dues.context.ts';
import { members, payments, reminders } from './dues.tables.ts';
import { ReminderBeforeDeadline, ReminderOnDeadline, ReminderOverdue } from './dues.templates.ts';
import { loadFeeSchedule } from './fee-schedule.ts';
import { formatAmount, notifyMember } from './member-messages.ts';
import { deadlineDate, deadlinePassedAt } from './membership-status.ts';
import { loadSettings } from './settings.ts';

/** `YYYY-MM-DD` shifted by whole days. */
export function shiftDate(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The reminder due today: the latest offset whose day has come (so a missed run catches up once). */
export function dueOffset(offsets: readonly number[], deadline: string, today: string): number | undefined {
  return [...offsets].sort((a, b) => b - a).find((offset) => shiftDate(deadline, offset) <= today);
}

class AlreadyReminded extends Error {}

/**
 * The reminder job (daily): members who owe the current month (not paid, nothing awaiting
 * confirmation, reminders on, not suspended or blocked) get the reminder due today on their
 * preferred channel, once per member, month and offset: the reminder row and the message commit
 * together, and the primary key stops a second run from sending again.
 */
export async function sendReminders(ctx: DuesContext): Promise<{ sent: number; offset: number | null }> {
  const now = ctx.clock.now();
  const period = periodOf(now);
  const [settings, schedule] = await Promise.all([loadSettings(ctx.db), loadFeeSchedule(ctx.db)]);
  const fee = schedule.forPeriod(period);
  const deadline = deadlineDate(period, fee.deadlineDay);
  const offset = dueOffset(settings.reminderOffsets, deadline, almatyDate(now));
  if (offset === undefined) return { sent: 0, offset: null };
  const template = offset < 0 ? ReminderBeforeDeadline : offset === 0 ? ReminderOnDeadline : ReminderOverdue;
  const candidates = await ctx.db
    .select()
    .from(members)
    .where(and(eq(members.staffStatus, 'none'), eq(members.remindersEnabled, true)));
  const settled = await ctx.db
    .select({ memberId: payments.memberId })
    .from(payments)
    .where(and(eq(payments.period, period), inArray(payments.status, ['confirmed', 'pending'])));
  const skip = new Set(settled.map((row) => row.memberId));
  const deadlineOver = deadlinePassedAt(period, fee.deadlineDay);
  let sent = 0;
  for (const member of candidates) {
    if (skip.has(member.id) || member.joinedPeriod > period) continue;
    // Someone who joined after this month's deadline is not late for it yet.
    if (offset > 0 && member.createdAt >= deadlineOver) continue;
    try {
      await ctx.db.transaction(async (tx) => {
        const { messageId, channel } = await notifyMember(ctx, tx, member, template, {
          period,
          amount: formatAmount(fee.amount, fee.currency, member.locale),
          deadline,
        });
        const [stored] = await tx
          .insert(reminders)
          .values({ memberId: member.id, period, offsetDays: offset, channel, messageId, sentAt: now })
          .onConflictDoNothing()
          .returning();
        if (!stored) throw new AlreadyReminded();
      });
      sent += 1;
    } catch (error) {
      if (!(error instanceof AlreadyReminded)) throw error;
    }
  }
  return { sent, offset };
}
