import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { outboxLagSeconds, type Database, type JobRunner } from '@sauda/platform';
import type { RedirectSample } from '@sauda/tracking';

export interface HttpMetrics {
  readonly registry: Registry;
  readonly duration: Histogram<'method' | 'route' | 'status'>;
  /** Records a request answered before Fastify (the redirect fast path) in the same histogram. */
  readonly observe: (sample: RedirectSample) => void;
}

/**
 * The registry and the latency histogram, created before Fastify so the server factory can hand
 * the redirect fast path its `observe`; `registerMetrics` adds the rest once the app exists.
 */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    duration,
    observe: ({ method, route, status, seconds }) => {
      duration.observe({ method, route, status: String(status) }, seconds);
    },
  };
}

/**
 * Prometheus metrics on a registry per app instance (tests build many apps in one process):
 * request latency by route and status, pool usage, job queue depth and outbox lag.
 */
export function registerMetrics(
  app: FastifyInstance,
  deps: { database: Database; jobs: JobRunner | undefined; metrics?: HttpMetrics },
): void {
  const { registry, duration } = deps.metrics ?? createHttpMetrics();
  const { pool } = deps.database;
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'jobs_queued',
    help: 'Jobs waiting in all queues',
    registers: [registry],
    async collect() {
      this.set(deps.jobs?.running ? await deps.jobs.queueDepth().catch(() => -1) : 0);
    },
  });
  new Gauge({
    name: 'outbox_lag_seconds',
    help: 'Age of the oldest undelivered outbox event',
    registers: [registry],
    async collect() {
      this.set(await outboxLagSeconds(deps.database.db).catch(() => -1));
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
