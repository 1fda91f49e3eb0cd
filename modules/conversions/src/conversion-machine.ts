import type { ConversionState, ReportedState } from './conversions.tables.ts';
import type { Report } from './read-report.ts';

/**
 *   pending ──▶ approved ──▶ paid
 *      │            │          │
 *      ▼            └────┬─────┘
 *   declined             ▼
 *                     reversed
 *
 * Declined and reversed are final. Reports may arrive in any order and any number of times; each
 * is folded into the current facts so that every order of the same reports ends in the same state.
 */
export interface ConversionFacts {
  readonly state: ConversionState;
  readonly networkStatus: string;
  readonly commission: bigint;
  readonly orderAmount: bigint | null;
  readonly statusUpdatedAt: Date | null;
  /** Receipt order (inbox seq) of the latest report applied; null before any. */
  readonly lastReportSeq: number | null;
}

/** One change a consumer must see: a state transition, or a new commission in the same state. */
export interface Step {
  readonly kind: 'state' | 'amount';
  readonly from: ConversionState | null;
  readonly to: ConversionState;
  readonly previousCommission: bigint;
  readonly commission: bigint;
}

export type Outcome = 'created' | 'changed' | 'duplicate' | 'stale' | 'ignored';

export interface Verdict {
  readonly outcome: Outcome;
  readonly next: ConversionFacts;
  readonly steps: readonly Step[];
}

const RANK: Readonly<Record<Exclude<ReportedState, 'declined'>, number>> = {
  pending: 0,
  approved: 1,
  paid: 2,
};
const FORWARD: readonly ConversionState[] = ['pending', 'approved', 'paid'];
const FINAL: readonly ConversionState[] = ['declined', 'reversed'];

export function factsOf(report: Report, seq: number | null): ConversionFacts {
  return {
    state: report.state,
    networkStatus: report.networkStatus,
    commission: report.commission,
    orderAmount: report.orderAmount,
    statusUpdatedAt: report.statusUpdatedAt,
    lastReportSeq: seq,
  };
}

/** The first report of an action: the conversion starts in whatever state it reports. */
export function startWith(report: Report, seq: number | null = null): Verdict {
  const next = factsOf(report, seq);
  return {
    outcome: 'created',
    next,
    steps: [
      { kind: 'state', from: null, to: next.state, previousCommission: 0n, commission: next.commission },
    ],
  };
}

const later = (a: Date | null, b: Date | null): Date | null =>
  a === null ? b : b === null ? a : a.getTime() >= b.getTime() ? a : b;

/**
 * Folds one report into the current facts. A network's history only moves forward, so a report of
 * an earlier state is stale and one of a later state always applies. Between reports of the same
 * state (a new commission), the network's clock decides, and without it receipt order (`seq`, the
 * inbox order): two instances may process the reports of one action out of receipt order.
 */
export function applyReport(current: ConversionFacts, report: Report, seq: number | null = null): Verdict {
  const unchanged = (outcome: Outcome): Verdict => ({ outcome, next: current, steps: [] });
  if (FINAL.includes(current.state)) {
    const repeated = report.state === 'declined';
    return unchanged(repeated ? 'duplicate' : 'ignored');
  }
  const reportedAt = report.statusUpdatedAt;
  const currentAt = current.statusUpdatedAt;
  const stamped = reportedAt !== null && currentAt !== null;
  if (reportedAt !== null && currentAt !== null && reportedAt.getTime() < currentAt.getTime())
    return unchanged('stale');
  const statusUpdatedAt = later(current.statusUpdatedAt, report.statusUpdatedAt);
  const lastReportSeq =
    seq === null ? current.lastReportSeq : Math.max(seq, current.lastReportSeq ?? Number.NEGATIVE_INFINITY);

  if (report.state === 'declined') {
    // A decline after approval takes back what was approved: the commission stays what it was.
    const to: ConversionState = current.state === 'pending' ? 'declined' : 'reversed';
    return {
      outcome: 'changed',
      next: { ...current, state: to, networkStatus: report.networkStatus, statusUpdatedAt, lastReportSeq },
      steps: [
        {
          kind: 'state',
          from: current.state,
          to,
          previousCommission: current.commission,
          commission: current.commission,
        },
      ],
    };
  }

  const currentRank = RANK[current.state as Exclude<ReportedState, 'declined'>];
  const reportedRank = RANK[report.state];
  if (reportedRank < currentRank) return unchanged('stale');
  const receivedEarlier = seq !== null && current.lastReportSeq !== null && seq < current.lastReportSeq;
  if (reportedRank === currentRank && !stamped && receivedEarlier) return unchanged('stale');

  const steps: Step[] = [];
  let commission = current.commission;
  if (reportedRank === currentRank && report.commission !== current.commission) {
    steps.push({
      kind: 'amount',
      from: current.state,
      to: current.state,
      previousCommission: current.commission,
      commission: report.commission,
    });
    commission = report.commission;
  }
  for (let rank = currentRank + 1; rank <= reportedRank; rank += 1) {
    const from = FORWARD[rank - 1] ?? 'pending';
    const to = FORWARD[rank] ?? 'paid';
    // The first transition carries the new commission; the ones after it repeat it.
    steps.push({ kind: 'state', from, to, previousCommission: commission, commission: report.commission });
    commission = report.commission;
  }
  const next: ConversionFacts = {
    state: report.state,
    networkStatus: report.networkStatus,
    commission,
    orderAmount: report.orderAmount ?? current.orderAmount,
    statusUpdatedAt,
    lastReportSeq,
  };
  const quiet =
    next.networkStatus === current.networkStatus &&
    next.orderAmount === current.orderAmount &&
    next.statusUpdatedAt?.getTime() === current.statusUpdatedAt?.getTime();
  // A repeat changes nothing but the receipt mark: a report received before it must stay stale.
  if (steps.length === 0 && quiet) return { outcome: 'duplicate', next, steps };
  return { outcome: 'changed', next, steps };
}
