import { ApiUnreachable, callApi, type ApiAnswer, type FetchLike } from './api-http.ts';
import type { KeyValueStore } from './key-value-store.ts';

/**
 * The extension's account link, through the OAuth device authorization grant (RFC 8628): the
 * extension asks for a code, the user approves it in the cabinet, the extension polls for tokens,
 * then refreshes them (each refresh token works once). When the cabinet revokes the device, the
 * refresh is refused and the extension forgets everything about the account.
 */
export const CLIENT_ID = 'browser-extension';
const ACCOUNT_KEY = 'account';
const PENDING_KEY = 'pending-connection';
const PROBLEM_KEY = 'connect-problem';
const CONTEXT_KEY = 'click-context';
/** Refresh a little before the access token expires, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 30_000;
/** Ask for a new click context once the old one has less than a day left (it lives a week). */
const CONTEXT_MARGIN_MS = 86_400_000;
const SLOW_DOWN_STEP_SECONDS = 5;

export interface StoredAccount {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessExpiresAt: string;
  readonly locale: string | undefined;
}

export interface PendingConnection {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUriComplete: string;
  readonly intervalSeconds: number;
  readonly expiresAt: string;
  readonly nextPollAt: string;
}

export type ConnectProblem = 'denied' | 'expired' | 'revoked';

export type AccountStatus =
  | { readonly state: 'connected'; readonly locale: string | undefined }
  | { readonly state: 'connecting'; readonly userCode: string; readonly verificationUriComplete: string }
  | { readonly state: 'disconnected'; readonly problem: ConnectProblem | undefined };

export type PollResult = 'waiting' | 'connected' | ConnectProblem | 'idle';

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

const isTokenAnswer = (body: unknown): body is TokenAnswer =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as TokenAnswer).access_token === 'string' &&
  typeof (body as TokenAnswer).refresh_token === 'string' &&
  typeof (body as TokenAnswer).expires_in === 'number';

export class AccountSession {
  readonly #fetch: FetchLike;
  readonly #apiUrl: string;
  readonly #store: KeyValueStore;
  readonly #now: () => Date;
  #refreshing: Promise<StoredAccount | undefined> | undefined;

  constructor(deps: { fetch: FetchLike; apiUrl: string; store: KeyValueStore; now: () => Date }) {
    this.#fetch = deps.fetch;
    this.#apiUrl = deps.apiUrl;
    this.#store = deps.store;
    this.#now = deps.now;
  }

