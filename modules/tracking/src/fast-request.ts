import type { IncomingMessage } from 'node:http';
import type { ClickSource } from './redirect-click.ts';

/**
 * Reading a `/go` or `/l` request without Fastify, for the redirect fast path. Each reader accepts
 * only what the Fastify route would accept and read the same way, and answers undefined for
 * anything else (an odd encoding, a repeated parameter, a value the schema rejects): the request
 * then goes to the route, which gives today's answer. Being strict here costs only speed.
 */

export interface GoUrl {
  readonly slug: string;
  readonly to: string | undefined;
  readonly source: ClickSource;
  readonly ctx: string | undefined;
}

// The limits and patterns of GoParams, GoQuery and LinkCodeParams (tracking.contracts.ts).
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG = 64;
const CODE = /^[A-Za-z0-9]{4,16}$/;
const MAX_TO = 8192;
const MAX_CTX = 300;
const SOURCES: ReadonlySet<string> = new Set<ClickSource>(['web', 'ext', 'app', 'link']);

// The `cookie` package trims blanks and tabs around names and values; proxy-addr only blanks.
const COOKIE_BLANKS = /^[ \t]+|[ \t]+$/g;
const BLANKS = /^ +| +$/g;

/** The path part after `prefix` and the raw query string, the way find-my-way splits them. */
function split(url: string, prefix: string): { segment: string; query: string } {
  const mark = url.indexOf('?', prefix.length);
  return mark === -1
    ? { segment: url.slice(prefix.length), query: '' }
    : { segment: url.slice(prefix.length, mark), query: url.slice(mark + 1) };
}

/** A query value as fast-querystring (Fastify's parser) gives it; undefined if it cannot be decoded. */
function decodeValue(raw: string): string | undefined {
  const spaced = raw.includes('+') ? raw.replaceAll('+', ' ') : raw;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/** `/go/{slug}?to&src&ctx` → its parts, or undefined when the route should see it. */
export function readGoUrl(url: string): GoUrl | undefined {
  const { segment: slug, query } = split(url, '/go/');
  if (slug.length > MAX_SLUG || !SLUG.test(slug)) return undefined;
  let to: string | undefined;
  let src: string | undefined;
  let ctx: string | undefined;
  if (query !== '') {
    for (const pair of query.split('&')) {
      const equals = pair.indexOf('=');
      const key = equals === -1 ? pair : pair.slice(0, equals);
      if (key !== 'to' && key !== 'src' && key !== 'ctx') {
        // An encoded key might decode to one of ours; other keys are ignored, as by the schema.
        if (key.includes('%') || key.includes('+')) return undefined;
        continue;
      }
      const value = equals === -1 ? '' : decodeValue(pair.slice(equals + 1));
      if (value === undefined) return undefined;
      // A repeated parameter is an array to Fastify, which the schema rejects.
      if (key === 'to') {
        if (to !== undefined || value.length > MAX_TO) return undefined;
        to = value;
      } else if (key === 'src') {
        if (src !== undefined || !SOURCES.has(value)) return undefined;
        src = value;
      } else {
        if (ctx !== undefined || value.length > MAX_CTX) return undefined;
        ctx = value;
      }
    }
  }
  return { slug, to, source: (src ?? 'web') as ClickSource, ctx };
}

/** `/l/{code}` → the code, or undefined when the route should see it. */
export function readLinkUrl(url: string): string | undefined {
  const { segment } = split(url, '/l/');
  return CODE.test(segment) ? segment : undefined;
}

/**
 * One cookie's value as @fastify/cookie (the `cookie` package) reads it: the first occurrence,
 * blanks and tabs trimmed, percent-decoded when it decodes.
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1 || part.slice(0, equals).replace(COOKIE_BLANKS, '') !== name) continue;
    const raw = part.slice(equals + 1).replace(COOKIE_BLANKS, '');
    if (!raw.includes('%')) return raw;
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/**
 * The client address as Fastify's `request.ip` gives it: the socket's peer, or with TRUST_PROXY
 * the leftmost X-Forwarded-For entry (proxy-addr trusting every hop).
 */
export function clientIp(request: IncomingMessage, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    // Node joins repeated X-Forwarded-For headers with ", ", as proxy-addr expects.
    const forwarded = request.headers['x-forwarded-for'];
    if (typeof forwarded === 'string') {
      for (const entry of forwarded.split(',')) {
        const address = entry.replace(BLANKS, '');
        if (address !== '') return address;
      }
    }
  }
  return request.socket.remoteAddress;
}
