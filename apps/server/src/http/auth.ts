import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, PlatformErrors, type Clock } from '@sauda/platform';
import {
  CSRF_HEADER,
  hasPermission,
  IdentityErrors,
  SESSION_COOKIE,
  type AuthenticatedUser,
  type AuthGuards,
  type Authenticator,
} from '@sauda/identity';

/**
 * The auth hooks (Fastify preHandlers) every module's routes use; see modules/identity/README.md.
 * They turn a request's cookie, bearer token or API key into `request.user` through identity's
 * Authenticator and enforce CSRF, permissions and step-up.
 *
 * CSRF: cookie-authenticated requests with a state-changing method must send `X-CSRF-Token` equal
 * to the HMAC of their session id (issued at login in the body and the `sauda_csrf` cookie). A
 * keyed, session-bound token ("signed double-submit") needs no server-side storage, survives
 * horizontal scaling, and cannot be forged by someone who can only plant cookies; SameSite=Lax on
 * the session cookie is a second layer. Bearer tokens and API keys are not sent automatically by
 * browsers, so they need no CSRF token.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Declares `request.user` on the root instance, so every route plugin shares the same request shape. */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('user', undefined);
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function createAuthGuards(authenticator: Authenticator, deps: { clock: Clock }): AuthGuards {
  async function ensureUser(request: FastifyRequest): Promise<AuthenticatedUser> {
    if (request.user) return request.user;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(request, 'authorization') ?? '')?.[1];
    const user = await authenticator.authenticate({
      bearerToken: bearer,
      apiKey: headerValue(request, 'x-api-key'),
      sessionToken: request.cookies[SESSION_COOKIE],
    });
    if (!user) throw new AppError(PlatformErrors.PLATFORM_UNAUTHENTICATED);
    if (
      user.authMethod === 'session' &&
      user.sessionId &&
      !SAFE_METHODS.has(request.method) &&
      !authenticator.csrfTokenValid(user.sessionId, headerValue(request, CSRF_HEADER))
    ) {
      throw new AppError(IdentityErrors.IDENTITY_CSRF_TOKEN_INVALID);
    }
    request.user = user;
    return user;
  }

  return {
    requireUser: async (request) => {
      await ensureUser(request);
    },
    requirePermission: (permission) => async (request) => {
      const user = await ensureUser(request);
      if (hasPermission(user.permissions, permission)) return;
      // Staff roles are dormant until a second factor is presented: say so instead of a bare 403.
      const dormantStaff =
        user.authMethod !== 'api_key' &&
        user.secondFactorAt === undefined &&
        user.roles.some((role) => role !== 'member');
      throw new AppError(
        dormantStaff
          ? IdentityErrors.IDENTITY_STAFF_SECOND_FACTOR_REQUIRED
          : PlatformErrors.PLATFORM_FORBIDDEN,
      );
    },
    requireStepUp: (maxAgeSeconds) => async (request) => {
      const user = await ensureUser(request);
      const at = user.secondFactorAt;
      if (!at || deps.clock.now().getTime() - at.getTime() > maxAgeSeconds * 1000) {
        throw new AppError(IdentityErrors.IDENTITY_STEP_UP_REQUIRED);
      }
    },
  };
}
