import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { AppError, newId, type FieldError, type Tx } from '@sauda/platform';
import type { Actor, ConversionsContext } from './conversions.context.ts';
import { ConversionsErrors } from './conversions.errors.ts';
import {
  networks,
  type NetworkKind,
  type NetworkRow,
  type ParameterMapping,
  type StatusMapping,
} from './conversions.tables.ts';
import { pollingTokenContext, secretContext } from './network-directory.ts';
import {
  defaultMappingOf,
  defaultStatusMappingOf,
  isOrigin,
  isReportCurrency,
  mappingProblems,
  parseAddressRule,
  statusMappingProblems,
} from './network-settings.ts';

export interface PollingInput {
  /** The network's `statistics/actions`-style endpoint. */
  readonly url: string;
  /** Bearer token of the network's API; the network's secret when absent. */
  readonly token?: string | null | undefined;
  readonly enabled: boolean;
}

export interface NetworkInput {
  readonly key: string;
  readonly name: string;
  readonly kind: NetworkKind;
  /** Generated when absent (and always for retailers, as an `sk_…` key). */
  readonly secret?: string | undefined;
  readonly ipAllowlist?: readonly string[] | undefined;
  readonly parameterMapping?: Partial<ParameterMapping> | undefined;
  readonly statusMapping?: Readonly<Record<string, string>> | undefined;
  readonly defaultCurrency?: string | undefined;
  readonly partnerId?: string | null | undefined;
  readonly allowedOrigins?: readonly string[] | undefined;
  readonly polling?: PollingInput | null | undefined;
  readonly active?: boolean | undefined;
}

export interface NetworkPatch {
  readonly name?: string | undefined;
  readonly secret?: string | undefined;
  /** Replace the secret with a newly generated one (returned once). */
  readonly rotateSecret?: boolean | undefined;
  readonly ipAllowlist?: readonly string[] | undefined;
  readonly parameterMapping?: Partial<ParameterMapping> | undefined;
  readonly statusMapping?: Readonly<Record<string, string>> | undefined;
  readonly defaultCurrency?: string | undefined;
  readonly partnerId?: string | null | undefined;
  readonly allowedOrigins?: readonly string[] | undefined;
  readonly polling?: PollingInput | null | undefined;
  readonly active?: boolean | undefined;
}

