import type { Locale } from '@sauda/platform';
import { acceptFormPosts } from '../form-posts.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogFor } from './affiliate-network-catalog.ts';
import type { AffiliateNetworkSimulator } from './affiliate-network-contract.ts';
import { controlPage, settingsPatchFromForm } from './affiliate-network-control-page.ts';
import { sendHtml } from './affiliate-network-html.ts';
import {
  actionOf,
  AffiliateNetworkInputError,
  kztDecimal,
  OrderCommandError,
  type NetworkOrder,
  type OrderBook,
  type OrderCommand,
} from './affiliate-network-orders.ts';
import { AffiliateNetworkSettingsError } from './affiliate-network-settings.ts';
import { errorPage, receiptPage, shopPage } from './affiliate-network-shop-pages.ts';
import { bearerMatches, parseStatisticsQuery } from './affiliate-network-statistics.ts';
import { languageOf, textOf } from './affiliate-network-texts.ts';

export interface AffiliateNetworkRoutesDeps {
  readonly simulator: AffiliateNetworkSimulator;
  readonly book: OrderBook;
  readonly random: () => number;
}

const COMMANDS = ['approve', 'stall', 'decline', 'refund'] as const satisfies readonly OrderCommand[];
const isCommand = (value: string): value is OrderCommand => (COMMANDS as readonly string[]).includes(value);

/** Small bodies only: a form or a few JSON fields; anything bigger is 413 before it is parsed. */
const BODY_LIMIT = 16 * 1024;

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value !== '' && value.length <= max ? value : null;

/** Runs `action`, turning the simulator's input errors into a value the handler answers plainly. */
function refusal<T>(action: () => T): T | AffiliateNetworkInputError {
  try {
    return action();
  } catch (error) {
    if (error instanceof AffiliateNetworkInputError) return error;
    throw error;
  }
}

const STATUS_OF_FAILURE = { order_not_found: 404, invalid_state: 409, invalid_amount: 400 } as const;
const MESSAGE_OF_FAILURE = {
  order_not_found: 'orderNotFound',
  invalid_state: 'wrongState',
  invalid_amount: 'badAmount',
} as const;

/**
 * The network's HTTP surface, under the simulator's prefix (`/affiliate-network`):
 *
 *   GET  /click?subid=&url=&offer=          the offer's shop page (records the click; 400 without sub-id)
 *   GET  /clicks                            recorded clicks, newest first
 *   POST /buy  (form: subid, offer, sku, quantity, lang)   an order; 303 to its receipt
 *   GET  /orders/:orderId                   the receipt page
 *   GET  /control                           the control page; POST /control/orders/:id/<command>, /control/settings
 *   GET  /api/orders, GET /api/orders/:id, POST /api/orders, POST /api/orders/:id/<command>
 *   GET  /api/postbacks, GET|POST /api/settings
 *   GET  /api/statistics/actions            the polling API (Bearer secret)
 */
