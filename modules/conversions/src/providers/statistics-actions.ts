import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { NetworkApiError, type PollWindow, type SpecAction } from './network-adapter.ts';

/** The shape shared by Admitad's `statistics/actions` and the sandbox's copy of it. */
const Page = Type.Object({
  results: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  _meta: Type.Object({
    count: Type.Integer({ minimum: 0 }),
    limit: Type.Optional(Type.Integer({ minimum: 0 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
});

export interface StatisticsActionsOptions {
  /** The full endpoint URL, e.g. `https://api.admitad.com/statistics/actions/`. */
  readonly url: string;
  readonly token: string;
  readonly pageSize: number;
  /** How the window's ends are written in the query. */
  readonly formatTime: (instant: Date) => string;
  /** API field -> Sauda spec field; fields not named here are dropped. */
  readonly fields: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** A guard against a network that never stops paging. */
  readonly maxPages?: number;
}

const scalar = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : undefined;

/** Pages through `status_updated_start … status_updated_end` with offset/limit until `_meta.count` is reached. */
export async function fetchStatisticsActions(
  options: StatisticsActionsOptions,
  window: PollWindow,
): Promise<SpecAction[]> {
  const actions: SpecAction[] = [];
  const maxPages = options.maxPages ?? 200;
  for (let page = 0, offset = 0; page < maxPages; page += 1) {
    const url = new URL(options.url);
    url.searchParams.set('status_updated_start', options.formatTime(window.from));
    url.searchParams.set('status_updated_end', options.formatTime(window.to));
    url.searchParams.set('offset', String(offset));
    url.searchParams.set('limit', String(options.pageSize));
    let body: unknown;
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      if (!response.ok) throw new NetworkApiError(`${url.origin}${url.pathname} answered ${response.status}`);
      body = await response.json();
    } catch (error) {
      if (error instanceof NetworkApiError) throw error;
      throw new NetworkApiError(`${url.origin}${url.pathname} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!Value.Check(Page, body))
      throw new NetworkApiError(`${url.origin}${url.pathname} answered an unknown shape`);
    for (const result of body.results) {
      const action: Record<string, string> = {};
      for (const [from, to] of Object.entries(options.fields)) {
        const value = scalar(result[from]);
        if (value !== undefined) action[to] = value;
      }
      actions.push(action);
    }
    offset += body.results.length;
    if (body.results.length === 0 || offset >= body._meta.count) return actions;
  }
  throw new NetworkApiError(`${options.url} did not finish paging within ${maxPages} pages`);
}
