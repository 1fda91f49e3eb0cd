import { randomUUID } from 'node:crypto';
import { Money, type Clock, type Localized } from '@sauda/platform';

export const ACTION_STATUSES = ['pending', 'approved', 'declined', 'approved_but_stalled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What the network tells the platform about one action: the postback body and a statistics row. */
export interface NetworkAction {
  readonly click_id: string;
  readonly action_id: string;
  readonly order_id: string;
  readonly status: ActionStatus;
  /** The commission, decimal with two places. */
  readonly payment_sum: string;
  readonly order_sum: string;
  readonly currency: 'KZT';
  readonly action_ip: string;
  readonly user_agent: string;
  readonly action_date: string;
  readonly status_updated: string;
}

export interface OrderItem {
  readonly sku: string;
  readonly name: Localized;
  readonly quantity: number;
  readonly priceMinor: bigint;
}

/** An order at the simulated network, bound to the Sauda click id it came with. */
export interface NetworkOrder {
  readonly orderId: string;
  readonly actionId: string;
  readonly clickId: string;
  readonly offer: string | null;
  readonly items: readonly OrderItem[];
  readonly commissionBasisPoints: bigint;
  readonly originalSumMinor: bigint;
  readonly actionIp: string;
  readonly userAgent: string;
  readonly actionDate: Date;
  orderSumMinor: bigint;
  paymentSumMinor: bigint;
  status: ActionStatus;
  statusUpdated: Date;
}

export type OrderCommand = 'approve' | 'stall' | 'decline' | 'refund';

export type OrderCommandFailure = 'order_not_found' | 'invalid_state' | 'invalid_amount';

export class OrderCommandError extends Error {
  override readonly name = 'OrderCommandError';
  readonly code: OrderCommandFailure;
  readonly order: NetworkOrder | undefined;
  constructor(code: OrderCommandFailure, order?: NetworkOrder) {
    super(code);
    this.code = code;
    this.order = order;
  }
}

/** From which states a command may move an order; declined is final, as at real networks. */
const ALLOWED_FROM: Readonly<Record<OrderCommand, readonly ActionStatus[]>> = {
  approve: ['pending', 'approved_but_stalled'],
  stall: ['pending'],
  decline: ['pending', 'approved', 'approved_but_stalled'],
  refund: ['pending', 'approved', 'approved_but_stalled'],
};

const KZT = 'KZT';
/** Minor units as the decimal string networks send ("2469.00"). */
export const kztDecimal = (minor: bigint): string => Money.of(minor, KZT).toDecimalString();
/** Commission from an order sum: basis points, rounded half away from zero to the tiyn. */
const commissionOf = (sumMinor: bigint, basisPoints: bigint): bigint =>
  Money.of(sumMinor, KZT).multiplyRatio(basisPoints, 10_000n).amount;

export const actionOf = (order: NetworkOrder): NetworkAction => ({
  click_id: order.clickId,
  action_id: order.actionId,
  order_id: order.orderId,
  status: order.status,
  payment_sum: kztDecimal(order.paymentSumMinor),
  order_sum: kztDecimal(order.orderSumMinor),
  currency: KZT,
  action_ip: order.actionIp,
  user_agent: order.userAgent,
  action_date: order.actionDate.toISOString(),
  status_updated: order.statusUpdated.toISOString(),
});

/** The network's order list, in memory, capped: the oldest order is forgotten first. */
export class OrderBook {
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #orders = new Map<string, NetworkOrder>();

  constructor(clock: Clock, capacity: number) {
    this.#clock = clock;
    this.#capacity = capacity;
  }

  place(input: {
    clickId: string;
    offer: string | null;
    items: readonly OrderItem[];
    sumMinor: bigint;
    commissionBasisPoints: bigint;
    actionIp: string;
    userAgent: string;
  }): NetworkOrder {
    const now = this.#clock.now();
    let orderId: string;
    do orderId = `SO-${randomUUID().slice(0, 8).toUpperCase()}`;
    while (this.#orders.has(orderId));
    const order: NetworkOrder = {
      orderId,
      // Unique across sandbox restarts: the platform keys its idempotency on (network, action id).
      actionId: randomUUID(),
      clickId: input.clickId,
      offer: input.offer,
      items: input.items,
      commissionBasisPoints: input.commissionBasisPoints,
      originalSumMinor: input.sumMinor,
      actionIp: input.actionIp,
      userAgent: input.userAgent,
      actionDate: now,
      orderSumMinor: input.sumMinor,
      paymentSumMinor: commissionOf(input.sumMinor, input.commissionBasisPoints),
      status: 'pending',
      statusUpdated: now,
    };
    this.#orders.set(orderId, order);
    if (this.#orders.size > this.#capacity) {
      const oldest = this.#orders.keys().next().value;
      if (oldest !== undefined) this.#orders.delete(oldest);
    }
    return order;
  }

  get(orderId: string): NetworkOrder | undefined {
    return this.#orders.get(orderId);
  }

  /** Newest first. */
  list(): NetworkOrder[] {
    return [...this.#orders.values()].reverse();
  }

  /**
   * Applies a command. A refund of part of the order lowers the order sum and recomputes the
   * commission, keeping the status; a refund of all of it declines the order (amounts stay as they
   * were, as networks report a declined action). Returns the order as changed.
   */
  apply(orderId: string, command: OrderCommand, refundMinor?: bigint | null): NetworkOrder {
    const order = this.#orders.get(orderId);
    if (!order) throw new OrderCommandError('order_not_found');
    if (!ALLOWED_FROM[command].includes(order.status)) throw new OrderCommandError('invalid_state', order);
    if (command === 'refund') {
      const amount = refundMinor ?? order.orderSumMinor;
      if (amount <= 0n || amount > order.orderSumMinor) throw new OrderCommandError('invalid_amount', order);
      if (amount === order.orderSumMinor) order.status = 'declined';
      else {
        order.orderSumMinor -= amount;
        order.paymentSumMinor = commissionOf(order.orderSumMinor, order.commissionBasisPoints);
      }
    } else {
      order.status =
        command === 'approve' ? 'approved' : command === 'stall' ? 'approved_but_stalled' : 'declined';
    }
    order.statusUpdated = this.#clock.now();
    return order;
  }

  /**
   * Actions whose `status_updated` lies in [start, end] (both inclusive, so overlapping polling
   * windows never miss an edge), ordered by that time then action id, so paging is stable.
   */
  updatedBetween(
    start: Date,
    end: Date,
    offset: number,
    limit: number,
  ): { count: number; page: NetworkAction[] } {
    const matching = [...this.#orders.values()]
      .filter(
        (order) =>
          order.statusUpdated.getTime() >= start.getTime() && order.statusUpdated.getTime() <= end.getTime(),
      )
      .sort(
        (a, b) =>
          a.statusUpdated.getTime() - b.statusUpdated.getTime() || a.actionId.localeCompare(b.actionId),
      );
    return { count: matching.length, page: matching.slice(offset, offset + limit).map(actionOf) };
  }
}

export class AffiliateNetworkInputError extends Error {
  override readonly name = 'AffiliateNetworkInputError';
}

const AMOUNT = /^\d{1,12}(?:[.,]\d{1,2})?$/;
/** One billion tenge: beyond any shop order, and far inside what every consumer parses exactly. */
export const MAX_ORDER_MINOR = 100_000_000_000n;

/** A KZT decimal typed by a person or sent by a test, in minor units; undefined when malformed. */
export function parseKzt(text: string): bigint | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  return AMOUNT.test(compact) ? Money.parse(compact, 'KZT').amount : undefined;
}