export interface NetworkView {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly kind: NetworkKind;
  readonly ipAllowlist: string[];
  readonly parameterMapping: ParameterMapping;
  readonly statusMapping: StatusMapping;
  readonly defaultCurrency: string;
  readonly partnerId: string | null;
  readonly publishableKey: string | null;
  readonly allowedOrigins: string[];
  readonly polling: {
    readonly url: string;
    readonly enabled: boolean;
    readonly hasToken: boolean;
    readonly polledUntil: string | null;
  } | null;
  readonly active: boolean;
  /** Where this network sends postbacks (retailers: `POST /v1/conversions` and the pixel). */
  readonly postbackUrl: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NetworkWithSecret {
  readonly network: NetworkView;
  /** Only when it was generated or changed by this call: it is never shown again. */
  readonly secret?: string | undefined;
}

const MIN_SECRET = 16;
const MAX_LIST = 50;

export function toNetworkView(row: NetworkRow, publicUrl: string): NetworkView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    ipAllowlist: row.ipAllowlist,
    parameterMapping: row.parameterMapping,
    statusMapping: row.statusMapping,
    defaultCurrency: row.defaultCurrency,
    partnerId: row.partnerId,
    publishableKey: row.publishableKey,
    allowedOrigins: row.allowedOrigins,
    polling: row.pollingUrl
      ? {
          url: row.pollingUrl,
          enabled: row.pollingEnabled,
          hasToken: row.pollingTokenCiphertext !== null,
          polledUntil: row.polledUntil?.toISOString() ?? null,
        }
      : null,
    active: row.active,
    postbackUrl: row.kind === 'direct' ? `${publicUrl}/v1/conversions` : `${publicUrl}/postbacks/${row.key}`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const generatedSecret = (kind: NetworkKind): string =>
  `${kind === 'direct' ? 'sk_' : ''}${randomBytes(32).toString('base64url')}`;

interface Settled {
  readonly ipAllowlist: readonly string[];
  readonly parameterMapping: ParameterMapping;
  readonly statusMapping: StatusMapping;
  readonly defaultCurrency: string;
  readonly partnerId: string | null;
  readonly allowedOrigins: readonly string[];
  readonly polling: PollingInput | null;
}

/** Checks everything that cannot be said in the request schema; throws with every problem at once. */
async function validate(
  ctx: ConversionsContext,
  kind: NetworkKind,
  settled: Settled,
  secret: string | undefined,
): Promise<void> {
  const problems: FieldError[] = [];
  if (secret !== undefined && (secret.length < MIN_SECRET || secret.length > 256))
    problems.push({ path: '/secret', message: `from ${MIN_SECRET} to 256 characters` });
  if (settled.ipAllowlist.length > MAX_LIST)
    problems.push({ path: '/ipAllowlist', message: `at most ${MAX_LIST} entries` });
  settled.ipAllowlist.forEach((rule, index) => {
    if (!parseAddressRule(rule))
      problems.push({ path: `/ipAllowlist/${index}`, message: 'an IP address or a CIDR block' });
  });
  problems.push(...mappingProblems(settled.parameterMapping, '/parameterMapping'));
  problems.push(...statusMappingProblems(settled.statusMapping, '/statusMapping'));
  if (!isReportCurrency(settled.defaultCurrency))
    problems.push({ path: '/defaultCurrency', message: 'a currency the platform supports, e.g. KZT' });
  if (settled.allowedOrigins.length > MAX_LIST)
    problems.push({ path: '/allowedOrigins', message: `at most ${MAX_LIST} entries` });
  settled.allowedOrigins.forEach((origin, index) => {
    if (!isOrigin(origin))
      problems.push({ path: `/allowedOrigins/${index}`, message: 'an origin such as https://shop.kz' });
  });
  if (kind === 'direct') {
    if (settled.partnerId === null)
      problems.push({ path: '/partnerId', message: 'required for a retailer without a network' });
    if (settled.polling !== null) problems.push({ path: '/polling', message: 'retailers are not polled' });
  } else if (settled.allowedOrigins.length > 0) {
    problems.push({ path: '/allowedOrigins', message: 'only retailers have a pixel' });
  }
  if (settled.polling) {
    if (!/^https?:\/\/[^\s]+$/.test(settled.polling.url) || !URL.canParse(settled.polling.url))
      problems.push({ path: '/polling/url', message: 'an http(s) URL' });
    const token = settled.polling.token;
    if (token !== undefined && token !== null && (token.length < 8 || token.length > 512))
      problems.push({ path: '/polling/token', message: 'from 8 to 512 characters' });
  }
  if (problems.length > 0)
    throw new AppError(ConversionsErrors.CONVERSIONS_INVALID_NETWORK, { errors: problems });
  if (settled.partnerId !== null && !(await ctx.catalog.getPartner(settled.partnerId)))
    throw new AppError(ConversionsErrors.CONVERSIONS_PARTNER_NOT_FOUND);
}

const mappingFor = (kind: NetworkKind, given: Partial<ParameterMapping> | undefined): ParameterMapping =>
  // Retailers speak one fixed format (docs/integrations/postbacks.md); networks are mapped.
  kind === 'direct' ? defaultMappingOf(kind) : { ...defaultMappingOf(kind), ...given };

const statusesFor = (kind: NetworkKind, given: Readonly<Record<string, string>> | undefined): StatusMapping =>
  (given ?? defaultStatusMappingOf(kind)) as StatusMapping;

/** What audit keeps of a network: its settings, never a secret. */
const auditView = (row: NetworkRow) => ({
  key: row.key,
  name: row.name,
  kind: row.kind,
  ipAllowlist: row.ipAllowlist,
  parameterMapping: row.parameterMapping,
  statusMapping: row.statusMapping,
  defaultCurrency: row.defaultCurrency,
  partnerId: row.partnerId,
  allowedOrigins: row.allowedOrigins,
  pollingUrl: row.pollingUrl,
  pollingEnabled: row.pollingEnabled,
  active: row.active,
});

export async function createNetwork(
  ctx: ConversionsContext,
  actor: Actor,
  input: NetworkInput,
): Promise<NetworkWithSecret> {
  const settled: Settled = {
    ipAllowlist: input.ipAllowlist ?? [],
    parameterMapping: mappingFor(input.kind, input.parameterMapping),
    statusMapping: statusesFor(input.kind, input.statusMapping),
    defaultCurrency: input.defaultCurrency ?? 'KZT',
    partnerId: input.partnerId ?? null,
    allowedOrigins: input.allowedOrigins ?? [],
    polling: input.polling ?? null,
  };
  if (input.kind === 'direct' && input.secret !== undefined)
    throw new AppError(ConversionsErrors.CONVERSIONS_INVALID_NETWORK, {
      errors: [{ path: '/secret', message: 'a retailer secret key is always generated' }],
    });
  await validate(ctx, input.kind, settled, input.secret);
  const secret = input.secret ?? generatedSecret(input.kind);
  const id = newId('net');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(networks)
      .values({
        id,
        key: input.key,
        name: input.name,
        kind: input.kind,
        secretCiphertext: ctx.encryptor.encrypt(secret, secretContext(id)),
        ipAllowlist: [...settled.ipAllowlist],
        parameterMapping: settled.parameterMapping,
        statusMapping: settled.statusMapping,
        defaultCurrency: settled.defaultCurrency,
        partnerId: settled.partnerId,
        publishableKey: input.kind === 'direct' ? `pk_${randomBytes(18).toString('base64url')}` : null,
        allowedOrigins: [...settled.allowedOrigins],
        ...pollingColumns(ctx, id, settled.polling),
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: networks.key })
      .returning();
    if (!inserted)
      throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_KEY_TAKEN, { params: { key: input.key } });
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'conversions.network-created',
      entityType: 'conversion-network',
      entityId: id,
      after: auditView(inserted),
      context: actor.context,
    });
    return inserted;
  });
  ctx.networks.invalidate();
  return { network: toNetworkView(row, ctx.publicUrl), secret };
}

