import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '@sauda/platform';
import type { ChangeRow, ConversionRow, InboxOutcome, InboxRow } from './conversions.tables.ts';
import { changes, conversions, inbox } from './conversions.tables.ts';

/** All SQL of the inbox, the conversions and their history. Networks: network-directory.ts and manage-networks.ts. */

export type NewInboxRow = Omit<InboxRow, 'seq' | 'processedAt' | 'outcome' | 'conversionId' | 'errorCode'> & {
  readonly processedAt?: Date | null;
  readonly outcome?: InboxOutcome | null;
  readonly errorCode?: string | null;
};

/**
 * Many rows travel as one JSON parameter: this runs on the thread that answers the postbacks, and
 * building a statement with thousands of parameters costs far more there than JSON.stringify.
 */
const asJson = (rows: readonly object[]): string =>
  JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

/** Stores reports as received; a polled action already stored unchanged (same digest) is skipped. */
export async function insertInbox(executor: Executor, rows: readonly NewInboxRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await executor.execute(sql`
    INSERT INTO conversions.inbox (id, network_id, source, received_at, method, query, body, content_type, headers,
                                   remote_ip, auth, digest, derived_commission, processed_at, outcome, error_code)
    SELECT id, "networkId", source, "receivedAt", method, query, body, "contentType", headers, "remoteIp", auth, digest,
           "derivedCommission", "processedAt", outcome, "errorCode"
    FROM json_to_recordset(${asJson(rows)}::json) AS r(
      id text, "networkId" text, source text, "receivedAt" timestamptz, method text, query text, body text,
      "contentType" text, headers jsonb, "remoteIp" text, auth text, digest text, "derivedCommission" numeric,
      "processedAt" timestamptz, outcome text, "errorCode" text)
    ON CONFLICT (network_id, digest) WHERE digest IS NOT NULL DO NOTHING`);
  return result.rowCount ?? 0;
}

/** The oldest unprocessed rows no other processor holds; locked until the caller's transaction ends. */
export async function claimInbox(tx: Tx, limit: number): Promise<InboxRow[]> {
  return tx
    .select()
    .from(inbox)
    .where(sql`${inbox.processedAt} IS NULL`)
    .orderBy(asc(inbox.seq))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export interface InboxResult {
  readonly id: string;
  readonly outcome: InboxOutcome;
  readonly conversionId: string | null;
  readonly errorCode: string | null;
}

export async function recordInboxResults(
  tx: Executor,
  results: readonly InboxResult[],
  processedAt: Date,
): Promise<void> {
  if (results.length === 0) return;
  await tx.execute(sql`
    UPDATE conversions.inbox AS i
    SET processed_at = ${processedAt}, outcome = r.outcome, conversion_id = r."conversionId", error_code = r."errorCode"
    FROM json_to_recordset(${JSON.stringify(results)}::json) AS r(id text, outcome text, "conversionId" text, "errorCode" text)
    WHERE i.id = r.id AND i.processed_at IS NULL`);
}

// A constant of its own in PostgreSQL's two-key advisory lock space (architecture.md lists the keys in use).
const ACTION_LOCK_CLASS = 736_412_153;

/**
 * Serializes processors of the same network actions across instances. The lock numbers are taken
 * in ascending order, so two batches sharing actions (or hash collisions) wait for each other
 * instead of deadlocking.
 */
export async function lockActions(tx: Tx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(sql`
    SELECT pg_advisory_xact_lock(${ACTION_LOCK_CLASS}, h)
    FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(${sql.param([...new Set(keys)])}::text[]) AS k ORDER BY h) AS locks`);
}

export const actionKey = (networkId: string, actionId: string): string => `${networkId}\n${actionId}`;

export async function findConversionsByAction(
  tx: Tx,
  pairs: readonly { networkId: string; actionId: string }[],
): Promise<ConversionRow[]> {
  if (pairs.length === 0) return [];
  const networkIds = pairs.map((pair) => pair.networkId);
  const actionIds = pairs.map((pair) => pair.actionId);
  return tx
    .select()
    .from(conversions)
    .where(
      sql`(${conversions.networkId}, ${conversions.actionId}) IN (
        SELECT * FROM unnest(${sql.param(networkIds)}::text[], ${sql.param(actionIds)}::text[]))`,
    )
    .orderBy(asc(conversions.id))
    .for('update');
}

export async function insertConversions(tx: Executor, rows: readonly ConversionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO conversions.conversions (
      id, network_id, action_id, order_id, partner_id, user_id, click_id, product, attribution, attribution_status,
      unattributed_reason, probable_user_id, probable_click_id, probable_product, state, network_status, commission,
      order_amount, currency, occurred_at, status_updated_at, last_report_seq, revision, published_state,
      published_commission, change_count, resolved_by, resolved_at, resolution_note, created_at, updated_at)
    SELECT id, "networkId", "actionId", "orderId", "partnerId", "userId", "clickId", product, attribution,
           "attributionStatus", "unattributedReason", "probableUserId", "probableClickId", "probableProduct", state,
           "networkStatus", commission, "orderAmount", currency, "occurredAt", "statusUpdatedAt", "lastReportSeq",
           revision, "publishedState", "publishedCommission", "changeCount", "resolvedBy", "resolvedAt",
           "resolutionNote", "createdAt", "updatedAt"
    FROM json_to_recordset(${asJson(rows)}::json) AS r(
      id text, "networkId" text, "actionId" text, "orderId" text, "partnerId" text, "userId" text, "clickId" text,
      product text, attribution text, "attributionStatus" text, "unattributedReason" text, "probableUserId" text,
      "probableClickId" text, "probableProduct" text, state text, "networkStatus" text, commission numeric,
      "orderAmount" numeric, currency text, "occurredAt" timestamptz, "statusUpdatedAt" timestamptz,
      "lastReportSeq" bigint, revision integer, "publishedState" text, "publishedCommission" numeric,
      "changeCount" integer, "resolvedBy" text, "resolvedAt" timestamptz, "resolutionNote" text,
      "createdAt" timestamptz, "updatedAt" timestamptz)`);
}

/** Writes the fields reports and staff change, for many conversions in one statement. */
export async function updateConversions(tx: Executor, rows: readonly ConversionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = asJson(rows);
  await tx.execute(sql`
    UPDATE conversions.conversions AS c SET
      partner_id = r."partnerId", user_id = r."userId", click_id = r."clickId", product = r.product,
      attribution = r.attribution, attribution_status = r."attributionStatus",
      state = r.state, network_status = r."networkStatus", commission = r.commission::numeric,
      order_amount = r."orderAmount"::numeric, status_updated_at = r."statusUpdatedAt"::timestamptz,
      last_report_seq = r."lastReportSeq",
      revision = r.revision, published_state = r."publishedState",
      published_commission = r."publishedCommission"::numeric, change_count = r."changeCount",
      resolved_by = r."resolvedBy", resolved_at = r."resolvedAt"::timestamptz, resolution_note = r."resolutionNote",
      updated_at = r."updatedAt"::timestamptz
    FROM json_to_recordset(${payload}::json) AS r(
      id text, "partnerId" text, "userId" text, "clickId" text, product text, attribution text,
      "attributionStatus" text, state text, "networkStatus" text, commission text, "orderAmount" text,
      "statusUpdatedAt" text, "lastReportSeq" bigint, revision integer, "publishedState" text, "publishedCommission" text,
      "changeCount" integer, "resolvedBy" text, "resolvedAt" text, "resolutionNote" text, "updatedAt" text)
    WHERE c.id = r.id`);
}

export async function insertChanges(tx: Executor, rows: readonly ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO conversions.changes (conversion_id, seq, at, kind, state, previous_state, commission,
                                     previous_commission, inbox_id, actor, revision, event_id)
    SELECT "conversionId", seq, at, kind, state, "previousState", commission, "previousCommission", "inboxId", actor,
           revision, "eventId"
    FROM json_to_recordset(${asJson(rows)}::json) AS r(
      "conversionId" text, seq integer, at timestamptz, kind text, state text, "previousState" text,
      commission numeric, "previousCommission" numeric, "inboxId" text, actor text, revision integer, "eventId" text)`);
}

