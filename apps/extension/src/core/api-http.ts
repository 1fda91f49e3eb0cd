/** How the extension speaks to the Sauda API: JSON in, JSON or problem+json out, with a time limit. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly etag: string | null;
  /** The stable error code of a problem+json answer (`IDENTITY_INVALID_GRANT`…). */
  readonly code: string | undefined;
}

const TIMEOUT_MS = 15_000;
/** Far above any real feed or token answer; a bigger body is refused rather than parsed. */
const MAX_BODY_BYTES = 5_000_000;

export class ApiUnreachable extends Error {
  override readonly name = 'ApiUnreachable';
}

export async function callApi(
  fetcher: FetchLike,
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetcher(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiUnreachable(error instanceof Error ? error.message : String(error));
  }
  const text = response.status === 304 || response.status === 204 ? '' : await response.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiUnreachable(`answer of ${text.length} characters refused`);
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
  }
  const code =
    typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string'
      ? (body as { code: string }).code
      : undefined;
  return { status: response.status, body, etag: response.headers.get('etag'), code };
}
