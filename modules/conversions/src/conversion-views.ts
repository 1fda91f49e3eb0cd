import type { ChangeRow, ConversionRow, InboxRow } from './conversions.tables.ts';

const money = (amount: string, asset: string) => ({ amount, asset });

/** A conversion as staff see it; amounts in minor units as strings. */
export function toConversionView(row: ConversionRow) {
  return {
    id: row.id,
    networkId: row.networkId,
    actionId: row.actionId,
    orderId: row.orderId,
    partnerId: row.partnerId,
    userId: row.userId,
    clickId: row.clickId,
    product: row.product,
    attribution: row.attribution,
    attributionStatus: row.attributionStatus,
    unattributedReason: row.unattributedReason,
    probableMatch:
      row.probableUserId && row.probableClickId && row.probableProduct
        ? { userId: row.probableUserId, clickId: row.probableClickId, product: row.probableProduct }
        : null,
    state: row.state,
    networkStatus: row.networkStatus,
    commission: money(row.commission, row.currency),
    orderAmount: row.orderAmount === null ? null : money(row.orderAmount, row.currency),
    occurredAt: row.occurredAt.toISOString(),
    statusUpdatedAt: row.statusUpdatedAt?.toISOString() ?? null,
    revision: row.revision,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolutionNote: row.resolutionNote,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type ConversionView = ReturnType<typeof toConversionView>;

export function toChangeView(row: ChangeRow) {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    kind: row.kind,
    state: row.state,
    previousState: row.previousState,
    commission: row.commission,
    previousCommission: row.previousCommission,
    inboxId: row.inboxId,
    actor: row.actor,
    revision: row.revision,
  };
}

/** An inbox row for staff: what arrived and what became of it. */
export function toInboxView(row: InboxRow) {
  return {
    seq: row.seq,
    id: row.id,
    networkId: row.networkId,
    source: row.source,
    receivedAt: row.receivedAt.toISOString(),
    method: row.method,
    query: row.query,
    body: row.body,
    contentType: row.contentType,
    headers: row.headers,
    remoteIp: row.remoteIp,
    auth: row.auth,
    processedAt: row.processedAt?.toISOString() ?? null,
    outcome: row.outcome,
    conversionId: row.conversionId,
    errorCode: row.errorCode,
  };
}

export type InboxView = ReturnType<typeof toInboxView>;
