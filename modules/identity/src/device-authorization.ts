import { AppError, newId, type RequestContext } from '@sauda/platform';
import {
  findDeviceAuthorizationByDeviceCode,
  findPendingByUserCode,
  insertDeviceAuthorization,
  updateDeviceAuthorization,
} from './devices.repository.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { AuthenticatedUser } from './principal.ts';
import { humanCode, normalizeHumanCode, randomToken, sha256 } from './secrets.ts';
import { startTokenSession, type TokenSet } from './start-session.ts';

/**
 * OAuth 2.0 Device Authorization Grant (RFC 8628) for the browser extension and the Telegram bot:
 * the device shows a user code, the user approves it in the signed-in cabinet, and the device,
 * polling the token endpoint, receives tokens limited to the scopes its client is registered for.
 */
const DEVICE_CODE_TTL_SECONDS = 600;
const POLL_INTERVAL_SECONDS = 5;
const SLOW_DOWN_STEP_SECONDS = 5;

export interface DeviceCodeResponse {
  readonly device_code: string;
  readonly user_code: string;
  readonly verification_uri: string;
  readonly verification_uri_complete: string;
  readonly expires_in: number;
  readonly interval: number;
}

export async function requestDeviceCode(
  ctx: IdentityContext,
  input: { clientId: string; scope?: string | undefined },
): Promise<DeviceCodeResponse> {
  const client = ctx.deviceClients[input.clientId];
  if (!client) throw new AppError(IdentityErrors.IDENTITY_UNKNOWN_CLIENT);
  const requested = input.scope?.split(' ').filter(Boolean) ?? [...client.scopes];
  const refused = requested.filter((scope) => !client.scopes.includes(scope));
  if (refused.length > 0) {
    throw new AppError(IdentityErrors.IDENTITY_SCOPE_NOT_ALLOWED, { params: { scopes: refused.join(' ') } });
  }
  const now = ctx.clock.now();
  const deviceCode = randomToken();
  const userCode = humanCode(8);
  await insertDeviceAuthorization(ctx.db, {
    id: newId('dva'),
    deviceCodeHash: sha256(deviceCode),
    userCode,
    clientId: input.clientId,
    scopes: requested,
    status: 'pending',
    intervalSeconds: POLL_INTERVAL_SECONDS,
    expiresAt: new Date(now.getTime() + DEVICE_CODE_TTL_SECONDS * 1000),
    createdAt: now,
  });
  const display = `${userCode.slice(0, 4)}-${userCode.slice(4)}`;
  return {
    device_code: deviceCode,
    user_code: display,
    verification_uri: ctx.verificationUri,
    verification_uri_complete: `${ctx.verificationUri}?user_code=${display}`,
    expires_in: DEVICE_CODE_TTL_SECONDS,
    interval: POLL_INTERVAL_SECONDS,
  };
}

export interface DeviceRequestView {
  readonly clientId: string;
  readonly clientName: string;
  readonly scopes: readonly string[];
  readonly expiresAt: string;
}

/** What the cabinet shows before the user approves: which app asks for what. */
export async function describeDeviceRequest(
  ctx: IdentityContext,
  userCode: string,
): Promise<DeviceRequestView> {
  const row = await findPendingByUserCode(ctx.db, normalizeHumanCode(userCode), ctx.clock.now());
  if (!row) throw new AppError(IdentityErrors.IDENTITY_DEVICE_CODE_NOT_FOUND);
  return {
    clientId: row.clientId,
    clientName: ctx.deviceClients[row.clientId]?.name ?? row.clientId,
    scopes: row.scopes,
    expiresAt: row.expiresAt.toISOString(),
  };
}

export async function decideDeviceRequest(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  input: { userCode: string; approve: boolean },
  context: RequestContext | undefined,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await findPendingByUserCode(tx, normalizeHumanCode(input.userCode), now, { forUpdate: true });
    if (!row) throw new AppError(IdentityErrors.IDENTITY_DEVICE_CODE_NOT_FOUND);
    await updateDeviceAuthorization(tx, row.id, {
      status: input.approve ? 'approved' : 'denied',
      userId: principal.id,
      decidedAt: now,
    });
    await ctx.audit.record(tx, {
      actor: principal.id,
      action: input.approve ? 'identity.device-approved' : 'identity.device-denied',
      entityType: 'device-authorization',
      entityId: row.id,
      after: { clientId: row.clientId, scopes: row.scopes },
      context,
    });
  });
}

type PollOutcome =
  { readonly ok: true; readonly tokens: TokenSet } | { readonly ok: false; readonly error: AppError };

/** The device's poll (token endpoint, device_code grant). Poll bookkeeping commits even on errors. */
export async function pollDeviceToken(
  ctx: IdentityContext,
  input: { deviceCode: string; clientId: string | undefined },
  context: RequestContext | undefined,
): Promise<TokenSet> {
  const outcome = await ctx.db.transaction(async (tx): Promise<PollOutcome> => {
    const now = ctx.clock.now();
    const row = await findDeviceAuthorizationByDeviceCode(tx, sha256(input.deviceCode));
    // RFC 8628 §3.4: the code is bound to the client it was issued to.
    const wrongClient = input.clientId !== undefined && row?.clientId !== input.clientId;
    if (!row || row.status === 'consumed' || wrongClient) {
      return { ok: false, error: new AppError(IdentityErrors.IDENTITY_INVALID_GRANT) };
    }
    if (row.expiresAt <= now)
      return { ok: false, error: new AppError(IdentityErrors.IDENTITY_DEVICE_CODE_EXPIRED) };
    if (row.status === 'denied')
      return { ok: false, error: new AppError(IdentityErrors.IDENTITY_DEVICE_ACCESS_DENIED) };
    if (row.status === 'pending') {
      const tooSoon =
        row.lastPolledAt && now.getTime() - row.lastPolledAt.getTime() < row.intervalSeconds * 1000;
      const interval = tooSoon ? row.intervalSeconds + SLOW_DOWN_STEP_SECONDS : row.intervalSeconds;
      await updateDeviceAuthorization(tx, row.id, { lastPolledAt: now, intervalSeconds: interval });
      return {
        ok: false,
        error: tooSoon
          ? new AppError(IdentityErrors.IDENTITY_DEVICE_SLOW_DOWN, { params: { interval } })
          : new AppError(IdentityErrors.IDENTITY_DEVICE_AUTHORIZATION_PENDING),
      };
    }
    const userId = row.userId;
    if (!userId) return { ok: false, error: new AppError(IdentityErrors.IDENTITY_INVALID_GRANT) };
    const { sessionId, tokens } = await startTokenSession(ctx, tx, {
      userId,
      secondFactorAt: undefined,
      context,
      kind: 'device',
      client: row.clientId,
      scopes: row.scopes,
    });
    await updateDeviceAuthorization(tx, row.id, { status: 'consumed', sessionId, lastPolledAt: now });
    await ctx.audit.record(tx, {
      actor: userId,
      action: 'identity.device-authorized',
      entityType: 'session',
      entityId: sessionId,
      after: { clientId: row.clientId, scopes: row.scopes, deviceAuthorizationId: row.id },
      context,
    });
    return { ok: true, tokens };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.tokens;
}