function pollingColumns(ctx: ConversionsContext, id: string, polling: PollingInput | null) {
  return {
    pollingUrl: polling?.url ?? null,
    pollingTokenCiphertext: polling?.token
      ? ctx.encryptor.encrypt(polling.token, pollingTokenContext(id))
      : null,
    pollingEnabled: polling?.enabled ?? false,
  };
}

export async function updateNetwork(
  ctx: ConversionsContext,
  actor: Actor,
  networkId: string,
  patch: NetworkPatch,
): Promise<NetworkWithSecret> {
  const result = await ctx.db.transaction(async (tx) => {
    const existing = await findNetwork(tx, networkId, true);
    if (!existing) throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
    const kind = existing.kind;
    if (kind === 'direct' && patch.secret !== undefined)
      throw new AppError(ConversionsErrors.CONVERSIONS_INVALID_NETWORK, {
        errors: [{ path: '/secret', message: 'rotate a retailer secret key instead' }],
      });
    const currentPolling: PollingInput | null = existing.pollingUrl
      ? { url: existing.pollingUrl, enabled: existing.pollingEnabled }
      : null;
    const settled: Settled = {
      ipAllowlist: patch.ipAllowlist ?? existing.ipAllowlist,
      parameterMapping: patch.parameterMapping
        ? mappingFor(kind, { ...existing.parameterMapping, ...patch.parameterMapping })
        : existing.parameterMapping,
      statusMapping: patch.statusMapping ? statusesFor(kind, patch.statusMapping) : existing.statusMapping,
      defaultCurrency: patch.defaultCurrency ?? existing.defaultCurrency,
      partnerId: patch.partnerId === undefined ? existing.partnerId : patch.partnerId,
      allowedOrigins: patch.allowedOrigins ?? existing.allowedOrigins,
      polling: patch.polling === undefined ? currentPolling : patch.polling,
    };
    await validate(ctx, kind, settled, patch.secret);
    const secret = patch.rotateSecret ? generatedSecret(kind) : patch.secret;
    const polling =
      patch.polling === undefined
        ? {}
        : patch.polling === null
          ? pollingColumns(ctx, networkId, null)
          : patch.polling.token === undefined
            ? { pollingUrl: patch.polling.url, pollingEnabled: patch.polling.enabled }
            : pollingColumns(ctx, networkId, patch.polling);
    const [row] = await tx
      .update(networks)
      .set({
        name: patch.name ?? existing.name,
        ...(secret === undefined
          ? {}
          : { secretCiphertext: ctx.encryptor.encrypt(secret, secretContext(networkId)) }),
        ipAllowlist: [...settled.ipAllowlist],
        parameterMapping: settled.parameterMapping,
        statusMapping: settled.statusMapping,
        defaultCurrency: settled.defaultCurrency,
        partnerId: settled.partnerId,
        allowedOrigins: [...settled.allowedOrigins],
        ...polling,
        active: patch.active ?? existing.active,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(networks.id, networkId))
      .returning();
    if (!row) throw new AppError(ConversionsErrors.CONVERSIONS_NETWORK_NOT_FOUND);
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'conversions.network-updated',
      entityType: 'conversion-network',
      entityId: networkId,
      before: auditView(existing),
      after: { ...auditView(row), secretChanged: secret !== undefined },
      context: actor.context,
    });
    return { row, secret };
  });
  ctx.networks.invalidate();
  return { network: toNetworkView(result.row, ctx.publicUrl), secret: result.secret };
}

export async function findNetwork(
  executor: ConversionsContext['db'] | Tx,
  networkId: string,
  forUpdate = false,
): Promise<NetworkRow | undefined> {
  const query = executor.select().from(networks).where(eq(networks.id, networkId));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function listNetworks(ctx: ConversionsContext): Promise<NetworkView[]> {
  const rows = await ctx.db.select().from(networks).orderBy(asc(networks.key));
  return rows.map((row) => toNetworkView(row, ctx.publicUrl));
}

/** Marks a polling window as fetched completely; the next one starts an overlap before it. */
export async function recordPolledUntil(
  ctx: ConversionsContext,
  networkId: string,
  until: Date,
): Promise<void> {
  await ctx.db.update(networks).set({ polledUntil: until }).where(eq(networks.id, networkId));
  ctx.networks.invalidate();
}
