import { randomBytes } from 'node:crypto';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '@sauda/platform';
import {
  createWebRenderer,
  preferredLocale,
  VITE_DEV_PREFIXES,
  WEB_BODY_LIMIT_BYTES,
  WEB_PUBLIC_FILES,
  WEB_ROOT_FILES,
  WEB_SECTIONS,
  type ApiClient,
  type ApiRequest,
  type WebLoadContext,
  type WebRenderer,
} from '@sauda/web';

/**
 * How the web app (apps/web) is served inside this process (ADR 0011): `development` compiles it
 * on request with Vite's middleware (the demo and local work), `production` serves the output of
 * `npm run build:web`.
 */
export interface WebOptions {
  readonly mode: 'development' | 'production';
  /** The build output; default apps/web/dist. */
  readonly buildDirectory?: string;
}

/** The default for an environment: tests mount the web app only when they ask for it. */
export function webOptionsFor(config: Config): WebOptions | undefined {
  if (config.env === 'production') return { mode: 'production' };
  if (config.env === 'development') return { mode: 'development' };
  return undefined;
}

const ONE_YEAR_SECONDS = 31_536_000;

/** Pages run scripts only with this response's nonce; everything else must come from this origin. */
function contentSecurityPolicy(nonce: string, mode: WebOptions['mode']): string {
  const development = mode === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Vite injects stylesheets as <style> elements while developing; the build links CSS files.
    development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    // The ALTCHA widget solves its proof of work in workers it creates from blobs.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The page's visitor calling the public API in-process: same cookies, address, agent and request id. */
function inProcessApi(app: FastifyInstance, request: FastifyRequest): ApiClient {
  return {
    async request(call: ApiRequest) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(call.query ?? {})) {
        if (Array.isArray(value)) for (const item of value as readonly string[]) query.append(key, item);
        else if (value !== undefined && value !== '') query.set(key, String(value));
      }
      const search = query.size > 0 ? `?${query.toString()}` : '';
      const headers: Record<string, string> = {
        'accept-language': call.locale,
        accept: 'application/json',
        'x-request-id': request.id,
      };
      const cookie = call.cookie ?? request.headers.cookie;
      if (cookie) headers.cookie = cookie;
      if (request.headers['user-agent']) headers['user-agent'] = request.headers['user-agent'];
      if (call.csrfToken) headers['x-csrf-token'] = call.csrfToken;
      if (call.file) headers['content-type'] = call.file.type || 'application/octet-stream';
      else if (call.body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.inject({
        method: call.method,
        url: `${call.path}${search}`,
        headers,
        // Per-IP rate limits and abuse counters must see the visitor, not this server.
        remoteAddress: request.ip,
        ...(call.file
          ? { payload: Buffer.from(call.file.bytes) }
          : call.body === undefined
            ? {}
            : { payload: JSON.stringify(call.body) }),
      });
      const contentType = response.headers['content-type'] ?? '';
      const body: unknown =
        contentType.includes('json') && response.body !== '' ? response.json() : response.body;
      const setCookie = response.headers['set-cookie'];
      return {
        status: response.statusCode,
        headers: response.headers,
        body,
        setCookies: Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [],
      };
    },
  };
}

function fetchRequestOf(request: FastifyRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && Buffer.isBuffer(request.body);
  return new Request(`${request.protocol}://${request.host}${request.url}`, {
    method: request.method,
    headers,
    signal,
    ...(hasBody ? { body: Uint8Array.from(request.body as Buffer) } : {}),
  });
}

/** Mounts the web app: its pages, sitemap and robots, static files, and Vite's URLs in development. */
export async function registerWeb(app: FastifyInstance, config: Config, options: WebOptions): Promise<void> {
  const renderer: WebRenderer = await createWebRenderer(
    options.mode === 'development'
      ? { mode: 'development', hmrServer: app.server }
      : { mode: 'production', ...(options.buildDirectory ? { buildDirectory: options.buildDirectory } : {}) },
  );
  app.addHook('onClose', () => renderer.close());
  const origin = config.publicUrl.replace(/\/+$/, '');

  async function renderPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const nonce = randomBytes(16).toString('base64');
    const aborted = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) aborted.abort();
    });
    const context: WebLoadContext = {
      api: inProcessApi(app, request),
      nonce,
      origin,
      defaultLocale: config.defaultLocale,
      demo: config.demo,
      production: renderer.mode === 'production',
      logError: (error, message) => {
        request.log.error({ err: error }, message);
      },
    };
    const response = await renderer.render(fetchRequestOf(request, aborted.signal), context);
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
      void reply.header('content-security-policy', contentSecurityPolicy(nonce, renderer.mode));
    }
    // Pages carry the visitor's session state; only what a route marks public may be cached.
    if (!response.headers.has('cache-control')) void reply.header('cache-control', 'private, no-cache');
    return reply.send(response);
  }

  await app.register(async (web) => {
    // React Router reads form bodies itself (URL-encoded and multipart); they arrive as raw bytes.
    web.removeAllContentTypeParsers();
    web.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEB_BODY_LIMIT_BYTES },
      (_r, body, done) => {
        done(null, body);
      },
    );
    await web.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });

    const page = { bodyLimit: WEB_BODY_LIMIT_BYTES, schema: { hide: true } };
    web.get('/', { schema: { hide: true } }, async (request, reply) => {
      const locale = preferredLocale(
        { cookie: request.headers.cookie, acceptLanguage: request.headers['accept-language'] },
        config.defaultLocale,
      );
      return reply
        .header('vary', 'Accept-Language, Cookie')
        .header('cache-control', 'no-store')
        .redirect(`/${locale}`, 302);
    });
    for (const section of WEB_SECTIONS) {
      for (const path of [`/${section}`, `/${section}.data`, `/${section}/*`]) {
        web.route({ method: ['GET', 'POST'], url: path, ...page, handler: renderPage });
      }
    }
    for (const file of WEB_ROOT_FILES) web.get(file, page, renderPage);

    const clientDirectory = renderer.clientDirectory;
    if (clientDirectory) {
      await web.register(fastifyStatic, { root: clientDirectory, serve: false, preCompressed: true });
      // Hashed file names change with their content, so they may be cached for good; a page
      // loads a dozen of them, which must not eat the visitor's API rate limit.
      web.get('/assets/*', { config: { rateLimit: false }, schema: { hide: true } }, (request, reply) => {
        const file = (request.params as { '*': string })['*'];
        return reply.sendFile(`assets/${file}`, { maxAge: ONE_YEAR_SECONDS * 1000, immutable: true });
      });
      for (const file of WEB_PUBLIC_FILES) {
        web.get(file, { config: { rateLimit: false }, schema: { hide: true } }, (_request, reply) =>
          reply.sendFile(file.slice(1), { maxAge: 86_400_000 }),
        );
      }
    }

    const devMiddleware = renderer.devMiddleware;
    if (devMiddleware) {
      const viaVite = (request: FastifyRequest, reply: FastifyReply): void => {
        reply.hijack();
        devMiddleware(request.raw, reply.raw, (error) => {
          reply.raw.statusCode = error ? 500 : 404;
          reply.raw.end();
        });
      };
      for (const prefix of VITE_DEV_PREFIXES) {
        web.get(
          prefix.endsWith('/') ? `${prefix}*` : prefix,
          { config: { rateLimit: false }, schema: { hide: true } },
          viaVite,
        );
      }
      for (const file of WEB_PUBLIC_FILES) {
        web.get(file, { config: { rateLimit: false }, schema: { hide: true } }, viaVite);
      }
    }
  });
}
