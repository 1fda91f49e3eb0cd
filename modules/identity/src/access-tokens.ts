import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, errors, exportJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { newId, type Clock, type Config } from '@sauda/platform';

/**
 * Short-lived access tokens: ES256 JWTs in the RFC 9068 profile (`typ: at+jwt`), signed with the
 * active key and carrying its `kid`. Every configured key stays in the JWKS, so rotating the
 * signing key does not invalidate tokens already issued. The token names its session (`sid`);
 * the session is still checked on every request, so logout and blocking take effect at once.
 */
export const ACCESS_TOKEN_AUDIENCE = 'sauda-api';
const ALGORITHM = 'ES256';
const TYPE = 'at+jwt';

export interface AccessTokenSubject {
  readonly userId: string;
  readonly sessionId: string;
  readonly scopes: readonly string[];
}

export type AccessTokenCheck =
  | { readonly ok: true; readonly userId: string; readonly sessionId: string }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

export interface PublicJwk extends JWK {
  readonly kid: string;
}

export class AccessTokens {
  readonly #clock: Clock;
  readonly #issuer: string;
  readonly #ttlSeconds: number;
  readonly #signingKeyId: string;
  readonly #signingKey: KeyObject;
  readonly #publicKeys: readonly { id: string; key: KeyObject }[];
  #jwks: { keys: PublicJwk[] } | undefined;

  constructor(options: { auth: Config['auth']; issuer: string; clock: Clock }) {
    this.#clock = options.clock;
    this.#issuer = options.issuer;
    this.#ttlSeconds = options.auth.accessTokenTtlSeconds;
    const keys = options.auth.jwtKeys.map((entry) => ({
      id: entry.id,
      key: createPrivateKey({ key: entry.privateKey, format: 'der', type: 'pkcs8' }),
    }));
    const active = keys.find((entry) => entry.id === options.auth.jwtActiveKeyId);
    if (!active) throw new Error(`JWT signing key ${options.auth.jwtActiveKeyId} is not configured`);
    this.#signingKeyId = active.id;
    this.#signingKey = active.key;
    this.#publicKeys = keys.map((entry) => ({ id: entry.id, key: createPublicKey(entry.key) }));
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  async sign(subject: AccessTokenSubject): Promise<string> {
    const now = Math.floor(this.#clock.now().getTime() / 1000);
    return new SignJWT({ sid: subject.sessionId, scope: subject.scopes.join(' '), client_id: 'sauda' })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.#signingKeyId, typ: TYPE })
      .setIssuer(this.#issuer)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(subject.userId)
      .setJti(newId('jti'))
      .setIssuedAt(now)
      .setExpirationTime(now + this.#ttlSeconds)
      .sign(this.#signingKey);
  }

  async verify(token: string): Promise<AccessTokenCheck> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(await this.jwks()), {
        issuer: this.#issuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: [ALGORITHM],
        typ: TYPE,
        currentDate: this.#clock.now(),
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        return { ok: false, reason: 'invalid' };
      }
      return { ok: true, userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
      throw error;
    }
  }

  /** The public halves of every configured key, for `/.well-known/jwks.json`. */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    this.#jwks ??= {
      keys: await Promise.all(
        this.#publicKeys.map(async ({ id, key }) => ({
          ...(await exportJWK(key)),
          kid: id,
          alg: ALGORITHM,
          use: 'sig',
        })),
      ),
    };
    return this.#jwks;
  }
}
