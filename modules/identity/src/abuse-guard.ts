import { createHmac, randomInt } from 'node:crypto';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { AppError, type Clock, type Db, type Encryptor, type Executor } from '@sauda/platform';
import { IdentityErrors } from './identity.errors.ts';
import {
  addFailure,
  clearThrottles,
  findThrottles,
  lockThrottle,
  redeemChallenge,
} from './throttles.repository.ts';

/**
 * Abuse limits for the unauthenticated endpoints. Failures are counted per (action, IP) and per
 * (action, account); past a threshold a self-hosted ALTCHA proof-of-work is demanded, and past a
 * higher one the key is locked for a time that doubles with each further failure. Locks hold even
 * for a correct password, otherwise they would not stop a guessing attack.
 */
export type AbuseAction = 'login' | 'register' | 'verify' | 'reset';

interface Policy {
  readonly challengeAfter: number;
  readonly lockAfter: number;
  readonly baseLockSeconds: number;
  readonly maxLockSeconds: number;
}

const DAY = 86_400;
/** A key with no failure for this long starts from zero again. */
const FORGET_AFTER_SECONDS = DAY;

const POLICIES: Record<AbuseAction, { account: Policy; ip: Policy }> = {
  login: {
    account: { challengeAfter: 3, lockAfter: 5, baseLockSeconds: 60, maxLockSeconds: DAY },
    ip: { challengeAfter: 10, lockAfter: 50, baseLockSeconds: 60, maxLockSeconds: DAY },
  },
  // Every registration counts here, not only failures. The IP limits are loose because mobile
  // carriers put many subscribers behind one address (CGNAT).
  register: {
    account: { challengeAfter: 3, lockAfter: 10, baseLockSeconds: 60, maxLockSeconds: DAY },
    ip: { challengeAfter: 20, lockAfter: 200, baseLockSeconds: 300, maxLockSeconds: DAY },
  },
  verify: {
    account: { challengeAfter: 3, lockAfter: 10, baseLockSeconds: 60, maxLockSeconds: DAY },
    ip: { challengeAfter: 10, lockAfter: 50, baseLockSeconds: 60, maxLockSeconds: DAY },
  },
  reset: {
    account: { challengeAfter: 3, lockAfter: 10, baseLockSeconds: 60, maxLockSeconds: DAY },
    ip: { challengeAfter: 20, lockAfter: 200, baseLockSeconds: 300, maxLockSeconds: DAY },
  },
};

export interface AbuseSubjects {
  readonly ip?: string | undefined;
  /** The normalised identifier the request is about (email, phone), whether or not an account has it. */
  readonly account?: string | undefined;
}

export interface ChallengeDifficulty {
  readonly minCounter: number;
  readonly maxCounter: number;
}

export const DEFAULT_CHALLENGE_DIFFICULTY: ChallengeDifficulty = { minCounter: 5_000, maxCounter: 50_000 };
const CHALLENGE_TTL_MS = 10 * 60_000;

export class AbuseGuard {
  readonly #db: Db;
  readonly #encryptor: Encryptor;
  readonly #clock: Clock;
  readonly #signatureSecret: string;
  readonly #keySignatureSecret: string;
  readonly #difficulty: ChallengeDifficulty;

  constructor(deps: {
    db: Db;
    encryptor: Encryptor;
    clock: Clock;
    secret: Buffer;
    difficulty?: ChallengeDifficulty | undefined;
  }) {
    this.#db = deps.db;
    this.#encryptor = deps.encryptor;
    this.#clock = deps.clock;
    const derive = (purpose: string): string =>
      createHmac('sha256', deps.secret).update(purpose).digest('hex');
    this.#signatureSecret = derive('identity.altcha.signature');
    this.#keySignatureSecret = derive('identity.altcha.key-signature');
    this.#difficulty = deps.difficulty ?? DEFAULT_CHALLENGE_DIFFICULTY;
  }

  /** A new signed challenge for the ALTCHA widget (or any client that solves it). */
  async challenge(): Promise<Challenge> {
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(this.#difficulty.minCounter, this.#difficulty.maxCounter + 1),
      deriveKey,
      expiresAt: new Date(this.#clock.now().getTime() + CHALLENGE_TTL_MS),
      hmacSignatureSecret: this.#signatureSecret,
      hmacKeySignatureSecret: this.#keySignatureSecret,
    });
  }

