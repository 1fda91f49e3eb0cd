import { isAppError, isDatabaseUnavailable, newId, type Tx } from '@sauda/platform';
import { attributeReport, type AttributionDecision } from './attribute-report.ts';
import { applyReport, startWith, type ConversionFacts, type Verdict } from './conversion-machine.ts';
import { fromRow, recordSteps, toRow, type Conversion } from './conversion-record.ts';
import type { ConversionsContext } from './conversions.context.ts';
import { ConversionsErrors } from './conversions.errors.ts';
import {
  actionKey,
  claimInbox,
  findConversionsByAction,
  insertChanges,
  insertConversions,
  lockActions,
  recordInboxResults,
  updateConversions,
  type InboxResult,
} from './conversions.repository.ts';
import type { ChangeRow, InboxRow } from './conversions.tables.ts';
import type { NetworkSettings } from './network-directory.ts';
import { readOptionsFor, readReport, type RawReport, type Report } from './read-report.ts';

/** Rows one transaction processes: large enough to amortize the commit, small enough to keep locks short. */
export const PROCESS_BATCH = 500;
/** Click lookups of one batch in flight at once: each is a database read on its own pool connection. */
const ATTRIBUTION_CONCURRENCY = 4;

/** `work` on every item, at most `limit` at a time, results in order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(runners);
  return results;
}

export const rawOf = (row: InboxRow): RawReport => ({
  source: row.source,
  method: row.method,
  query: row.query,
  body: row.body,
  contentType: row.contentType,
  headers: row.headers,
  remoteIp: row.remoteIp,
  receivedAt: row.receivedAt,
  derivedCommission: row.derivedCommission === null ? null : BigInt(row.derivedCommission),
});

interface Parsed {
  readonly row: InboxRow;
  readonly network: NetworkSettings;
  readonly report: Report;
}

const factsOf = (conversion: Conversion): ConversionFacts => ({
  state: conversion.state,
  networkStatus: conversion.networkStatus,
  commission: conversion.commission,
  orderAmount: conversion.orderAmount,
  statusUpdatedAt: conversion.statusUpdatedAt,
  lastReportSeq: conversion.lastReportSeq,
});

/**
 * Processes up to `limit` inbox rows in one transaction: reads each report again from the raw row,
 * locks the actions it touches, folds the reports into their conversions in arrival order, and
 * writes conversions, history, ConversionChanged events and the rows' outcomes together. Returns the
 * number of rows taken (0 when the inbox is empty).
 */
export async function processInboxBatch(ctx: ConversionsContext, limit = PROCESS_BATCH): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await claimInbox(tx, limit);
    if (rows.length === 0) return 0;
    const now = ctx.clock.now();
    const results: InboxResult[] = [];
    const parsed: Parsed[] = [];
    for (const row of rows) {
      const network = await ctx.networks.byId(row.networkId);
      if (!network) {
        results.push(failure(row, ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND, 'failed'));
        continue;
      }
      try {
        parsed.push({ row, network, report: readReport(rawOf(row), network, readOptionsFor(row)) });
      } catch (error) {
        // Only if the network's settings changed since the report was accepted.
        if (!isAppError(error)) throw error;
        results.push(failure(row, error.code, 'rejected'));
      }
    }
    await lockActions(
      tx,
      parsed.map(({ network, report }) => actionKey(network.id, report.actionId)),
    );
    const known = new Map(
      (
        await findConversionsByAction(
          tx,
          parsed.map(({ network, report }) => ({ networkId: network.id, actionId: report.actionId })),
        )
      ).map((row) => [actionKey(row.networkId, row.actionId), { conversion: fromRow(row), isNew: false }]),
    );
    // Who earns each new conversion, looked up for all of them at once before folding.
    const firstReports = new Map<string, Parsed>();
    for (const item of parsed) {
      const key = actionKey(item.network.id, item.report.actionId);
      if (!known.has(key) && !firstReports.has(key)) firstReports.set(key, item);
    }
    const decisions = new Map(
      await mapLimited([...firstReports], ATTRIBUTION_CONCURRENCY, async ([key, item]) => {
        const decision = await attributeReport(ctx, item.network, item.report);
        return [key, decision] as const;
      }),
    );
    const touched = new Map<string, { conversion: Conversion; isNew: boolean }>();
    const history: ChangeRow[] = [];
    for (const { row, network, report } of parsed) {
      const key = actionKey(network.id, report.actionId);
      const entry = touched.get(key) ?? known.get(key);
      let verdict: Verdict;
      let conversion: Conversion;
      if (entry) {
        conversion = entry.conversion;
        verdict = applyReport(factsOf(conversion), report, row.seq);
        if (verdict.outcome !== 'changed') {
          if (verdict.next.lastReportSeq !== conversion.lastReportSeq) {
            conversion.lastReportSeq = verdict.next.lastReportSeq;
            touched.set(key, entry);
          }
          results.push({
            id: row.id,
            outcome: verdict.outcome,
            conversionId: conversion.id,
            errorCode: null,
          });
          continue;
        }
        Object.assign(conversion, verdict.next, { updatedAt: now });
        touched.set(key, entry);
      } else {
        verdict = startWith(report, row.seq);
        const decision = decisions.get(key);
        if (!decision) throw new Error(`no attribution for new action ${report.actionId}`);
        conversion = newConversion(network, report, decision, row.seq, now);
        touched.set(key, { conversion, isNew: true });
      }
      history.push(
        ...(await recordSteps(tx, conversion, verdict.steps, {
          cause: { actor: `network:${network.key}`, inboxId: row.id },
          networkKey: network.key,
          at: now,
        })),
      );
      results.push({ id: row.id, outcome: verdict.outcome, conversionId: conversion.id, errorCode: null });
    }
    const entries = [...touched.values()];
    await insertConversions(
      tx,
      entries.filter((entry) => entry.isNew).map((entry) => toRow(entry.conversion)),
    );
    await updateConversions(
      tx,
      entries.filter((entry) => !entry.isNew).map((entry) => toRow(entry.conversion)),
    );
    await insertChanges(tx, history);
    await recordInboxResults(tx, results, now);
    return rows.length;
  });
}

