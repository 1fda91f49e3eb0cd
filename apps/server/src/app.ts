import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  createLogger,
  Encryptor,
  JobRunner,
  migrationKeys,
  openDatabase,
  systemClock,
  type Clock,
  type Config,
  type Database,
  type Logger,
} from '@sauda/platform';
import { registerAuth } from './http/auth.ts';
import { registerHealth } from './http/health.ts';
import { createHttpMetrics, registerMetrics } from './http/metrics.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerProblemHandlers } from './http/problem.ts';
import { redirectFastPathServer } from './http/redirect-fast-path.ts';
import { registerRequestContext, requestIdFrom } from './http/request-context.ts';
import { registerSecurity } from './http/security.ts';
import { registerValidation } from './http/validation.ts';
import { allMigrations, createModules, type Modules } from './modules.ts';

export interface AppRuntime {
  /** An open database; when absent, buildApp opens one from config and closes it with the app. */
  readonly database?: Database;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Start the job runner (default: config.jobs.enabled). Tests usually deliver events directly. */
  readonly startJobs?: boolean;
}

/** The app with the TypeBox type provider, so routes added to it infer request types from schemas. */
export interface SaudaApp extends FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
> {
  readonly sauda: {
    readonly config: Config;
    readonly database: Database;
    readonly modules: Modules;
    readonly jobs: JobRunner | undefined;
    readonly encryptor: Encryptor;
    /** The clock every module was given (a test's manual clock, else the system's). */
    readonly clock: Clock;
  };
}

/** Builds the whole HTTP server without listening; the caller migrates first and listens after. */
export async function buildApp(config: Config, runtime: AppRuntime = {}): Promise<SaudaApp> {
  const logger = runtime.logger ?? createLogger(config);
  const ownsDatabase = !runtime.database;
  const database = runtime.database ?? (await openDatabase(config, logger));
  const clock = runtime.clock ?? systemClock;
  const encryptor = new Encryptor(config.crypto);
  const modules = createModules({ db: database.db, clock, config, encryptor, logger });
  const jobs =
    (runtime.startJobs ?? config.jobs.enabled)
      ? new JobRunner({
          pool: database.pool,
          db: database.db,
          logger,
          jobs: modules.list.flatMap((module) => module.jobs ?? []),
          handlers: modules.list.flatMap((module) => module.handlers ?? []),
        })
      : undefined;

  // Typed as Fastify's logger so the instance type matches the plugins' FastifyInstance.
  const loggerInstance: FastifyBaseLogger = logger;
  const metrics = createHttpMetrics();
  const app = Fastify({
    // Plain /go and /l redirects are answered in front of Fastify (ADR 0006).
    serverFactory: redirectFastPathServer(config, modules.tracking, metrics),
    // pino's Logger is what Fastify logs through; its stricter type only differs in msgPrefix typing.
    loggerInstance,
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdFrom,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('sauda', { config, database, modules, jobs, encryptor, clock });
  registerValidation(app);
  registerRequestContext(app, config);
  registerAuth(app);
  registerProblemHandlers(app);
  await registerSecurity(app, config);
  await registerOpenApi(app, config);
  registerMetrics(app, { database, jobs, metrics });
  registerHealth(app, { database, jobs, migrationKeys: migrationKeys(allMigrations) });
  for (const module of modules.list) if (module.routes) await app.register(module.routes);

  app.addHook('onReady', async () => {
    await jobs?.start();
  });
  app.addHook('onClose', async () => {
    await jobs?.stop(config.http.shutdownTimeoutMs);
    if (ownsDatabase) await database.close();
  });
  return app as unknown as SaudaApp;
}