  /**
   * Throws when a key is locked, or when the failures so far demand a challenge and `altcha`
   * (the widget's base64 payload) is missing, wrong, expired or already used.
   */
  async check(action: AbuseAction, subjects: AbuseSubjects, altcha: string | undefined): Promise<void> {
    const keys = this.#keys(action, subjects);
    const now = this.#clock.now();
    const forgetBefore = new Date(now.getTime() - FORGET_AFTER_SECONDS * 1000);
    const states = await findThrottles(
      this.#db,
      keys.map((entry) => entry.key),
    );
    let challengeNeeded = false;
    for (const state of states) {
      if (state.lockedUntil && state.lockedUntil > now) {
        const retryAfter = Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
        throw new AppError(IdentityErrors.IDENTITY_TOO_MANY_ATTEMPTS, {
          params: { retryAfter },
          headers: { 'retry-after': String(retryAfter) },
        });
      }
      const policy = keys.find((entry) => entry.key === state.key)?.policy;
      if (policy && state.lastFailureAt >= forgetBefore && state.failures >= policy.challengeAfter) {
        challengeNeeded = true;
      }
    }
    if (!challengeNeeded) return;
    if (!altcha) throw new AppError(IdentityErrors.IDENTITY_CHALLENGE_REQUIRED);
    if (!(await this.#redeem(altcha))) throw new AppError(IdentityErrors.IDENTITY_CHALLENGE_FAILED);
  }

  /** Counts a failure (or, for register and reset, any attempt) and locks keys past their threshold. */
  async fail(executor: Executor, action: AbuseAction, subjects: AbuseSubjects): Promise<void> {
    const now = this.#clock.now();
    const forgetBefore = new Date(now.getTime() - FORGET_AFTER_SECONDS * 1000);
    for (const { key, policy } of this.#keys(action, subjects)) {
      const failures = await addFailure(executor, key, now, forgetBefore);
      if (failures >= policy.lockAfter) {
        const seconds = Math.min(
          policy.maxLockSeconds,
          policy.baseLockSeconds * 2 ** Math.min(failures - policy.lockAfter, 20),
        );
        await lockThrottle(executor, key, new Date(now.getTime() + seconds * 1000));
      }
    }
  }

  /** A success forgets the account's failures; the IP's count only fades with time. */
  async succeed(executor: Executor, action: AbuseAction, account: string): Promise<void> {
    await clearThrottles(
      executor,
      this.#keys(action, { account }).map((entry) => entry.key),
    );
  }

  #keys(action: AbuseAction, subjects: AbuseSubjects): { key: string; policy: Policy }[] {
    const keys: { key: string; policy: Policy }[] = [];
    const policies = POLICIES[action];
    if (subjects.account) {
      const index = this.#encryptor.blindIndex(subjects.account, 'identity.throttle.account');
      keys.push({ key: `${action}:account:${index}`, policy: policies.account });
    }
    if (subjects.ip) {
      const index = this.#encryptor.blindIndex(subjects.ip, 'identity.throttle.ip');
      keys.push({ key: `${action}:ip:${index}`, policy: policies.ip });
    }
    return keys;
  }

  async #redeem(altcha: string): Promise<boolean> {
    const payload = parsePayload(altcha);
    if (!payload) return false;
    // A tampered payload can make the library throw (bad hex, unknown algorithm): that is a failed check.
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: this.#signatureSecret,
      hmacKeySignatureSecret: this.#keySignatureSecret,
    }).catch(() => undefined);
    if (!result) return false;
    const expiresAt = payload.challenge.parameters.expiresAt;
    if (!result.verified || !payload.challenge.signature || expiresAt === undefined) return false;
    if (expiresAt * 1000 < this.#clock.now().getTime()) return false;
    return redeemChallenge(this.#db, payload.challenge.signature, new Date(expiresAt * 1000));
  }
}

function parsePayload(altcha: string): { challenge: Challenge; solution: Solution } | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(altcha, 'base64').toString('utf8')) as unknown;
    if (!decoded || typeof decoded !== 'object') return undefined;
    const { challenge, solution } = decoded as { challenge?: unknown; solution?: unknown };
    if (!challenge || typeof challenge !== 'object' || !solution || typeof solution !== 'object')
      return undefined;
    const parameters = (challenge as { parameters?: unknown }).parameters;
    if (!parameters || typeof parameters !== 'object') return undefined;
    return { challenge: challenge as Challenge, solution: solution as Solution };
  } catch {
    return undefined;
  }
}
