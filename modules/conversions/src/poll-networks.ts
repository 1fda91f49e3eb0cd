import { createHash } from 'node:crypto';
import { AppError, newId } from '@sauda/platform';
import type { ConversionsContext } from './conversions.context.ts';
import { ConversionsErrors } from './conversions.errors.ts';
import { insertInbox, type NewInboxRow } from './conversions.repository.ts';
import { recordPolledUntil } from './manage-networks.ts';
import type { NetworkSettings } from './network-directory.ts';
import { admitadAdapter } from './providers/admitad-adapter.ts';
import type { NetworkAdapter, PollWindow, SpecAction } from './providers/network-adapter.ts';
import { NetworkApiError } from './providers/network-adapter.ts';
import { specAdapter } from './providers/sandbox-adapter.ts';

/**
 * Each window starts this long before the end of the last complete one: networks set
 * `status_updated` a little late and clocks differ, and an action seen twice is harmless.
 */
export const POLL_OVERLAP_MS = 60 * 60_000;
/** The first poll of a network looks this far back. */
export const FIRST_POLL_LOOKBACK_MS = 24 * 3_600_000;
const INSERT_CHUNK = 500;

export function adapterFor(network: NetworkSettings): NetworkAdapter | undefined {
  if (!network.polling || network.kind === 'direct') return undefined;
  const settings = { url: network.polling.url, token: network.polling.token };
  return network.kind === 'admitad' ? admitadAdapter(settings) : specAdapter(settings);
}

export interface PollResult {
  readonly networkKey: string;
  readonly window: { readonly from: string; readonly to: string };
  readonly fetched: number;
  /** Actions stored in the inbox; an action unchanged since it was last polled is not stored again. */
  readonly stored: number;
}

/** Sorted keys, so the same action always has the same text and digest. */
const canonical = (action: SpecAction): string =>
  JSON.stringify(Object.fromEntries(Object.entries(action).sort(([a], [b]) => a.localeCompare(b))));

/**
 * Fetches the actions updated in the window (by default: from an overlap before the last complete
 * window up to now) and stores each in the inbox, where the processor treats it like a postback:
 * a postback that never arrived is recovered, one that did arrive makes the poll a duplicate.
 */
export async function pollNetwork(
  ctx: ConversionsContext,
  network: NetworkSettings,
  requested?: PollWindow,
): Promise<PollResult> {
  const adapter = adapterFor(network);
  if (!adapter) throw new AppError(ConversionsErrors.CONVERSIONS_POLLING_NOT_CONFIGURED);
  const now = ctx.clock.now();
  const window = requested ?? {
    from: new Date(
      Math.min(network.polledUntil?.getTime() ?? now.getTime() - FIRST_POLL_LOOKBACK_MS, now.getTime()) -
        POLL_OVERLAP_MS,
    ),
    to: now,
  };
  let actions: readonly SpecAction[];
  try {
    actions = await adapter.fetchActions(window);
  } catch (error) {
    if (!(error instanceof NetworkApiError)) throw error;
    ctx.logger?.warn({ err: error, networkKey: network.key }, 'network polling failed');
    throw new AppError(ConversionsErrors.CONVERSIONS_POLLING_FAILED, { cause: error });
  }
  const rows: NewInboxRow[] = actions.map((action) => {
    const body = canonical(action);
    return {
      id: newId('pbk'),
      networkId: network.id,
      source: 'poll',
      receivedAt: now,
      method: 'GET',
      query: '',
      body,
      contentType: 'application/json',
      headers: {},
      remoteIp: null,
      auth: 'poll',
      digest: createHash('sha256').update(body).digest('base64url'),
      derivedCommission: null,
    };
  });
  let stored = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK)
    stored += await insertInbox(ctx.db, rows.slice(start, start + INSERT_CHUNK));
  if (!requested) await recordPolledUntil(ctx, network.id, window.to);
  if (stored > 0) ctx.wakeProcessor();
  const result: PollResult = {
    networkKey: network.key,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    fetched: actions.length,
    stored,
  };
  ctx.logger?.info(result, 'network polled');
  return result;
}

/** The scheduled job: every active network with polling enabled; one failing network does not stop the rest. */
export async function pollAllNetworks(ctx: ConversionsContext): Promise<PollResult[]> {
  const results: PollResult[] = [];
  for (const network of await ctx.networks.all()) {
    if (!network.active || !network.polling?.enabled) continue;
    try {
      results.push(await pollNetwork(ctx, network));
    } catch (error) {
      ctx.logger?.warn({ err: error, networkKey: network.key }, 'polling skipped this network');
    }
  }
  return results;
}
