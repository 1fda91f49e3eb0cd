import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '@sauda/platform';
import { WebhookSender } from './webhooks.ts';

/** A simulated external party (KYC aggregator, affiliate network, Kaspi, SMS gateway...). */
export interface Simulator {
  readonly name: string;
  readonly description: string;
  register(app: FastifyInstance, context: { readonly webhooks: WebhookSender }): Promise<void>;
}

export interface SandboxServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const sandboxLogger = (logger: Logger): FastifyBaseLogger => logger.child({ app: 'sandbox' });

/**
 * The sandbox speaks the real HTTP contracts of the parties Sauda integrates with, so the demo and
 * the tests exercise the production adapters. Each simulator mounts under /<name>/.
 */
export async function buildSandbox(
  options: { logger?: Logger; simulators?: readonly Simulator[] } = {},
): Promise<FastifyInstance> {
  const app = Fastify(options.logger ? { loggerInstance: sandboxLogger(options.logger) } : {});
  const webhooks = new WebhookSender();
  const simulators = options.simulators ?? [];
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/', async () => ({
    service: 'sauda-sandbox',
    simulators: simulators.map(({ name, description }) => ({ name, description, base: `/${name}/` })),
  }));
  app.get('/deliveries', async () => ({ deliveries: webhooks.deliveries }));
  for (const simulator of simulators) {
    await app.register(async (scope) => simulator.register(scope, { webhooks }), {
      prefix: `/${simulator.name}`,
    });
  }
  return app;
}

export async function startSandbox(options: {
  port: number;
  host: string;
  logger?: Logger;
  simulators?: readonly Simulator[];
}): Promise<SandboxServer> {
  const app = await buildSandbox(options);
  const url = await app.listen({ port: options.port, host: options.host });
  return { url, app, close: () => app.close() };
}
