import type { Clock } from '@sauda/platform';
import type { Scheduler } from '../scheduler.ts';
import type { Simulator } from '../sandbox.ts';
import type { NetworkOrder, OrderCommand } from './affiliate-network-orders.ts';
import type { PostbackAttempt } from './affiliate-network-postbacks.ts';
import type {
  AffiliateNetworkSettings,
  AffiliateNetworkSettingsPatch,
} from './affiliate-network-settings.ts';

/** The secret the sandbox network signs postbacks with and wants as the statistics API's bearer token. */
export const AFFILIATE_NETWORK_SANDBOX_SECRET = 'sandbox-affiliate-network-secret';

export interface AffiliateNetworkOptions extends AffiliateNetworkSettingsPatch {
  /** Where the platform answers (its public URL); postbacks go to `platformUrl + postbackPath`. */
  readonly platformUrl: string;
  /** The platform's postback route for this network; `/postbacks/sandbox` by default. */
  readonly postbackPath?: string;
  /** Signs postbacks and guards the statistics API; `AFFILIATE_NETWORK_SANDBOX_SECRET` by default. */
  readonly secret?: string;
  /** How many clicks, orders and postback attempts are kept; the oldest are forgotten first. */
  readonly capacity?: number;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  /** Draws for the chaos rates and automatic declines, in [0, 1). */
  readonly random?: () => number;
}

/** One click that reached the simulated network, as a real network would log it. */
export interface NetworkClick {
  readonly subid: string;
  readonly offer: string | null;
  readonly url: string | null;
  readonly receivedAt: string;
}

export interface PlaceOrderInput {
  readonly clickId: string;
  readonly offer?: string | null;
  /** A product of the offer's shop, bought `quantity` times… */
  readonly sku?: string;
  readonly quantity?: number;
  /** …or an order sum in KZT, decimal ("2469.00"), for tests that need an exact amount. */
  readonly orderSum?: string;
  readonly actionIp: string;
  readonly userAgent: string;
}

export interface AffiliateNetworkSimulator extends Simulator {
  readonly clicks: readonly NetworkClick[];
  /** Newest first. */
  readonly orders: readonly NetworkOrder[];
  /** Every postback attempt, oldest first. */
  readonly postbacks: readonly PostbackAttempt[];
  readonly settings: AffiliateNetworkSettings;
  readonly postbackUrl: string;
  readonly secret: string;
  /** Changes settings while running; throws `AffiliateNetworkSettingsError` and changes nothing on bad input. */
  configure(patch: AffiliateNetworkSettingsPatch): AffiliateNetworkSettings;
  recordClick(click: Omit<NetworkClick, 'receivedAt'>): NetworkClick;
  /** Creates a pending order and sends its pending postback; throws `AffiliateNetworkInputError`. */
  placeOrder(input: PlaceOrderInput): NetworkOrder;
  /** approve / stall / decline / refund at once, sending the postback; throws `OrderCommandError`. */
  command(orderId: string, command: OrderCommand, refundAmount?: string | null): NetworkOrder;
  /** Sends the order's current postback again (a manual re-delivery from the control page). */
  resend(orderId: string): NetworkOrder | undefined;
}
