import { AppError, isAppError, newId } from '@sauda/platform';
import type { ConversionsContext } from './conversions.context.ts';
import { ConversionsErrors } from './conversions.errors.ts';
import type { InboxAuth, InboxSource } from './conversions.tables.ts';
import type { NetworkSettings } from './network-directory.ts';
import { acceptsUrlSecret, isAllowedAddress } from './network-settings.ts';
import { fieldsOf, parseAmount, readOptionsFor, readReport, type RawReport } from './read-report.ts';
import { checkSignature, REPLAY_WINDOW_SECONDS, sameSecret } from './signature.ts';

/** A report as the HTTP layer hands it over: raw, unauthenticated. */
export interface IncomingReport {
  readonly method: string;
  /** The raw query string, without `?`. */
  readonly query: string;
  readonly body: string;
  readonly contentType: string | null;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly ip: string;
  readonly requestId: string;
}

/** Request headers worth keeping with a report (never cookies or authorization). */
const KEPT_HEADERS = ['user-agent', 'x-sauda-signature', 'x-sauda-key', 'origin', 'referer'];

const header = (incoming: IncomingReport, name: string): string | undefined => {
  const value = incoming.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const REDACTED = '[redacted]';

/** The secret parameter replaced, so the inbox (and anyone reading it) never holds the secret. */
function redactQuery(query: string, name: string): string {
  const params = new URLSearchParams(query);
  if (!params.has(name)) return query;
  params.set(name, REDACTED);
  return params.toString();
}

function redactBody(body: string, contentType: string | null, name: string): string {
  if (body.trim() === '') return body;
  if (body.trim().startsWith('{') && !(contentType ?? '').includes('x-www-form-urlencoded')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      // Unreadable, so it cannot be processed either; readReport rejects it as malformed.
      return body;
    }
    if (typeof parsed !== 'object' || parsed === null || !(name in parsed)) return body;
    return JSON.stringify({ ...parsed, [name]: REDACTED });
  }
  return redactQuery(body, name);
}

type Authenticated = { readonly auth: InboxAuth; readonly query: string; readonly body: string };

function authenticatePostback(
  network: NetworkSettings,
  incoming: IncomingReport,
  pathSecret: string | undefined,
): Authenticated {
  const signature = header(incoming, 'x-sauda-signature');
  if (signature !== undefined) {
    // A GET has no body: its query string is what is signed.
    const payload = incoming.method === 'GET' ? incoming.query : incoming.body;
    const check = checkSignature(signature, network.secret, payload, Date.now());
    if (check === 'invalid') throw new AppError(ConversionsErrors.CONVERSIONS_SIGNATURE_INVALID);
    if (check === 'expired')
      throw new AppError(ConversionsErrors.CONVERSIONS_SIGNATURE_EXPIRED, {
        params: { seconds: REPLAY_WINDOW_SECONDS },
      });
    return { auth: 'signature', query: incoming.query, body: incoming.body };
  }
  if (!acceptsUrlSecret(network.kind))
    throw new AppError(ConversionsErrors.CONVERSIONS_AUTHENTICATION_REQUIRED);
  const name = network.mapping.secret;
  const given = pathSecret ?? fieldsOf(incoming).get(name);
  if (given === undefined) throw new AppError(ConversionsErrors.CONVERSIONS_AUTHENTICATION_REQUIRED);
  if (!sameSecret(given, network.secret)) throw new AppError(ConversionsErrors.CONVERSIONS_SECRET_INVALID);
  return {
    auth: 'secret',
    query: redactQuery(incoming.query, name),
    body: redactBody(incoming.body, incoming.contentType, name),
  };
}

function checkAddress(network: NetworkSettings, ip: string): void {
  if (network.ipAllowlist.length > 0 && !isAllowedAddress(network.addresses, ip))
    throw new AppError(ConversionsErrors.CONVERSIONS_IP_NOT_ALLOWED);
}

/** `GET|POST /postbacks/{networkKey}[/{secret}]`: a network's postback. */
export async function acceptPostback(
  ctx: ConversionsContext,
  networkKey: string,
  pathSecret: string | undefined,
  incoming: IncomingReport,
): Promise<{ id: string }> {
  const network = await ctx.networks.byKey(networkKey);
  if (!network || !network.active || network.kind === 'direct')
    throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
  checkAddress(network, incoming.ip);
  const authenticated = authenticatePostback(network, incoming, pathSecret);
  return store(ctx, network, incoming, { source: 'postback', ...authenticated });
}