const failure = (row: InboxRow, code: string, outcome: 'failed' | 'rejected'): InboxResult => ({
  id: row.id,
  outcome,
  conversionId: null,
  errorCode: code,
});

function newConversion(
  network: NetworkSettings,
  report: Report,
  decision: AttributionDecision,
  seq: number,
  now: Date,
): Conversion {
  return {
    id: newId('cnv'),
    networkId: network.id,
    actionId: report.actionId,
    orderId: report.orderId,
    partnerId: decision.partnerId,
    userId: decision.userId,
    clickId: decision.clickId,
    product: decision.product,
    attribution: decision.attribution,
    attributionStatus: decision.status,
    unattributedReason: decision.reason,
    probableUserId: decision.probable?.userId ?? null,
    probableClickId: decision.probable?.clickId ?? null,
    probableProduct: decision.probable?.product ?? null,
    state: report.state,
    networkStatus: report.networkStatus,
    commission: report.commission,
    orderAmount: report.orderAmount,
    currency: report.currency,
    occurredAt: report.occurredAt,
    statusUpdatedAt: report.statusUpdatedAt,
    lastReportSeq: seq,
    revision: 0,
    publishedState: null,
    publishedCommission: 0n,
    changeCount: 0,
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Processes until the inbox is empty or `maxRows` were taken. A batch that fails for a reason other
 * than the database being down is retried one row at a time, and a row that fails alone is marked
 * `failed` (logged, visible to staff in the inbox) so that it cannot block the rows behind it.
 */
export async function drainInbox(
  ctx: ConversionsContext,
  options: { maxRows?: number; batch?: number } = {},
): Promise<number> {
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const batch = options.batch ?? PROCESS_BATCH;
  let processed = 0;
  // One batch at a time per instance: two batches of one instance would mostly wait for each other
  // on the locks of repeated actions, and one batch already keeps the database busy.
  while (processed < maxRows) {
    let taken: number;
    try {
      taken = await processInboxBatch(ctx, Math.min(batch, maxRows - processed));
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      ctx.logger?.warn({ err: error }, 'inbox batch failed; processing its rows one by one');
      taken = await processOneByOne(ctx, Math.min(batch, maxRows - processed));
    }
    if (taken === 0) break;
    processed += taken;
  }
  return processed;
}

async function processOneByOne(ctx: ConversionsContext, count: number): Promise<number> {
  let taken = 0;
  for (; taken < count; taken += 1) {
    try {
      if ((await processInboxBatch(ctx, 1)) === 0) break;
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      const failed = await markOldestFailed(ctx);
      ctx.logger?.error({ err: error, inboxId: failed }, 'inbox row could not be processed; marked failed');
      if (failed === undefined) break;
    }
  }
  return taken;
}

async function markOldestFailed(ctx: ConversionsContext): Promise<string | undefined> {
  return ctx.db.transaction(async (tx: Tx) => {
    const [row] = await claimInbox(tx, 1);
    if (!row) return undefined;
    await recordInboxResults(
      tx,
      [failure(row, ConversionsErrors.CONVERSIONS_PROCESSING_FAILED, 'failed')],
      ctx.clock.now(),
    );
    return row.id;
  });
}
