import type { WebLoadContext } from '../src/load-context.ts';

// Loaders and actions receive what apps/server/src/http/web.ts hands over for each request.
declare module 'react-router' {
  interface AppLoadContext extends WebLoadContext {}
}