export async function findConversion(
  executor: Executor,
  conversionId: string,
  forUpdate = false,
): Promise<ConversionRow | undefined> {
  const query = executor.select().from(conversions).where(eq(conversions.id, conversionId));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function listChanges(executor: Executor, conversionId: string): Promise<ChangeRow[]> {
  return executor
    .select()
    .from(changes)
    .where(eq(changes.conversionId, conversionId))
    .orderBy(asc(changes.seq));
}

export interface ConversionFilter {
  readonly queue?: boolean | undefined;
  readonly networkId?: string | undefined;
  readonly partnerId?: string | undefined;
  readonly userId?: string | undefined;
  readonly state?: string | undefined;
  readonly attributionStatus?: string | undefined;
  readonly before?: { readonly createdAt: Date; readonly id: string } | undefined;
  readonly limit: number;
}

/** Newest first; the unattributed queue oldest first (staff work through it in arrival order). */
export async function listConversions(
  executor: Executor,
  filter: ConversionFilter,
): Promise<ConversionRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.queue ? inArray(conversions.attributionStatus, ['unattributed', 'probable']) : undefined,
    filter.networkId ? eq(conversions.networkId, filter.networkId) : undefined,
    filter.partnerId ? eq(conversions.partnerId, filter.partnerId) : undefined,
    filter.userId ? eq(conversions.userId, filter.userId) : undefined,
    filter.state ? eq(conversions.state, filter.state as ConversionRow['state']) : undefined,
    filter.attributionStatus
      ? eq(conversions.attributionStatus, filter.attributionStatus as ConversionRow['attributionStatus'])
      : undefined,
  ];
  const cursor = filter.before;
  if (cursor) {
    const beyond = filter.queue ? gt : lt;
    conditions.push(
      or(
        beyond(conversions.createdAt, cursor.createdAt),
        and(eq(conversions.createdAt, cursor.createdAt), beyond(conversions.id, cursor.id)),
      ),
    );
  }
  const order = filter.queue
    ? [asc(conversions.createdAt), asc(conversions.id)]
    : [desc(conversions.createdAt), desc(conversions.id)];
  return executor
    .select()
    .from(conversions)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filter.limit);
}

export interface InboxFilter {
  readonly networkId?: string | undefined;
  readonly outcome?: InboxOutcome | 'unprocessed' | undefined;
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

export async function listInbox(executor: Executor, filter: InboxFilter): Promise<InboxRow[]> {
  return executor
    .select()
    .from(inbox)
    .where(
      and(
        filter.networkId ? eq(inbox.networkId, filter.networkId) : undefined,
        filter.outcome === 'unprocessed'
          ? sql`${inbox.processedAt} IS NULL`
          : filter.outcome
            ? eq(inbox.outcome, filter.outcome)
            : undefined,
        filter.beforeSeq === undefined ? undefined : lt(inbox.seq, filter.beforeSeq),
      ),
    )
    .orderBy(desc(inbox.seq))
    .limit(filter.limit);
}

export async function countUnprocessed(executor: Executor): Promise<number> {
  const { rows } = await executor.execute<{ count: string }>(
    sql`SELECT count(*) AS count FROM conversions.inbox WHERE processed_at IS NULL`,
  );
  return Number(rows[0]?.count ?? 0);
}
