import type { Config } from '@react-router/dev/config';

export default {
  appDirectory: 'app',
  // `dist` is ignored by git, Prettier and ESLint across the repository.
  buildDirectory: 'dist',
  ssr: true,
  // The whole route manifest is small; sending it up front saves a /__manifest round trip per link.
  routeDiscovery: { mode: 'initial' },
  // React Router 7's behaviour, stated so the demo's console stays quiet; each v8 change is a
  // migration of its own (v8_middleware would replace the load context, for one).
  future: {
    v8_middleware: false,
    v8_splitRouteModules: false,
    v8_viteEnvironmentApi: false,
    v8_passThroughRequests: false,
    v8_trailingSlashAwareDataRequests: false,
  },
} satisfies Config;
