/**
 * Delayed work of the simulators (a network's approval after two minutes, a retry with backoff) goes
 * through this port instead of `setTimeout`, so tests move time by hand and see every step in order.
 */
export interface Scheduler {
  /** Runs `task` after `delayMs`; the returned function cancels it if it has not run yet. */
  after(delayMs: number, task: () => unknown): () => void;
}

/** Real timers. They are unref'd: pending simulated work never keeps a process alive by itself. */
export const systemScheduler: Scheduler = {
  after(delayMs, task) {
    const timer = setTimeout(
      () => {
        void Promise.resolve()
          .then(task)
          .catch(() => undefined);
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    return () => {
      clearTimeout(timer);
    };
  },
};

/** Remembers what it scheduled on another scheduler, so a closing simulator can cancel all of it. */
export class TaskGroup implements Scheduler {
  readonly #scheduler: Scheduler;
  readonly #cancels = new Set<() => void>();

  constructor(scheduler: Scheduler) {
    this.#scheduler = scheduler;
  }

  after(delayMs: number, task: () => unknown): () => void {
    const cancel = this.#scheduler.after(delayMs, () => {
      this.#cancels.delete(cancel);
      return task();
    });
    this.#cancels.add(cancel);
    return () => {
      this.#cancels.delete(cancel);
      cancel();
    };
  }

  cancelAll(): void {
    for (const cancel of this.#cancels) cancel();
    this.#cancels.clear();
  }
}
