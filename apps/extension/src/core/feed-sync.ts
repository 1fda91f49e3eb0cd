import { callApi, type FetchLike } from './api-http.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { parsePartnerFeed, type PartnerFeed } from './partner-feed.ts';

/** The stored copy of the feed with the ETag to revalidate it; kept across browser restarts. */
export interface StoredFeed {
  readonly feed: PartnerFeed;
  readonly etag: string | null;
  readonly syncedAt: string;
}

export type SyncOutcome =
  | { readonly kind: 'updated'; readonly stored: StoredFeed }
  | { readonly kind: 'not-modified'; readonly stored: StoredFeed }
  | { readonly kind: 'failed'; readonly reason: string };

export const FEED_KEY = 'feed';

/**
 * One sync: a conditional GET with the last ETag. A 304 keeps the copy (and records the check); a
 * 200 replaces it; anything else keeps the old copy, so a broken server never empties the list.
 * The request carries no user data and no URL: everyone asks the same question.
 */
export async function syncFeed(deps: {
  fetch: FetchLike;
  apiUrl: string;
  store: KeyValueStore;
  now: () => Date;
}): Promise<SyncOutcome> {
  const previous = await deps.store.get<StoredFeed>(FEED_KEY);
  const headers: Record<string, string> = previous?.etag ? { 'if-none-match': previous.etag } : {};
  let answer;
  try {
    answer = await callApi(deps.fetch, `${deps.apiUrl}/v1/catalog/sync`, { headers });
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
  const syncedAt = deps.now().toISOString();
  if (answer.status === 304 && previous) {
    const stored = { ...previous, syncedAt };
    await deps.store.set(FEED_KEY, stored);
    return { kind: 'not-modified', stored };
  }
  if (answer.status !== 200) return { kind: 'failed', reason: `HTTP ${answer.status}` };
  const feed = parsePartnerFeed(answer.body);
  if (!feed) return { kind: 'failed', reason: 'the answer is not a sync feed' };
  const stored: StoredFeed = { feed, etag: answer.etag, syncedAt };
  await deps.store.set(FEED_KEY, stored);
  return { kind: 'updated', stored };
}
