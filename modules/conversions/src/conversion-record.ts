import { publishEvent, type Executor } from '@sauda/platform';
import type { Step } from './conversion-machine.ts';
import { ConversionChanged } from './conversions.events.ts';
import type {
  Attribution,
  AttributionStatus,
  ChangeRow,
  ConversionRow,
  ConversionState,
  Product,
  UnattributedReason,
} from './conversions.tables.ts';

/** A conversion as the use cases work on it: amounts as bigint, mutable while a transaction holds it. */
export interface Conversion {
  id: string;
  networkId: string;
  actionId: string;
  orderId: string | null;
  partnerId: string | null;
  userId: string | null;
  clickId: string | null;
  product: Product | null;
  attribution: Attribution | null;
  attributionStatus: AttributionStatus;
  unattributedReason: UnattributedReason | null;
  probableUserId: string | null;
  probableClickId: string | null;
  probableProduct: Product | null;
  state: ConversionState;
  networkStatus: string;
  commission: bigint;
  orderAmount: bigint | null;
  currency: string;
  occurredAt: Date;
  statusUpdatedAt: Date | null;
  lastReportSeq: number | null;
  revision: number;
  publishedState: ConversionState | null;
  publishedCommission: bigint;
  changeCount: number;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function fromRow(row: ConversionRow): Conversion {
  return {
    ...row,
    commission: BigInt(row.commission),
    orderAmount: row.orderAmount === null ? null : BigInt(row.orderAmount),
    publishedCommission: BigInt(row.publishedCommission),
  };
}

export function toRow(conversion: Conversion): ConversionRow {
  return {
    ...conversion,
    commission: conversion.commission.toString(),
    orderAmount: conversion.orderAmount === null ? null : conversion.orderAmount.toString(),
    publishedCommission: conversion.publishedCommission.toString(),
  };
}

/** What caused a change: the inbox row of a report, or a staff member. */
export interface ChangeCause {
  readonly actor: string;
  readonly inboxId?: string | undefined;
}

/**
 * Records each step in the history and, once the conversion has a user, publishes it as the next
 * ConversionChanged revision in the caller's transaction. The conversion row itself is written by
 * the caller (in bulk, for the processor).
 */
export async function recordSteps(
  tx: Executor,
  conversion: Conversion,
  steps: readonly Step[],
  context: { readonly cause: ChangeCause; readonly networkKey: string; readonly at: Date },
): Promise<ChangeRow[]> {
  const rows: ChangeRow[] = [];
  for (const step of steps) {
    const published =
      conversion.attributionStatus === 'attributed'
        ? await publishRevision(tx, conversion, context.networkKey, step.to, step.commission)
        : undefined;
    conversion.changeCount += 1;
    rows.push({
      conversionId: conversion.id,
      seq: conversion.changeCount,
      at: context.at,
      kind: step.kind,
      state: step.to,
      previousState: step.from,
      commission: step.commission.toString(),
      previousCommission: step.previousCommission.toString(),
      inboxId: context.cause.inboxId ?? null,
      actor: context.cause.actor,
      revision: published?.revision ?? null,
      eventId: published?.eventId ?? null,
    });
  }
  return rows;
}

/** The conversion just got its user: consumers learn it as it stands now, as revision 1. */
export async function recordAttribution(
  tx: Executor,
  conversion: Conversion,
  context: { readonly cause: ChangeCause; readonly networkKey: string; readonly at: Date },
): Promise<ChangeRow> {
  const published = await publishRevision(
    tx,
    conversion,
    context.networkKey,
    conversion.state,
    conversion.commission,
  );
  conversion.changeCount += 1;
  return {
    conversionId: conversion.id,
    seq: conversion.changeCount,
    at: context.at,
    kind: 'attribution',
    state: conversion.state,
    previousState: null,
    commission: conversion.commission.toString(),
    previousCommission: null,
    inboxId: context.cause.inboxId ?? null,
    actor: context.cause.actor,
    revision: published.revision,
    eventId: published.eventId,
  };
}

async function publishRevision(
  tx: Executor,
  conversion: Conversion,
  networkKey: string,
  state: ConversionState,
  commission: bigint,
): Promise<{ revision: number; eventId: string }> {
  const { userId, partnerId, product, attribution } = conversion;
  if (!userId || !partnerId || !product || !attribution)
    throw new Error(`conversion ${conversion.id} is not attributed; nothing may be published`);
  const revision = conversion.revision + 1;
  const eventId = await publishEvent(tx, ConversionChanged, {
    conversionId: conversion.id,
    revision,
    product,
    state,
    previousState: conversion.publishedState,
    partnerId,
    userId,
    networkKey,
    actionId: conversion.actionId,
    clickId: conversion.clickId,
    commission: commission.toString(),
    previousCommission: conversion.publishedCommission.toString(),
    orderAmount: conversion.orderAmount === null ? null : conversion.orderAmount.toString(),
    currency: conversion.currency,
    attribution,
    occurredAt: conversion.occurredAt.toISOString(),
  });
  conversion.revision = revision;
  conversion.publishedState = state;
  conversion.publishedCommission = commission;
  return { revision, eventId };
}
