import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyReport, startWith, type ConversionFacts } from './conversion-machine.ts';
import type { ReportedState } from './conversions.tables.ts';
import type { Report } from './read-report.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

const report = (state: ReportedState, commission: bigint, minute: number | null): Report => ({
  actionId: 'a-1',
  orderId: null,
  clickId: null,
  state,
  networkStatus: state,
  commission,
  orderAmount: null,
  currency: 'KZT',
  ip: null,
  userAgent: null,
  occurredAt: at(0),
  statusUpdatedAt: minute === null ? null : at(minute),
});

/** Folds reports in arrival order, as the processor does; returns the facts and every step. */
function fold(reports: readonly Report[]) {
  const [first, ...rest] = reports;
  if (!first) throw new Error('no reports');
  let verdict = startWith(first);
  let facts: ConversionFacts = verdict.next;
  const steps = [...verdict.steps];
  for (const next of rest) {
    verdict = applyReport(facts, next);
    facts = verdict.next;
    steps.push(...verdict.steps);
  }
  return { facts, steps };
}

describe('the conversion state machine', () => {
  it('moves forward through every state in between, the first step carrying the new commission', () => {
    const { facts, steps } = fold([report('pending', 100n, 1), report('paid', 90n, 2)]);
    expect(facts).toMatchObject({ state: 'paid', commission: 90n });
    expect(steps).toEqual([
      { kind: 'state', from: null, to: 'pending', previousCommission: 0n, commission: 100n },
      { kind: 'state', from: 'pending', to: 'approved', previousCommission: 100n, commission: 90n },
      { kind: 'state', from: 'approved', to: 'paid', previousCommission: 90n, commission: 90n },
    ]);
  });

  it('never goes back, is final once declined or reversed, and treats repeats as duplicates', () => {
    const approved = startWith(report('approved', 100n, null)).next;
    expect(applyReport(approved, report('pending', 100n, null)).outcome).toBe('stale');
    expect(applyReport(approved, report('approved', 100n, null)).outcome).toBe('duplicate');
    const reversed = applyReport(approved, report('declined', 0n, null));
    expect(reversed.next).toMatchObject({ state: 'reversed', commission: 100n });
    expect(applyReport(reversed.next, report('approved', 100n, null)).outcome).toBe('ignored');
    expect(applyReport(reversed.next, report('declined', 100n, null)).outcome).toBe('duplicate');
    const declined = applyReport(startWith(report('pending', 5n, null)).next, report('declined', 5n, null));
    expect(declined.next.state).toBe('declined');
  });

  it('prefers the network’s clock to arrival order', () => {
    const latest = startWith(report('approved', 80n, 20)).next;
    expect(applyReport(latest, report('approved', 100n, 10)).outcome).toBe('stale');
    expect(applyReport(latest, report('declined', 100n, 5)).outcome).toBe('stale');
    expect(applyReport(latest, report('approved', 70n, 30))).toMatchObject({
      outcome: 'changed',
      steps: [{ kind: 'amount', from: 'approved', to: 'approved', previousCommission: 80n, commission: 70n }],
    });
  });

  it('records a new network status word without a step', () => {
    const pending = startWith(report('pending', 1n, 1)).next;
    const verdict = applyReport(pending, { ...report('pending', 1n, 2), networkStatus: 'on_hold' });
    expect(verdict).toMatchObject({ outcome: 'changed', steps: [] });
    expect(verdict.next.networkStatus).toBe('on_hold');
  });

  /**
   * A network's history is a path through the machine with the commission changing along the way;
   * it reports snapshots of it, stamped with its clock, and we receive some of them, repeated and in
   * any order, as long as the last one arrives. Every such delivery must end where the history ended.
   */
  it('converges to the network’s last word whatever the order and repetition of delivery', () => {
    const path = fc.constantFrom<ReportedState[]>(
      ['pending'],
      ['pending', 'approved'],
      ['pending', 'approved', 'paid'],
      ['pending', 'declined'],
      ['pending', 'approved', 'declined'],
      ['pending', 'approved', 'paid', 'declined'],
      ['approved', 'paid'],
    );
    const history = path.chain((states) =>
      fc
        .array(fc.tuple(fc.constantFrom(...states), fc.bigInt({ min: 0n, max: 100_000n })), {
          minLength: 1,
          maxLength: 8,
        })
        .map((picks) => {
          // Snapshots follow the path in order: sort the picked states by their place on it.
          const ordered = [...picks].sort(([a], [b]) => states.indexOf(a) - states.indexOf(b));
          return ordered.map(([state, commission], index) => report(state, commission, index + 1));
        }),
    );
    fc.assert(
      fc.property(
        history.chain((snapshots) =>
          fc
            .array(fc.constantFrom(...snapshots), { maxLength: 12 })
            .chain((extra) =>
              fc.shuffledSubarray([...extra, ...snapshots], { minLength: extra.length + snapshots.length }),
            )
            .map((delivery) => ({ snapshots, delivery })),
        ),
        ({ snapshots, delivery }) => {
          const last = snapshots.at(-1);
          if (!last) return;
          const { facts, steps } = fold(delivery);
          if (last.state === 'declined') {
            expect(['declined', 'reversed']).toContain(facts.state);
          } else {
            expect(facts.state).toBe(last.state);
            expect(facts.commission).toBe(last.commission);
          }
          // Each step starts where the previous one ended.
          for (let i = 1; i < steps.length; i += 1) {
            expect(steps[i]?.from).toBe(steps[i - 1]?.to);
            expect(steps[i]?.previousCommission).toBe(steps[i - 1]?.commission);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('reports without the network’s clock', () => {
  const unstamped = (state: ReportedState, commission: bigint) => report(state, commission, null);

  it('a commission received earlier does not override one received later', () => {
    const latest = startWith(unstamped('approved', 80n), 7).next;
    expect(applyReport(latest, unstamped('approved', 100n), 5).outcome).toBe('stale');
    expect(applyReport(latest, unstamped('approved', 70n), 9).next.commission).toBe(70n);
  });

  it('a later state applies even when it was received earlier, and an earlier one never does', () => {
    const pending = startWith(unstamped('pending', 100n), 9).next;
    expect(applyReport(pending, unstamped('approved', 100n), 4).next.state).toBe('approved');
    expect(applyReport(pending, unstamped('declined', 100n), 4).next.state).toBe('declined');
    const approved = startWith(unstamped('approved', 100n), 2).next;
    expect(applyReport(approved, unstamped('pending', 100n), 9).outcome).toBe('stale');
  });

  it('a repeat received last keeps a commission received before it from applying afterwards', () => {
    const paid = startWith(unstamped('paid', 999n), 2).next;
    const repeated = applyReport(paid, unstamped('paid', 999n), 4);
    expect(repeated.outcome).toBe('duplicate');
    expect(repeated.steps).toEqual([]);
    expect(applyReport(repeated.next, unstamped('paid', 0n), 3).outcome).toBe('stale');
  });

  it('converges to the last report received, whatever order they are processed in', () => {
    const history = fc
      .array(
        fc.tuple(
          fc.constantFrom<ReportedState>('pending', 'approved', 'paid'),
          fc.bigInt({ min: 0n, max: 1000n }),
        ),
        {
          minLength: 1,
          maxLength: 8,
        },
      )
      .map((picks) => {
        const order: ReportedState[] = ['pending', 'approved', 'paid'];
        return [...picks].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
      });
    fc.assert(
      fc.property(
        history.chain((received) =>
          fc
            .shuffledSubarray(
              received.map((pick, seq) => ({ pick, seq })),
              { minLength: received.length },
            )
            .map((processing) => ({ received, processing })),
        ),
        ({ received, processing }) => {
          const [first, ...rest] = processing;
          if (!first) return;
          let facts = startWith(unstamped(...first.pick), first.seq).next;
          for (const item of rest) facts = applyReport(facts, unstamped(...item.pick), item.seq).next;
          const last = received.at(-1);
          expect(facts.state).toBe(last?.[0]);
          expect(facts.commission).toBe(last?.[1]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
