import { defineEvent, Type } from '@sauda/platform';

const Amount = Type.String({ pattern: '^[0-9]+$', description: 'minor units of `currency`' });

/**
 * The one event rewards (and anyone else) learns conversions from. Published in the transaction that
 * changes the conversion, once per change, with a revision that grows by one each time: a consumer
 * applies revision n only after n-1 (or treats the latest it has seen as authoritative) and ignores
 * a revision it has already applied, so redelivery is harmless.
 */
export const ConversionChanged = defineEvent(
  'conversions.conversion-changed',
  Type.Object({
    conversionId: Type.String(),
    revision: Type.Integer({ minimum: 1 }),
    /** Which product's rules pay for it: a loyalty user's reward or an influencer's commission. */
    product: Type.Union([Type.Literal('loyalty'), Type.Literal('cpa')]),
    state: Type.Union([
      Type.Literal('pending'),
      Type.Literal('approved'),
      Type.Literal('declined'),
      Type.Literal('paid'),
      Type.Literal('reversed'),
    ]),
    /** The state before this change; null for a new conversion. */
    previousState: Type.Union([Type.String(), Type.Null()]),
    partnerId: Type.String(),
    /** The user who earns: the shopper (loyalty) or the link owner (cpa). Never null in this event. */
    userId: Type.String(),
    networkKey: Type.String(),
    /** The network's id of the action (idempotency key together with networkKey). */
    actionId: Type.String(),
    clickId: Type.Union([Type.String(), Type.Null()]),
    /** The commission the network pays us, as of this revision (partial refunds lower it). */
    commission: Amount,
    /** The commission of the previous revision ("0" for a new conversion), so a consumer can post the difference. */
    previousCommission: Amount,
    orderAmount: Type.Union([Amount, Type.Null()]),
    currency: Type.String({ pattern: '^[A-Z]{3,5}$' }),
    /** How it was attributed: a signed click id, a staff decision, or an approved probable match. */
    attribution: Type.Union([Type.Literal('click'), Type.Literal('staff'), Type.Literal('probable')]),
    /** When the purchase happened (ISO 8601), for the hold period and the day's exchange rate. */
    occurredAt: Type.String(),
  }),
);
