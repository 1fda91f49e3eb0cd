import { isIP } from 'node:net';
import { systemClock } from '@sauda/platform';
import type { FastifyInstance } from 'fastify';
import { systemScheduler, TaskGroup } from '../scheduler.ts';
import { catalogFor } from './affiliate-network-catalog.ts';
import {
  AFFILIATE_NETWORK_SANDBOX_SECRET,
  type AffiliateNetworkOptions,
  type AffiliateNetworkSimulator,
  type NetworkClick,
  type PlaceOrderInput,
} from './affiliate-network-contract.ts';
import {
  actionOf,
  AffiliateNetworkInputError,
  MAX_ORDER_MINOR,
  OrderBook,
  parseKzt,
  type NetworkOrder,
  type OrderCommand,
  type OrderItem,
} from './affiliate-network-orders.ts';
import { PostbackDispatcher } from './affiliate-network-postbacks.ts';
import { registerAffiliateNetworkRoutes } from './affiliate-network-routes.ts';
import {
  applySettings,
  basisPoints,
  DEFAULT_AFFILIATE_NETWORK_SETTINGS,
} from './affiliate-network-settings.ts';

/**
 * A whole affiliate network over HTTP, as the demo's partners use it: the click lands on a small
 * shop for the offer, a purchase becomes an order bound to the Sauda click id, and the network
 * reports it with signed postbacks (pending, then approved or declined, retried with backoff,
 * misbehaving on purpose when chaos is on) and through an Admitad-shaped statistics API. A control
 * page and a JSON API let testers and e2e tests decide orders at once. Routes: see
 * `affiliate-network-routes.ts` and docs/integrations/sandbox-network.md.
 */
export function createAffiliateNetworkSimulator(options: AffiliateNetworkOptions): AffiliateNetworkSimulator {
  if (!/^https?:\/\/[^/]/i.test(options.platformUrl))
    throw new AffiliateNetworkInputError(`platformUrl must be an http(s) URL, got "${options.platformUrl}"`);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const capacity = options.capacity ?? 1000;
  const secret = options.secret ?? AFFILIATE_NETWORK_SANDBOX_SECRET;
  const tasks = new TaskGroup(options.scheduler ?? systemScheduler);
  let settings = applySettings(DEFAULT_AFFILIATE_NETWORK_SETTINGS, options);
  const clicks: NetworkClick[] = [];
  const book = new OrderBook(clock, capacity);
  const dispatcher = new PostbackDispatcher({
    postbackUrl: `${options.platformUrl.replace(/\/+$/, '')}${options.postbackPath ?? '/postbacks/sandbox'}`,
    secret,
    clock,
    scheduler: tasks,
    random,
    settings: () => settings,
    capacity,
  });

  const command = (orderId: string, name: OrderCommand, refundAmount?: string | null): NetworkOrder => {
    const refundMinor = refundAmount ? parseKzt(refundAmount) : null;
    // A malformed amount becomes 0, which the order book refuses like any other impossible amount.
    const order = book.apply(orderId, name, refundAmount && refundMinor === undefined ? 0n : refundMinor);
    dispatcher.dispatch(actionOf(order));
    return order;
  };

  /** The network decides by itself after a while, unless someone on the control page was faster. */
  const scheduleDecision = (order: NetworkOrder): void => {
    const declines = settings.declineRate > 0 && random() < settings.declineRate;
    const delay = declines ? settings.declineAfterMs : settings.approveAfterMs;
    if (delay === null) return;
    tasks.after(delay, () => {
      if (book.get(order.orderId)?.status === 'pending')
        command(order.orderId, declines ? 'decline' : 'approve');
    });
  };

  const itemsFor = (input: PlaceOrderInput): { items: OrderItem[]; sumMinor: bigint } => {
    if (input.orderSum !== undefined) {
      const sumMinor = parseKzt(input.orderSum);
      if (sumMinor === undefined || sumMinor <= 0n || sumMinor > MAX_ORDER_MINOR)
        throw new AffiliateNetworkInputError('order_sum must be a KZT amount from 0.01 to 1000000000.00');
      return { items: [], sumMinor };
    }
    const product = catalogFor(input.offer ?? null).find((candidate) => candidate.sku === input.sku);
    if (!product) throw new AffiliateNetworkInputError('sku is not a product of this offer’s shop');
    const quantity = input.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10)
      throw new AffiliateNetworkInputError('quantity must be an integer from 1 to 10');
    const item = { sku: product.sku, name: product.name, quantity, priceMinor: product.priceMinor };
    return { items: [item], sumMinor: product.priceMinor * BigInt(quantity) };
  };

  const simulator: AffiliateNetworkSimulator = {
    name: 'affiliate-network',
    description:
      'Affiliate network: shop at /click?subid=&url=&offer=, signed postbacks, statistics API, control page at /control',
    clicks,
    get orders() {
      return book.list();
    },
    get postbacks() {
      return dispatcher.attempts;
    },
    get settings() {
      return settings;
    },
    postbackUrl: dispatcher.postbackUrl,
    secret,
    configure(patch) {
      settings = applySettings(settings, patch);
      return settings;
    },
    recordClick(click) {
      const recorded = { ...click, receivedAt: clock.now().toISOString() };
      clicks.push(recorded);
      if (clicks.length > capacity) clicks.shift();
      return recorded;
    },
    placeOrder(input) {
      if (input.clickId.length === 0 || input.clickId.length > 200)
        throw new AffiliateNetworkInputError('click_id must be 1 to 200 characters');
      if (input.offer && input.offer.length > 100)
        throw new AffiliateNetworkInputError('offer must be at most 100 characters');
      if (isIP(input.actionIp) === 0) throw new AffiliateNetworkInputError('action_ip must be an IP address');
      const { items, sumMinor } = itemsFor(input);
      const order = book.place({
        clickId: input.clickId,
        offer: input.offer ?? null,
        items,
        sumMinor,
        commissionBasisPoints: basisPoints(settings.commissionPercent),
        actionIp: input.actionIp,
        userAgent: input.userAgent.slice(0, 512),
      });
      dispatcher.dispatch(actionOf(order), settings.pendingDelayMs);
      scheduleDecision(order);
      return order;
    },
    command,
    resend(orderId) {
      const order = book.get(orderId);
      if (order) dispatcher.dispatch(actionOf(order));
      return order;
    },
    async register(app: FastifyInstance, context) {
      dispatcher.attach(context.webhooks);
      app.addHook('onClose', async () => {
        tasks.cancelAll();
      });
      registerAffiliateNetworkRoutes(app, { simulator, book, random });
    },
  };
  return simulator;
}
