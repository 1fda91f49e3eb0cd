import type { Locale } from '../app/i18n/locales.ts';

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One call of the public HTTP API on behalf of the page's visitor (their cookies, address, agent). */
export interface ApiRequest {
  readonly method: ApiMethod;
  /** Path of the public API, e.g. `/v1/catalog/partners`; never an absolute URL. */
  readonly path: string;
  /** A list repeats the parameter (`status=a&status=b`). */
  readonly query?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  readonly body?: unknown;
  /** A file sent as the raw body with its type (what the API's upload endpoints take), instead of JSON. */
  readonly file?: { readonly type: string; readonly bytes: Uint8Array };
  /** Sent as Accept-Language, so localized API texts match the page. */
  readonly locale: Locale;
  /** The CSRF token the visitor's form carried, for cookie-authenticated state changes. */
  readonly csrfToken?: string;
  /** Replaces the visitor's Cookie header: a call right after sign-in uses the new session. */
  readonly cookie?: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  /** Parsed JSON, or the text when the answer is not JSON. */
  readonly body: unknown;
  /** Set-Cookie lines of the answer (sign-in and sign-out), to pass on to the browser. */
  readonly setCookies: readonly string[];
}

export interface ApiClient {
  request(request: ApiRequest): Promise<ApiResponse>;
}

/**
 * What the server hands every loader and action (React Router's load context). Pages reach data
 * only through `api`, the public HTTP API, so the web app is one more client of it (ADR 0011).
 */
// A type alias (not an interface) so it fits React Router's AppLoadContext index signature.
export type WebLoadContext = {
  readonly api: ApiClient;
  /** Nonce of this response's Content-Security-Policy, for the inline hydration scripts. */
  readonly nonce: string;
  /** The public origin (PUBLIC_URL) for canonical URLs, hreflang, Open Graph and the sitemap. */
  readonly origin: string;
  readonly defaultLocale: Locale;
  /** Demo deployments link the dev mailbox and the sandbox from the sign-up pages. */
  readonly demo: boolean;
  readonly production: boolean;
  /** Logs a failure of rendering, a loader or an action with the request id of the page. */
  logError(error: unknown, message: string): void;
};
