import { describe, expect, it } from 'vitest';
import type { FetchLike } from './api-http.ts';
import { FEED_KEY, syncFeed, type StoredFeed } from './feed-sync.ts';
import { memoryStore } from './key-value-store.ts';

const wireFeed = (version: number) => ({
  version,
  partners: [
    {
      id: 'prt_1',
      slug: 'shop',
      status: 'active',
      domains: [{ domain: 'shop.kz', includeSubdomains: true }],
      reward: { kind: 'percent', userRate: '5.00', currency: 'KZT' },
      goUrl: 'http://127.0.0.1:3000/go/shop',
    },
    { id: 'prt_bad', slug: 'Bad Slug', status: 'active', domains: [], reward: {}, goUrl: 1 },
  ],
});

/** A server that answers like GET /v1/catalog/sync: ETag = version, 304 on a matching If-None-Match. */
function feedServer(state: { version: number; requests: Headers[]; fail?: number }): FetchLike {
  return async (_url, init) => {
    const headers = new Headers(init?.headers);
    state.requests.push(headers);
    if (state.fail) return new Response('{}', { status: state.fail });
    const etag = `"v${state.version}"`;
    if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    return new Response(JSON.stringify(wireFeed(state.version)), { status: 200, headers: { etag } });
  };
}

describe('syncing the partner feed', () => {
  it('downloads, then revalidates with the ETag and keeps the copy on 304, then takes a new version', async () => {
    const state = { version: 3, requests: [] as Headers[] };
    const store = memoryStore();
    let clock = new Date('2026-05-01T10:00:00Z');
    const deps = { fetch: feedServer(state), apiUrl: 'http://api', store, now: () => clock };

    const first = await syncFeed(deps);
    expect(first.kind).toBe('updated');
    expect(state.requests[0]?.get('if-none-match')).toBeNull();
    const stored = await store.get<StoredFeed>(FEED_KEY);
    expect(stored?.etag).toBe('"v3"');
    expect(stored?.feed.partners.map((p) => p.slug)).toEqual(['shop']);

    clock = new Date('2026-05-02T10:00:00Z');
    const second = await syncFeed(deps);
    expect(second.kind).toBe('not-modified');
    expect(state.requests[1]?.get('if-none-match')).toBe('"v3"');
    expect((await store.get<StoredFeed>(FEED_KEY))?.syncedAt).toBe('2026-05-02T10:00:00.000Z');

    state.version = 4;
    const third = await syncFeed(deps);
    expect(third.kind).toBe('updated');
    expect((await store.get<StoredFeed>(FEED_KEY))?.feed.version).toBe(4);
  });

  it('keeps the old copy when the server fails or answers garbage', async () => {
    const state = { version: 1, requests: [] as Headers[] };
    const store = memoryStore();
    const deps = { fetch: feedServer(state), apiUrl: 'http://api', store, now: () => new Date() };
    await syncFeed(deps);
    const before = await store.get<StoredFeed>(FEED_KEY);

    Object.assign(state, { fail: 503 });
    expect(await syncFeed(deps)).toEqual({ kind: 'failed', reason: 'HTTP 503' });
    const garbage: FetchLike = async () => new Response('[1,2]', { status: 200 });
    expect((await syncFeed({ ...deps, fetch: garbage })).kind).toBe('failed');
    const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await syncFeed({ ...deps, fetch: offline })).toMatchObject({
      kind: 'failed',
      reason: 'Failed to fetch',
    });
    expect(await store.get<StoredFeed>(FEED_KEY)).toEqual(before);
  });

  it('sends nothing about the user: no cookies, no page URL', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const spy: FetchLike = async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(wireFeed(1)), { status: 200 });
    };
    await syncFeed({ fetch: spy, apiUrl: 'http://api', store: memoryStore(), now: () => new Date() });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('http://api/v1/catalog/sync');
    expect(calls[0]?.init?.credentials).toBe('omit');
    expect(calls[0]?.init?.body).toBeNull();
  });
});
