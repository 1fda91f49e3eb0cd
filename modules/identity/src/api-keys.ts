import { AppError, newId, type RequestContext } from '@sauda/platform';
import {
  insertApiKey,
  listApiKeys as listKeyRows,
  revokeApiKey as revokeKeyRow,
} from './api-keys.repository.ts';
import { API_KEY_PREFIX } from './authenticate.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { ApiKeyRow } from './identity.tables.ts';
import type { AuthenticatedUser } from './principal.ts';
import { ALL_PERMISSIONS, hasPermission } from './roles.ts';
import { humanCode, randomToken, sha256 } from './secrets.ts';

/**
 * API keys for machine clients (partners, affiliate networks). The key is `sk_<prefix>_<secret>`:
 * the prefix is stored and shown so people can tell keys apart, the secret only as a hash, and
 * the full key is returned once, at creation. A key acts as its owner, narrowed to its scopes.
 */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

const view = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** Scopes are permissions the creator holds right now: a key never grants more than its owner has. */
export async function createApiKey(
  ctx: IdentityContext,
  principal: AuthenticatedUser,
  input: { name: string; scopes: readonly string[] },
  context: RequestContext | undefined,
): Promise<ApiKeyView & { key: string }> {
  const scopes = [...new Set(input.scopes)].sort();
  const refused = scopes.filter(
    (scope) => scope === ALL_PERMISSIONS || !hasPermission(principal.permissions, scope),
  );
  if (scopes.length === 0 || refused.length > 0) {
    throw new AppError(IdentityErrors.IDENTITY_SCOPE_NOT_ALLOWED, { params: { scopes: refused.join(' ') } });
  }
  const now = ctx.clock.now();
  const prefix = `${API_KEY_PREFIX}${humanCode(10).toLowerCase()}`;
  const secret = randomToken();
  const row: ApiKeyRow = {
    id: newId('key'),
    userId: principal.id,
    name: input.name.trim(),
    prefix,
    secretHash: sha256(secret),
    scopes,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await insertApiKey(tx, row);
    await ctx.audit.record(tx, {
      actor: principal.id,
      action: 'identity.api-key-created',
      entityType: 'api-key',
      entityId: row.id,
      after: { prefix, scopes },
      context,
    });
  });
  return { ...view(row), key: `${prefix}_${secret}` };
}

export async function listApiKeys(ctx: IdentityContext, userId: string): Promise<ApiKeyView[]> {
  return (await listKeyRows(ctx.db, userId)).map(view);
}

/** Someone else's key id answers 404 like an unknown one. */
export async function revokeApiKey(
  ctx: IdentityContext,
  userId: string,
  keyId: string,
  context: RequestContext | undefined,
): Promise<void> {
  const revoked = await ctx.db.transaction(async (tx) => {
    if (!(await revokeKeyRow(tx, keyId, userId, ctx.clock.now()))) return false;
    await ctx.audit.record(tx, {
      actor: userId,
      action: 'identity.api-key-revoked',
      entityType: 'api-key',
      entityId: keyId,
      context,
    });
    return true;
  });
  if (!revoked) throw new AppError(IdentityErrors.IDENTITY_API_KEY_NOT_FOUND);
}
