import type { Clock } from '@sauda/platform';
import type { Scheduler } from '../scheduler.ts';
import type { WebhookSender } from '../webhooks.ts';
import type { ActionStatus, NetworkAction } from './affiliate-network-orders.ts';
import { retryDelayMs, type AffiliateNetworkSettings } from './affiliate-network-settings.ts';

/** One attempt to deliver a postback, or the decision not to send it at all. */
export interface PostbackAttempt {
  readonly id: number;
  readonly orderId: string;
  readonly actionId: string;
  readonly status: ActionStatus;
  readonly paymentSum: string;
  /** `duplicate`: the second copy chaos sent on purpose. */
  readonly copy: 'original' | 'duplicate';
  readonly attempt: number;
  /** The platform's HTTP status, `network-error`, or `dropped` when chaos kept it back for good. */
  readonly outcome: number | 'network-error' | 'dropped';
  /** Chaos held it back so a later status could overtake it. */
  readonly heldBack: boolean;
  readonly at: string;
}

export interface PostbackDispatcherDeps {
  readonly postbackUrl: string;
  readonly secret: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: () => number;
  readonly settings: () => AffiliateNetworkSettings;
  readonly capacity: number;
}

const SIMULATOR = 'affiliate-network';

/**
 * Sends an action's postback the way a network does: signed, retried with exponential backoff
 * until the platform answers 2xx (or the attempts run out), and, when chaos is on, duplicated,
 * held back behind a later status, or dropped so that only polling finds it.
 */
export class PostbackDispatcher {
  readonly #deps: PostbackDispatcherDeps;
  readonly #attempts: PostbackAttempt[] = [];
  #webhooks: WebhookSender | undefined;
  #nextId = 1;

  constructor(deps: PostbackDispatcherDeps) {
    this.#deps = deps;
  }

  get postbackUrl(): string {
    return this.#deps.postbackUrl;
  }

  /** Oldest first, capped. */
  get attempts(): readonly PostbackAttempt[] {
    return this.#attempts;
  }

  /** The sandbox hands over its sender when the simulator is mounted. */
  attach(webhooks: WebhookSender): void {
    this.#webhooks = webhooks;
  }

  /** Sends `action` (a snapshot: later changes of the order do not alter it) after `delayMs`. */
  dispatch(action: NetworkAction, delayMs = 0): void {
    const { chaos } = this.#deps.settings();
    if (this.#chance(chaos.dropRate)) {
      this.#record(action, 'original', 1, 'dropped', false);
      return;
    }
    const heldBack = this.#chance(chaos.outOfOrderRate);
    const start = delayMs + (heldBack ? chaos.outOfOrderDelayMs : 0);
    this.#schedule(start, () => this.#deliver(action, 'original', 1, heldBack));
    if (this.#chance(chaos.duplicateRate))
      this.#schedule(start + chaos.duplicateDelayMs, () => this.#deliver(action, 'duplicate', 1, heldBack));
  }

  #chance(rate: number): boolean {
    return rate > 0 && this.#deps.random() < rate;
  }

  #schedule(delayMs: number, task: () => Promise<void>): void {
    this.#deps.scheduler.after(delayMs, task);
  }

  async #deliver(
    action: NetworkAction,
    copy: PostbackAttempt['copy'],
    attempt: number,
    heldBack: boolean,
  ): Promise<void> {
    const webhooks = this.#webhooks;
    if (!webhooks) return;
    const delivery = await webhooks.send({
      simulator: SIMULATOR,
      url: this.#deps.postbackUrl,
      secret: this.#deps.secret,
      body: action,
      attempt,
      signedAt: this.#deps.clock.now(),
    });
    this.#record(action, copy, attempt, delivery.status, heldBack);
    const accepted = typeof delivery.status === 'number' && delivery.status >= 200 && delivery.status < 300;
    const { retry } = this.#deps.settings();
    if (!accepted && attempt < retry.maxAttempts)
      this.#schedule(retryDelayMs(retry, attempt), () => this.#deliver(action, copy, attempt + 1, heldBack));
  }

  #record(
    action: NetworkAction,
    copy: PostbackAttempt['copy'],
    attempt: number,
    outcome: PostbackAttempt['outcome'],
    heldBack: boolean,
  ): void {
    this.#attempts.push({
      id: this.#nextId++,
      orderId: action.order_id,
      actionId: action.action_id,
      status: action.status,
      paymentSum: action.payment_sum,
      copy,
      attempt,
      outcome,
      heldBack,
      at: this.#deps.clock.now().toISOString(),
    });
    if (this.#attempts.length > this.#deps.capacity) this.#attempts.shift();
  }
}
