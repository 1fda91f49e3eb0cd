import { createHmac } from 'node:crypto';
import type { Locale } from '@sauda/platform';
import type { Role } from './roles.ts';
import { sameSecret } from './secrets.ts';

/** How the request proved who it is. */
export type AuthMethod = 'session' | 'access_token' | 'api_key';

/** The authenticated caller of a request, as `request.user`. */
export interface AuthenticatedUser {
  readonly id: string;
  /** Every role held, including staff roles not yet usable without a second factor. */
  readonly roles: readonly Role[];
  /** What this request may do: role permissions narrowed by the credential's scopes; `*` means all. */
  readonly permissions: readonly string[];
  /** The credential's scopes (`*` for a full session). */
  readonly scopes: readonly string[];
  readonly authMethod: AuthMethod;
  /** The session behind a cookie or access token; undefined for API keys. */
  readonly sessionId: string | undefined;
  readonly apiKeyId: string | undefined;
  /** When a second factor was last presented in this session (login with TOTP, step-up). */
  readonly secondFactorAt: Date | undefined;
  readonly locale: Locale;
}

export const SESSION_COOKIE = 'sauda_session';
/** Readable by the web app's JavaScript, which echoes it in the CSRF header. */
export const CSRF_COOKIE = 'sauda_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * CSRF token of a cookie session: an HMAC of the session id under a server key. It is sent to the
 * web app in the login response and a readable cookie, and must come back in `X-CSRF-Token`.
 * Binding it to the session with a secret key (OWASP "signed double-submit") means an attacker who
 * can plant cookies on a sibling subdomain still cannot produce a token for the victim's session,
 * and nothing has to be stored: the token changes exactly when the session does.
 */
export const csrfTokenFor = (csrfKey: Buffer, sessionId: string): string =>
  createHmac('sha256', csrfKey).update(`csrf:${sessionId}`).digest('base64url');

export const csrfTokenValid = (csrfKey: Buffer, sessionId: string, token: string | undefined): boolean =>
  token !== undefined && sameSecret(token, csrfTokenFor(csrfKey, sessionId));
