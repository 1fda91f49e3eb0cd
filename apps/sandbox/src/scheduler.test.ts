import { describe, expect, it, vi } from 'vitest';
import { systemScheduler, TaskGroup } from './scheduler.ts';

describe('schedulers', () => {
  it('runs tasks on real timers, and a cancelled one never', async () => {
    const ran: string[] = [];
    systemScheduler.after(5, () => ran.push('kept'));
    const cancel = systemScheduler.after(5, () => ran.push('cancelled'));
    cancel();
    systemScheduler.after(1, () => Promise.reject(new Error('a failing task does not crash the process')));
    await vi.waitFor(() => {
      expect(ran).toEqual(['kept']);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual(['kept']);
  });

  it('cancels everything a task group scheduled, but not what already ran', async () => {
    const ran: string[] = [];
    const group = new TaskGroup(systemScheduler);
    group.after(1, () => ran.push('early'));
    await vi.waitFor(() => {
      expect(ran).toEqual(['early']);
    });
    group.after(5, () => ran.push('late'));
    const single = group.after(5, () => ran.push('single'));
    single();
    group.cancelAll();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual(['early']);
  });
});
