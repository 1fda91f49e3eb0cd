import { AppError } from '@sauda/platform';
import { fromRow, recordAttribution, toRow, type Conversion } from './conversion-record.ts';
import { toConversionView, type ConversionView } from './conversion-views.ts';
import type { Actor, ConversionsContext } from './conversions.context.ts';
import { ConversionsErrors } from './conversions.errors.ts';
import { findConversion, insertChanges, updateConversions } from './conversions.repository.ts';
import type { Product } from './conversions.tables.ts';

export interface AssignInput {
  readonly userId: string;
  /** Required when the report did not tell the partner. */
  readonly partnerId?: string | undefined;
  readonly product?: Product | undefined;
  readonly note?: string | undefined;
}

const inQueue = (conversion: Conversion): boolean =>
  conversion.attributionStatus === 'unattributed' || conversion.attributionStatus === 'probable';

/** Locks a queued conversion, lets `decide` change it, writes it back and audits the decision. */
async function decide(
  ctx: ConversionsContext,
  actor: Actor,
  conversionId: string,
  action: string,
  change: (conversion: Conversion) => Promise<void>,
): Promise<ConversionView> {
  return ctx.db.transaction(async (tx) => {
    const row = await findConversion(tx, conversionId, true);
    if (!row) throw new AppError(ConversionsErrors.CONVERSIONS_CONVERSION_NOT_FOUND);
    const conversion = fromRow(row);
    if (!inQueue(conversion)) throw new AppError(ConversionsErrors.CONVERSIONS_NOT_IN_QUEUE);
    const before = {
      attributionStatus: conversion.attributionStatus,
      partnerId: conversion.partnerId,
      probableUserId: conversion.probableUserId,
    };
    const now = ctx.clock.now();
    await change(conversion);
    conversion.resolvedBy = actor.id;
    conversion.resolvedAt = now;
    conversion.updatedAt = now;
    if (conversion.attributionStatus === 'attributed') {
      const network = await ctx.networks.byId(conversion.networkId);
      if (!network) throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
      const attributed = await recordAttribution(tx, conversion, {
        cause: { actor: actor.id },
        networkKey: network.key,
        at: now,
      });
      await updateConversions(tx, [toRow(conversion)]);
      await insertChanges(tx, [attributed]);
    } else {
      await updateConversions(tx, [toRow(conversion)]);
    }
    await ctx.audit.record(tx, {
      actor: actor.id,
      action,
      entityType: 'conversion',
      entityId: conversion.id,
      before,
      after: {
        attributionStatus: conversion.attributionStatus,
        attribution: conversion.attribution,
        partnerId: conversion.partnerId,
        userId: conversion.userId,
        product: conversion.product,
        note: conversion.resolutionNote,
      },
      context: actor.context,
    });
    return toConversionView(toRow(conversion));
  });
}

/** Staff name the user who earns an unattributed (or probable) conversion; it is published at once. */
export function assignConversion(
  ctx: ConversionsContext,
  actor: Actor,
  conversionId: string,
  input: AssignInput,
): Promise<ConversionView> {
  return decide(ctx, actor, conversionId, 'conversions.conversion-assigned', async (conversion) => {
    const partnerId = input.partnerId ?? conversion.partnerId;
    if (partnerId === null) throw new AppError(ConversionsErrors.CONVERSIONS_PARTNER_REQUIRED);
    if (!(await ctx.catalog.getPartner(partnerId)))
      throw new AppError(ConversionsErrors.CONVERSIONS_PARTNER_NOT_FOUND);
    if (!(await ctx.userExists(input.userId)))
      throw new AppError(ConversionsErrors.CONVERSIONS_USER_NOT_FOUND);
    Object.assign(conversion, {
      partnerId,
      userId: input.userId,
      product: input.product ?? 'loyalty',
      attribution: 'staff',
      attributionStatus: 'attributed',
      resolutionNote: input.note ?? null,
    } satisfies Partial<Conversion>);
  });
}

/** Staff confirm the fingerprint match: the matched click's user earns it. */
export function approveProbableMatch(
  ctx: ConversionsContext,
  actor: Actor,
  conversionId: string,
  note?: string,
): Promise<ConversionView> {
  return decide(ctx, actor, conversionId, 'conversions.probable-match-approved', async (conversion) => {
    const { probableUserId, probableClickId, probableProduct, partnerId } = conversion;
    if (
      conversion.attributionStatus !== 'probable' ||
      !probableUserId ||
      !probableClickId ||
      !probableProduct ||
      !partnerId
    )
      throw new AppError(ConversionsErrors.CONVERSIONS_NO_PROBABLE_MATCH);
    Object.assign(conversion, {
      userId: probableUserId,
      // The network's click id, when there was one, told nothing about the user; the match did.
      clickId: probableClickId,
      product: probableProduct,
      attribution: 'probable',
      attributionStatus: 'attributed',
      resolutionNote: note ?? null,
    } satisfies Partial<Conversion>);
  });
}

/** Staff decide nobody earns it (a forged or foreign report): it is never published. */
export function rejectConversion(
  ctx: ConversionsContext,
  actor: Actor,
  conversionId: string,
  note: string,
): Promise<ConversionView> {
  return decide(ctx, actor, conversionId, 'conversions.conversion-rejected', async (conversion) => {
    Object.assign(conversion, {
      attributionStatus: 'rejected',
      resolutionNote: note,
    } satisfies Partial<Conversion>);
  });
}
