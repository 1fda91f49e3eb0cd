import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, PlatformErrors } from '@sauda/platform';
import type { Credentials } from './authenticate.ts';
import type { AuthenticatedUser } from './principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth guards; undefined on routes without one. */
    user: AuthenticatedUser | undefined;
  }
}

/** A Fastify preHandler. */
export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * The auth hooks every module's routes use (implemented in apps/server/src/http/auth.ts and handed
 * to modules by the composition root). Each one authenticates the request first if no earlier hook
 * did, so one guard per route is enough:
 *
 *   preHandler: auth.requireUser                              any active account
 *   preHandler: auth.requirePermission('ledger.read-any')     ...holding this permission
 *   preHandler: [auth.requirePermission('payouts.request'), auth.requireStepUp(300)]
 *
 * Cookie-authenticated requests with a state-changing method must carry the CSRF token.
 */
export interface AuthGuards {
  readonly requireUser: AuthHook;
  requirePermission(permission: string): AuthHook;
  /** A second factor presented in this session within the last `maxAgeSeconds`. */
  requireStepUp(maxAgeSeconds: number): AuthHook;
}

/** What identity offers the HTTP layer to build the guards from. */
export interface Authenticator {
  authenticate(credentials: Credentials): Promise<AuthenticatedUser | undefined>;
  csrfTokenValid(sessionId: string, token: string | undefined): boolean;
}

/** The caller of a route behind a guard; throws 401 when no guard ran (a wiring mistake). */
export function currentUser(request: FastifyRequest): AuthenticatedUser {
  if (!request.user) throw new AppError(PlatformErrors.PLATFORM_UNAUTHENTICATED);
  return request.user;
}
