import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { newId, type Clock, type Encryptor, type Executor, type Locale } from '@sauda/platform';
import { verificationCodes, type CodeChannel, type CodePurpose } from './identity.tables.ts';
import type { IdentityNotifier } from './notifier.ts';
import { hashShortCode, sameSecret, sixDigitCode } from './secrets.ts';

export const CODE_TTL_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;
export const RESEND_COOLDOWN_SECONDS = 60;

/**
 * Six-digit codes sent to a phone or an email, for verification, password reset and contact
 * changes. A new code replaces any open one of the same purpose; a code dies after its TTL, after
 * use, or after CODE_MAX_ATTEMPTS wrong guesses, so guessing one of a million values is not practical.
 */
export type IssueOutcome =
  { readonly status: 'sent' } | { readonly status: 'cooling-down'; readonly retryAfterSeconds: number };

export class OneTimeCodes {
  readonly #encryptor: Encryptor;
  readonly #clock: Clock;
  readonly #notifier: IdentityNotifier;

  constructor(deps: { encryptor: Encryptor; clock: Clock; notifier: IdentityNotifier }) {
    this.#encryptor = deps.encryptor;
    this.#clock = deps.clock;
    this.#notifier = deps.notifier;
  }

  /** Issues and sends a code, unless one of the same purpose was sent within the resend cooldown. */
  async issue(
    executor: Executor,
    request: {
      userId: string;
      purpose: CodePurpose;
      channel: CodeChannel;
      address: string;
      locale: Locale;
      /** For `change-*` codes: the sealed new address, kept on the code row until it is confirmed. */
      pendingAddressCiphertext?: string | undefined;
    },
  ): Promise<IssueOutcome> {
    const now = this.#clock.now();
    const [latest] = await this.#open(executor, request.userId, request.purpose);
    const sinceLatestMs = latest ? now.getTime() - latest.createdAt.getTime() : Infinity;
    if (sinceLatestMs < RESEND_COOLDOWN_SECONDS * 1000) {
      return {
        status: 'cooling-down',
        retryAfterSeconds: Math.ceil((RESEND_COOLDOWN_SECONDS * 1000 - sinceLatestMs) / 1000),
      };
    }
    await executor
      .update(verificationCodes)
      .set({ consumedAt: now })
      .where(
        and(
          eq(verificationCodes.userId, request.userId),
          eq(verificationCodes.purpose, request.purpose),
          isNull(verificationCodes.consumedAt),
        ),
      );
    const id = newId('otc');
    const code = sixDigitCode();
    await executor.insert(verificationCodes).values({
      id,
      userId: request.userId,
      purpose: request.purpose,
      channel: request.channel,
      codeHash: hashShortCode(this.#encryptor, code, id),
      attempts: 0,
      expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000),
      createdAt: now,
      pendingAddressCiphertext: request.pendingAddressCiphertext ?? null,
    });
    const { messageId } = await this.#notifier.sendCode(executor, {
      userId: request.userId,
      channel: request.channel,
      address: request.address,
      purpose: request.purpose,
      code,
      locale: request.locale,
      expiresInMinutes: CODE_TTL_MINUTES,
    });
    await executor.update(verificationCodes).set({ messageId }).where(eq(verificationCodes.id, id));
    return { status: 'sent' };
  }

  /**
   * Checks a code and uses it up when it matches. A wrong guess is counted; run this in a
   * transaction that commits even when the caller then reports the failure.
   */
  async redeem(
    executor: Executor,
    request: { userId: string; purpose: CodePurpose; code: string },
  ): Promise<boolean> {
    return (await this.#redeem(executor, request)) !== undefined;
  }

  /**
   * Like redeem, for a `change-*` code: returns the sealed address the code was sent to, or
   * undefined when the code does not match (the wrong guess is counted the same way).
   */
  async redeemPendingAddress(
    executor: Executor,
    request: { userId: string; purpose: CodePurpose; code: string },
  ): Promise<string | undefined> {
    return (await this.#redeem(executor, request))?.pendingAddressCiphertext ?? undefined;
  }

  /** Closes the user's open codes of these purposes, e.g. codes sent to an address the account no longer has. */
  async discard(executor: Executor, userId: string, purposes: readonly CodePurpose[]): Promise<void> {
    if (purposes.length === 0) return;
    await executor
      .update(verificationCodes)
      .set({ consumedAt: this.#clock.now() })
      .where(
        and(
          eq(verificationCodes.userId, userId),
          inArray(verificationCodes.purpose, [...purposes]),
          isNull(verificationCodes.consumedAt),
        ),
      );
  }

  async #redeem(executor: Executor, request: { userId: string; purpose: CodePurpose; code: string }) {
    const now = this.#clock.now();
    const [latest] = await this.#open(executor, request.userId, request.purpose, true);
    if (!latest || latest.expiresAt <= now || latest.attempts >= CODE_MAX_ATTEMPTS) return undefined;
    if (sameSecret(hashShortCode(this.#encryptor, request.code, latest.id), latest.codeHash)) {
      await executor
        .update(verificationCodes)
        .set({ consumedAt: now })
        .where(eq(verificationCodes.id, latest.id));
      return latest;
    }
    const attempts = latest.attempts + 1;
    await executor
      .update(verificationCodes)
      .set({ attempts, ...(attempts >= CODE_MAX_ATTEMPTS ? { consumedAt: now } : {}) })
      .where(eq(verificationCodes.id, latest.id));
    return undefined;
  }

  async #open(executor: Executor, userId: string, purpose: CodePurpose, forUpdate = false) {
    const query = executor
      .select()
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.userId, userId),
          eq(verificationCodes.purpose, purpose),
          isNull(verificationCodes.consumedAt),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1);
    return forUpdate ? query.for('update') : query;
  }
}
