import {
  AFFILIATE_NETWORK_DEMO_CHAOS,
  createAffiliateNetworkSimulator,
  createKaspiSimulator,
  createKycAggregatorSimulator,
  createSmsGatewaySimulator,
  createWhatsAppSimulator,
  startSandbox,
  type SandboxServer,
  type Simulator,
} from '@sauda/sandbox';
import { createLogger, migrate, openDatabase, type Clock, type Config, type Logger } from '@sauda/platform';
import { buildApp, type SaudaApp } from './app.ts';
import { seedDemo } from './demo-seed.ts';
import { registerWeb, webOptionsFor, type WebOptions } from './http/web.ts';
import { allMigrations } from './modules.ts';

/** The simulated external parties the demo talks to (the adapters are pointed at them in modules.ts). */
const demoSimulators = (config: Config): Simulator[] => [
  createSmsGatewaySimulator(),
  // Postbacks go to the platform's public URL, as the KYC callback does; the same secret is configured there.
  createAffiliateNetworkSimulator({ platformUrl: config.publicUrl, chaos: AFFILIATE_NETWORK_DEMO_CHAOS }),
  // The KYC adapter is configured from config.kyc (pointed at this simulator outside production).
  createKycAggregatorSimulator({
    apiKey: config.kyc.provider.apiKey,
    apiSecret: config.kyc.provider.apiSecret,
    webhookSecret: config.kyc.webhookSecret,
  }),
  // The dues payment adapters are configured from config.dues (pointed at this simulator outside production).
  createKaspiSimulator({
    gatewayApiKey: config.dues.gateway.apiKey,
    webhookSecret: config.dues.gateway.webhookSecret,
    organizationBin: config.dues.kaspi.organizationBin,
    deviceToken: config.dues.kaspi.deviceToken,
  }),
  createWhatsAppSimulator(),
];

export interface RunningServer {
  readonly app: SaudaApp;
  readonly sandbox: SandboxServer | undefined;
  readonly url: string;
  /** Stops accepting, drains in-flight requests, stops jobs, closes the pool and the embedded database. */
  stop(): Promise<void>;
}

/** Opens the database, migrates, builds the app and listens; in demo mode also the sandbox and demo data. */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config),
  // The browser tests serve the built web app although their environment is `test`, and move time.
  options: { readonly web?: WebOptions; readonly clock?: Clock } = {},
): Promise<RunningServer> {
  const started = performance.now();
  const database = await openDatabase(config, logger);
  try {
    const migrations = await migrate(database.pool, allMigrations);
    logger.info(
      { applied: migrations.applied, alreadyApplied: migrations.alreadyApplied },
      'migrations done',
    );
    const sandbox = config.demo
      ? await startSandbox({
          port: config.sandbox.port,
          host: config.host,
          logger,
          simulators: demoSimulators(config),
        })
      : undefined;
    const app = await buildApp(config, {
      database,
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const web = options.web ?? webOptionsFor(config);
    if (web) await registerWeb(app, config, web);
    if (config.demo) await seedDemo(app, logger);
    const url = await app.listen({ host: config.host, port: config.port });
    logger.info(
      { url, sandbox: sandbox?.url, startupMs: Math.round(performance.now() - started) },
      'Sauda is up',
    );
    return {
      app,
      sandbox,
      url,
      // The app's own close stops jobs before the pool they use goes away; the database closes last.
      async stop() {
        await app.close();
        await sandbox?.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
