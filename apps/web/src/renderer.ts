import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequestHandler, type ServerBuild } from 'react-router';
import type { WebLoadContext } from './load-context.ts';

/** The web app's own folder (apps/web), where vite.config.ts and the build output live. */
export const WEB_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_BUILD_DIRECTORY = join(WEB_ROOT, 'dist');

/** Vite's connect-style middleware: calls `next` for anything it does not serve. */
export type DevMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export interface WebRenderer {
  readonly mode: 'development' | 'production';
  /** Renders one page (or a `.data` request of client navigation) to a Fetch API response. */
  render(request: Request, context: WebLoadContext): Promise<Response>;
  /** Development: Vite serves its module URLs (`/@vite/…`, `/app/…`) through this. */
  readonly devMiddleware: DevMiddleware | undefined;
  /** Production: the client build (hashed files under `assets/`). */
  readonly clientDirectory: string | undefined;
  close(): Promise<void>;
}

export type WebRendererOptions =
  | {
      readonly mode: 'development';
      /** The HTTP server whose upgrade requests carry Vite's hot-reload socket; none disables it. */
      readonly hmrServer?: Server;
    }
  | { readonly mode: 'production'; readonly buildDirectory?: string };

/**
 * Development: Vite in middleware mode compiles modules on request, so a start costs a few hundred
 * milliseconds and no build. Production: the output of `npm run build:web` (ADR 0011).
 */
export async function createWebRenderer(options: WebRendererOptions): Promise<WebRenderer> {
  if (options.mode === 'development') return developmentRenderer(options.hmrServer);
  return productionRenderer(options.buildDirectory ?? DEFAULT_BUILD_DIRECTORY);
}

/**
 * React Router's Vite plugin starts helper Vite servers (its config loader and child compiler) that
 * are not in middleware mode, and each such server installs a SIGTERM handler that closes it and
 * calls `process.exit()`. That would cut the server's own graceful shutdown short (jobs, pool,
 * embedded PostgreSQL), so those handlers are removed; the renderer closes Vite in the app's
 * `onClose` instead. Vite's handler is recognised by the callback set it drains.
 */
function removeViteExitHandlers(): void {
  const isVites = (listener: (...args: never[]) => unknown): boolean =>
    listener.toString().includes('sigtermCallbacks');
  for (const listener of process.listeners('SIGTERM')) {
    if (isVites(listener)) process.removeListener('SIGTERM', listener);
  }
  for (const listener of process.stdin.listeners('end')) {
    if (isVites(listener as (...args: never[]) => unknown))
      process.stdin.removeListener('end', listener as () => void);
  }
}

async function developmentRenderer(hmrServer: Server | undefined): Promise<WebRenderer> {
  const vite = await import('vite');
  const server = await vite.createServer({
    root: WEB_ROOT,
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    appType: 'custom',
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: hmrServer ? { server: hmrServer } : false },
  });
  removeViteExitHandlers();
  return {
    mode: 'development',
    devMiddleware: server.middlewares,
    clientDirectory: undefined,
    async render(request, context) {
      // Loaded per request: Vite re-evaluates only the modules that changed since the last one.
      const build = (await server.ssrLoadModule('virtual:react-router/server-build')) as ServerBuild;
      removeViteExitHandlers();
      return createRequestHandler(build, 'development')(request, context);
    },
    close: () => server.close(),
  };
}

async function productionRenderer(buildDirectory: string): Promise<WebRenderer> {
  const serverEntry = join(buildDirectory, 'server', 'index.js');
  if (!existsSync(serverEntry)) {
    throw new Error(
      `The web app is not built (${serverEntry} is missing): run "npm run build:web" before starting in production.`,
    );
  }
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  const handle = createRequestHandler(build, 'production');
  return {
    mode: 'production',
    devMiddleware: undefined,
    clientDirectory: join(buildDirectory, 'client'),
    render: (request, context) => handle(request, context),
    close: async () => undefined,
  };
}