/** `POST /v1/conversions`: a retailer's server, identified by its publishable key and signing with its secret key. */
export async function acceptRetailerReport(
  ctx: ConversionsContext,
  incoming: IncomingReport,
): Promise<{ id: string }> {
  const key = header(incoming, 'x-sauda-key');
  const signature = header(incoming, 'x-sauda-signature');
  if (key === undefined || signature === undefined)
    throw new AppError(ConversionsErrors.CONVERSIONS_AUTHENTICATION_REQUIRED);
  const network = await ctx.networks.byPublishableKey(key);
  // An unknown key and a wrong signature get the same answer: keys are not to be probed.
  if (!network || !network.active || network.kind !== 'direct')
    throw new AppError(ConversionsErrors.CONVERSIONS_SIGNATURE_INVALID);
  checkAddress(network, incoming.ip);
  const check = checkSignature(signature, network.secret, incoming.body, Date.now());
  if (check === 'invalid') throw new AppError(ConversionsErrors.CONVERSIONS_SIGNATURE_INVALID);
  if (check === 'expired')
    throw new AppError(ConversionsErrors.CONVERSIONS_SIGNATURE_EXPIRED, {
      params: { seconds: REPLAY_WINDOW_SECONDS },
    });
  return store(ctx, network, incoming, {
    source: 'api',
    auth: 'signature',
    query: incoming.query,
    body: incoming.body,
  });
}

/** `POST /v1/pixel/conversions`: the pixel in a shopper's browser, on a site the retailer allowed. */
export async function acceptPixelReport(
  ctx: ConversionsContext,
  incoming: IncomingReport,
): Promise<{ id: string; origin: string }> {
  const key = fieldsOf({ query: '', body: incoming.body, contentType: 'application/json' }).get('key');
  const network = key === undefined ? undefined : await ctx.networks.byPublishableKey(key);
  if (!network || !network.active || network.kind !== 'direct')
    throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
  const origin = header(incoming, 'origin');
  if (origin === undefined || !network.allowedOrigins.includes(origin))
    throw new AppError(ConversionsErrors.CONVERSIONS_ORIGIN_NOT_ALLOWED);
  const stored = await store(ctx, network, incoming, {
    source: 'pixel',
    auth: 'publishable-key',
    query: '',
    body: incoming.body,
  });
  return { ...stored, origin };
}

/**
 * Validates the authenticated report, then writes it to the inbox, valid or not: a valid one waits
 * there for the processor; an invalid one is stored already marked `rejected` with its error code,
 * and the sender gets the error.
 */
async function store(
  ctx: ConversionsContext,
  network: NetworkSettings,
  incoming: IncomingReport,
  authenticated: Authenticated & { readonly source: InboxSource },
): Promise<{ id: string }> {
  const receivedAt = ctx.clock.now();
  const headers: Record<string, string> = { 'x-request-id': incoming.requestId };
  for (const name of KEPT_HEADERS) {
    const value = header(incoming, name);
    if (value !== undefined) headers[name] = value.slice(0, 1024);
  }
  const raw: RawReport = {
    source: authenticated.source,
    method: incoming.method,
    query: authenticated.query,
    body: authenticated.body,
    contentType: incoming.contentType,
    headers,
    remoteIp: incoming.ip,
    receivedAt,
    derivedCommission: null,
  };
  const id = newId('pbk');
  let rejection: AppError | undefined;
  let derivedCommission: bigint | null = null;
  try {
    derivedCommission = await commissionFromTerms(ctx, network, raw);
    readReport({ ...raw, derivedCommission }, network, readOptionsFor(raw));
  } catch (error) {
    if (!isAppError(error)) throw error;
    rejection = error;
  }
  await ctx.inbox.insert({
    id,
    networkId: network.id,
    source: raw.source,
    receivedAt,
    method: raw.method,
    query: raw.query,
    body: raw.body,
    contentType: raw.contentType,
    headers,
    remoteIp: raw.remoteIp,
    auth: authenticated.auth,
    digest: null,
    derivedCommission: derivedCommission === null ? null : derivedCommission.toString(),
    ...(rejection
      ? { processedAt: receivedAt, outcome: 'rejected' as const, errorCode: rejection.code }
      : {}),
  });
  if (rejection) {
    ctx.logger?.warn(
      { networkKey: network.key, inboxId: id, code: rejection.code, requestId: incoming.requestId },
      'conversion report rejected',
    );
    throw rejection;
  }
  ctx.wakeProcessor();
  return { id };
}

/** Retailers may leave the commission to the partner's terms; networks always send theirs. */
async function commissionFromTerms(
  ctx: ConversionsContext,
  network: NetworkSettings,
  raw: RawReport,
): Promise<bigint | null> {
  if (network.kind !== 'direct' || network.partnerId === null) return null;
  const fields = fieldsOf(raw);
  const { mapping } = network;
  if (fields.get(mapping.commission)?.trim()) return null;
  const currency = (fields.get(mapping.currency)?.trim() || network.defaultCurrency).toUpperCase();
  const orderText = fields.get(mapping.orderAmount);
  let orderAmount: bigint | null = null;
  if (orderText !== undefined) {
    try {
      orderAmount = parseAmount(orderText, currency) ?? null;
    } catch {
      // An unknown currency: readReport names the problem.
      return null;
    }
  }
  return (await ctx.terms.derive(network.partnerId, orderAmount, currency)) ?? null;
}