export function registerAffiliateNetworkRoutes(app: FastifyInstance, deps: AffiliateNetworkRoutesDeps): void {
  const { simulator, book } = deps;
  const base = app.prefix;

  acceptFormPosts(app, BODY_LIMIT);

  const orderJson = (order: NetworkOrder) => ({
    ...actionOf(order),
    offer: order.offer,
    original_order_sum: kztDecimal(order.originalSumMinor),
    commission_percent: (Number(order.commissionBasisPoints) / 100).toFixed(2),
    items: order.items.map((item) => ({
      sku: item.sku,
      name: item.name.en,
      quantity: item.quantity,
      price: kztDecimal(item.priceMinor),
    })),
    postbacks: simulator.postbacks.filter((attempt) => attempt.orderId === order.orderId),
  });

  const formOf = (request: FastifyRequest): Record<string, string> =>
    request.body && typeof request.body === 'object' ? (request.body as Record<string, string>) : {};
  const jsonOf = (request: FastifyRequest): Record<string, unknown> =>
    request.body && typeof request.body === 'object' && !Array.isArray(request.body)
      ? (request.body as Record<string, unknown>)
      : {};
  const languageFrom = (request: FastifyRequest, source: unknown): Locale =>
    languageOf(source, request.headers['accept-language']);
  const userAgentOf = (request: FastifyRequest): string => request.headers['user-agent'] ?? '';

  // --- the shop ---------------------------------------------------------------------------------

  app.get('/click', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const lang = languageFrom(request, query);
    const subid = text(query.subid, 200);
    if (!subid) return sendHtml(reply, 400, errorPage(lang, 'missingSubid'));
    const click = simulator.recordClick({ subid, offer: text(query.offer, 100), url: text(query.url, 2048) });
    return sendHtml(
      reply,
      200,
      shopPage(
        base,
        lang,
        { clickId: subid, offer: click.offer, targetUrl: click.url },
        catalogFor(click.offer),
      ),
    );
  });

  app.get('/clicks', async () => ({ clicks: [...simulator.clicks].reverse() }));

  app.post('/buy', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const form = formOf(request);
    const lang = languageFrom(request, form);
    const clickId = text(form.subid, 200);
    if (!clickId) return sendHtml(reply, 400, errorPage(lang, 'missingSubid'));
    const quantity = /^\d{1,2}$/.test(form.quantity ?? '') ? Number(form.quantity) : Number.NaN;
    if (!(quantity >= 1 && quantity <= 10)) return sendHtml(reply, 400, errorPage(lang, 'badQuantity'));
    const order = refusal(() =>
      simulator.placeOrder({
        clickId,
        offer: text(form.offer, 100),
        sku: form.sku ?? '',
        quantity,
        actionIp: request.ip,
        userAgent: userAgentOf(request),
      }),
    );
    if (order instanceof AffiliateNetworkInputError)
      return sendHtml(reply, 400, errorPage(lang, 'badProduct'));
    return reply.redirect(`${base}/orders/${encodeURIComponent(order.orderId)}?lang=${lang}`, 303);
  });

  app.get<{ Params: { orderId: string } }>('/orders/:orderId', async (request, reply) => {
    const lang = languageFrom(request, request.query);
    const order = book.get(request.params.orderId);
    if (!order) return sendHtml(reply, 404, errorPage(lang, 'orderNotFound'));
    return sendHtml(reply, 200, receiptPage(base, lang, order));
  });

  // --- the control page -------------------------------------------------------------------------

  const renderControl = (reply: FastifyReply, lang: Locale, status = 200, problem?: string) =>
    sendHtml(
      reply,
      status,
      controlPage({
        base,
        lang,
        orders: simulator.orders,
        attempts: simulator.postbacks,
        settings: simulator.settings,
        postbackUrl: simulator.postbackUrl,
        ...(problem ? { problem } : {}),
      }),
    );

  app.get('/control', async (request, reply) => renderControl(reply, languageFrom(request, request.query)));

  app.post<{ Params: { orderId: string; command: string } }>(
    '/control/orders/:orderId/:command',
    { bodyLimit: BODY_LIMIT },
    async (request, reply) => {
      const lang = languageFrom(request, request.query);
      const { orderId, command } = request.params;
      if (command === 'resend') {
        if (!simulator.resend(orderId)) return renderControl(reply, lang, 404, textOf('orderNotFound', lang));
      } else if (isCommand(command)) {
        try {
          simulator.command(orderId, command, formOf(request).amount ?? null);
        } catch (error) {
          if (!(error instanceof OrderCommandError)) throw error;
          const message = textOf(MESSAGE_OF_FAILURE[error.code], lang, { status: error.order?.status ?? '' });
          return renderControl(reply, lang, STATUS_OF_FAILURE[error.code], message);
        }
      } else return renderControl(reply, lang, 404, textOf('orderNotFound', lang));
      return reply.redirect(`${base}/control?lang=${lang}#${encodeURIComponent(orderId)}`, 303);
    },
  );

  app.post('/control/settings', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const lang = languageFrom(request, request.query);
    try {
      simulator.configure(settingsPatchFromForm(formOf(request)));
    } catch (error) {
      if (!(error instanceof AffiliateNetworkSettingsError)) throw error;
      return renderControl(reply, lang, 400, textOf('badSettings', lang, { detail: error.message }));
    }
    return reply.redirect(`${base}/control?lang=${lang}`, 303);
  });

  // --- the JSON API for e2e tests ---------------------------------------------------------------

  app.get('/api/orders', async () => ({ orders: simulator.orders.map(orderJson) }));

  app.get<{ Params: { orderId: string } }>('/api/orders/:orderId', async (request, reply) => {
    const order = book.get(request.params.orderId);
    return order ? orderJson(order) : reply.status(404).send({ error: 'order_not_found' });
  });

  app.post('/api/orders', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const body = jsonOf(request);
    const optionalText = (name: string): string | undefined => {
      const value = body[name];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') throw new AffiliateNetworkInputError(`${name} must be a string`);
      return value;
    };
    const order = refusal(() => {
      const clickId = optionalText('click_id');
      if (clickId === undefined) throw new AffiliateNetworkInputError('click_id is required');
      const quantity = body.quantity;
      if (quantity !== undefined && typeof quantity !== 'number')
        throw new AffiliateNetworkInputError('quantity must be a number');
      const orderSum = optionalText('order_sum');
      const sku = optionalText('sku');
      if (orderSum === undefined && sku === undefined)
        throw new AffiliateNetworkInputError('order_sum or sku is required');
      return simulator.placeOrder({
        clickId,
        offer: optionalText('offer') ?? null,
        ...(orderSum === undefined ? { sku: sku ?? '', quantity: quantity ?? 1 } : { orderSum }),
        actionIp: optionalText('action_ip') ?? request.ip,
        userAgent: optionalText('user_agent') ?? userAgentOf(request),
      });
    });
    if (order instanceof AffiliateNetworkInputError)
      return reply.status(400).send({ error: 'invalid_request', detail: order.message });
    return reply.status(201).send(orderJson(order));
  });

  app.post<{ Params: { orderId: string; command: string } }>(
    '/api/orders/:orderId/:command',
    { bodyLimit: BODY_LIMIT },
    async (request, reply) => {
      const { orderId, command } = request.params;
      if (command === 'resend') {
        const order = simulator.resend(orderId);
        return order ? orderJson(order) : reply.status(404).send({ error: 'order_not_found' });
      }
      if (!isCommand(command)) return reply.status(404).send({ error: 'unknown_command' });
      const amount = jsonOf(request).amount;
      if (amount !== undefined && amount !== null && typeof amount !== 'string')
        return reply.status(400).send({ error: 'invalid_amount', detail: 'amount must be a decimal string' });
      try {
        return orderJson(simulator.command(orderId, command, command === 'refund' ? (amount ?? null) : null));
      } catch (error) {
        if (!(error instanceof OrderCommandError)) throw error;
        return reply
          .status(STATUS_OF_FAILURE[error.code])
          .send({ error: error.code, ...(error.order ? { status: error.order.status } : {}) });
      }
    },
  );

  app.get('/api/postbacks', async () => ({ postbacks: simulator.postbacks }));
  app.get('/api/settings', async () => simulator.settings);
  app.post('/api/settings', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    try {
      return simulator.configure(jsonOf(request));
    } catch (error) {
      if (!(error instanceof AffiliateNetworkSettingsError)) throw error;
      return reply.status(400).send({ error: 'invalid_settings', detail: error.message });
    }
  });

  // --- the statistics API the platform polls ----------------------------------------------------

  app.get('/api/statistics/actions', async (request, reply) => {
    const { statisticsErrorRate } = simulator.settings.chaos;
    // A flaky upstream fails before it even looks at the request, as real outages do.
    if (statisticsErrorRate > 0 && deps.random() < statisticsErrorRate)
      return reply.status(503).header('retry-after', '1').send({ error: 'service_unavailable' });
    if (!bearerMatches(request.headers.authorization, simulator.secret))
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="affiliate-network"')
        .send({ error: 'unauthorized' });
    const query = parseStatisticsQuery(request.query);
    if (typeof query === 'string') return reply.status(400).send({ error: 'invalid_request', detail: query });
    const { count, page } = book.updatedBetween(query.start, query.end, query.offset, query.limit);
    return { results: page, _meta: { count, limit: query.limit, offset: query.offset } };
  });
}