  async status(): Promise<AccountStatus> {
    const account = await this.#store.get<StoredAccount>(ACCOUNT_KEY);
    if (account) return { state: 'connected', locale: account.locale };
    const pending = await this.#store.get<PendingConnection>(PENDING_KEY);
    if (pending && new Date(pending.expiresAt) > this.#now())
      return {
        state: 'connecting',
        userCode: pending.userCode,
        verificationUriComplete: pending.verificationUriComplete,
      };
    return { state: 'disconnected', problem: await this.#store.get<ConnectProblem>(PROBLEM_KEY) };
  }

  /** Starts the device flow; the caller opens `verificationUriComplete` for the user. */
  async startConnect(): Promise<PendingConnection> {
    const answer = await callApi(this.#fetch, `${this.#apiUrl}/v1/auth/device/code`, {
      method: 'POST',
      body: { client_id: CLIENT_ID },
    });
    const body = answer.body as Record<string, unknown> | undefined;
    if (
      answer.status !== 200 ||
      typeof body?.device_code !== 'string' ||
      typeof body.user_code !== 'string' ||
      typeof body.verification_uri_complete !== 'string' ||
      typeof body.expires_in !== 'number' ||
      typeof body.interval !== 'number'
    )
      throw new ApiUnreachable(`device code request answered ${answer.status}`);
    const now = this.#now().getTime();
    const pending: PendingConnection = {
      deviceCode: body.device_code,
      userCode: body.user_code,
      verificationUriComplete: body.verification_uri_complete,
      intervalSeconds: body.interval,
      expiresAt: new Date(now + body.expires_in * 1000).toISOString(),
      nextPollAt: new Date(now + body.interval * 1000).toISOString(),
    };
    await this.#store.set(PENDING_KEY, pending);
    await this.#store.remove(PROBLEM_KEY);
    return pending;
  }

  async cancelConnect(): Promise<void> {
    await this.#store.remove(PENDING_KEY);
  }

  /** One poll of the token endpoint, if one is due; honours `slow_down` as RFC 8628 asks. */
  async pollOnce(): Promise<PollResult> {
    const pending = await this.#store.get<PendingConnection>(PENDING_KEY);
    if (!pending) return 'idle';
    const now = this.#now();
    if (new Date(pending.expiresAt) <= now) return this.#endConnect('expired');
    if (new Date(pending.nextPollAt) > now) return 'waiting';
    const answer = await callApi(this.#fetch, `${this.#apiUrl}/v1/auth/token`, {
      method: 'POST',
      body: {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: pending.deviceCode,
        client_id: CLIENT_ID,
      },
    });
    if (answer.status === 200 && isTokenAnswer(answer.body)) {
      await this.#saveTokens(answer.body, undefined);
      await this.#store.remove(PENDING_KEY);
      await this.refreshProfile();
      return 'connected';
    }
    const slowDown = answer.code === 'IDENTITY_DEVICE_SLOW_DOWN';
    if (slowDown || answer.code === 'IDENTITY_DEVICE_AUTHORIZATION_PENDING' || answer.status >= 500) {
      const interval = pending.intervalSeconds + (slowDown ? SLOW_DOWN_STEP_SECONDS : 0);
      await this.#store.set(PENDING_KEY, {
        ...pending,
        intervalSeconds: interval,
        nextPollAt: new Date(now.getTime() + interval * 1000).toISOString(),
      });
      return 'waiting';
    }
    return this.#endConnect(answer.code === 'IDENTITY_DEVICE_ACCESS_DENIED' ? 'denied' : 'expired');
  }

  /** Milliseconds until the next poll is due, or undefined when no connection is pending. */
  async nextPollDelay(): Promise<number | undefined> {
    const pending = await this.#store.get<PendingConnection>(PENDING_KEY);
    if (!pending) return undefined;
    return Math.max(0, new Date(pending.nextPollAt).getTime() - this.#now().getTime());
  }

  /**
   * A signed-in API call. An expired access token is refreshed first; a 401 gets one refresh and
   * one retry; a refused refresh means the device was revoked, and the account is forgotten.
   */
  async authorized(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<ApiAnswer | undefined> {
    let account = await this.#store.get<StoredAccount>(ACCOUNT_KEY);
    if (!account) return undefined;
    if (new Date(account.accessExpiresAt).getTime() - EXPIRY_MARGIN_MS <= this.#now().getTime())
      account = await this.#refresh(account);
    if (!account) return undefined;
    const call = (token: string) =>
      callApi(this.#fetch, `${this.#apiUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}` },
      });
    const answer = await call(account.accessToken);
    if (answer.status !== 401) return answer;
    const refreshed = await this.#refresh(account);
    return refreshed ? call(refreshed.accessToken) : undefined;
  }

  /** The click context token for `/go` links, cached until a day before it expires. */
  async clickContext(): Promise<string | undefined> {
    const cached = await this.#store.get<{ token: string; expiresAt: string }>(CONTEXT_KEY);
    if (cached && new Date(cached.expiresAt).getTime() - CONTEXT_MARGIN_MS > this.#now().getTime())
      return cached.token;
    const answer = await this.authorized('/v1/tracking/context', { method: 'POST' });
    const body = answer?.body as { token?: unknown; expiresAt?: unknown } | undefined;
    if (answer?.status !== 200 || typeof body?.token !== 'string' || typeof body.expiresAt !== 'string')
      return undefined;
    await this.#store.set(CONTEXT_KEY, { token: body.token, expiresAt: body.expiresAt });
    return body.token;
  }

  /** Ends the session on the server when it can, and forgets it locally either way. */
  async disconnect(): Promise<void> {
    const account = await this.#store.get<StoredAccount>(ACCOUNT_KEY);
    if (account) {
      try {
        await callApi(this.#fetch, `${this.#apiUrl}/v1/auth/logout`, {
          method: 'POST',
          headers: { authorization: `Bearer ${account.accessToken}` },
        });
      } catch {
        // Offline: the server session expires on its own or is revoked from the cabinet.
      }
    }
    await this.#forget(undefined);
  }

  /**
   * Reads the account (`/v1/me`): keeps the popup in the account's current language, and finds out
   * that the device was revoked in the cabinet, since the session is checked on every request and
   * the refresh that follows the 401 is refused. Run when the popup opens, so a revoked extension
   * says so before the user tries to activate anything.
   */
  async refreshProfile(): Promise<void> {
    const answer = await this.authorized('/v1/me');
    const locale = (answer?.body as { profile?: { locale?: unknown } } | undefined)?.profile?.locale;
    const account = await this.#store.get<StoredAccount>(ACCOUNT_KEY);
    if (account && typeof locale === 'string') await this.#store.set(ACCOUNT_KEY, { ...account, locale });
  }

  /** Refreshes once at a time: two parallel refreshes would replay a used token and kill the session. */
  #refresh(account: StoredAccount): Promise<StoredAccount | undefined> {
    this.#refreshing ??= this.#doRefresh(account).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #doRefresh(account: StoredAccount): Promise<StoredAccount | undefined> {
    const answer = await callApi(this.#fetch, `${this.#apiUrl}/v1/auth/token`, {
      method: 'POST',
      body: { grant_type: 'refresh_token', refresh_token: account.refreshToken },
    });
    if (answer.status === 200 && isTokenAnswer(answer.body))
      return this.#saveTokens(answer.body, account.locale);
    if (answer.status >= 500) throw new ApiUnreachable(`token refresh answered ${answer.status}`);
    await this.#forget('revoked');
    return undefined;
  }

  async #saveTokens(tokens: TokenAnswer, locale: string | undefined): Promise<StoredAccount> {
    const account: StoredAccount = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessExpiresAt: new Date(this.#now().getTime() + tokens.expires_in * 1000).toISOString(),
      locale,
    };
    await this.#store.set(ACCOUNT_KEY, account);
    return account;
  }

  async #endConnect(problem: ConnectProblem): Promise<ConnectProblem> {
    await this.#store.remove(PENDING_KEY);
    await this.#store.set(PROBLEM_KEY, problem);
    return problem;
  }

  async #forget(problem: ConnectProblem | undefined): Promise<void> {
    await this.#store.remove(ACCOUNT_KEY);
    await this.#store.remove(CONTEXT_KEY);
    await this.#store.remove(PENDING_KEY);
    if (problem) await this.#store.set(PROBLEM_KEY, problem);
    else await this.#store.remove(PROBLEM_KEY);
  }
}
