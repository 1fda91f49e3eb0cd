import type { FastifyInstance } from 'fastify';
import { pendingMigrations, Type, type Database, type JobRunner } from '@sauda/platform';

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
  checks: Type.Object({ database: Check, migrations: Check, jobs: Check }),
});

/** /health: the process is alive. /ready: it can serve (database reachable, schema current, jobs running). */
export function registerHealth(
  app: FastifyInstance,
  deps: { database: Database; jobs: JobRunner | undefined; migrationKeys: readonly string[] },
): void {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Liveness',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: { tags: ['operations'], summary: 'Readiness', response: { 200: Readiness, 503: Readiness } },
    },
    async (_request, reply) => {
      const database = await deps.database.pool
        .query('SELECT 1')
        .then(() => ({ ok: true }))
        .catch((error: unknown) => ({ ok: false, detail: (error as Error).message }));
      const migrations = database.ok
        ? await pendingMigrations(deps.database.pool, deps.migrationKeys)
            .then((pending) =>
              pending.length === 0 ? { ok: true } : { ok: false, detail: `pending: ${pending.join(', ')}` },
            )
            .catch((error: unknown) => ({ ok: false, detail: (error as Error).message }))
        : { ok: false, detail: 'database unreachable' };
      const jobs =
        !deps.jobs || deps.jobs.running ? { ok: true } : { ok: false, detail: 'job runner stopped' };
      const ready = database.ok && migrations.ok && jobs.ok;
      if (!ready) void reply.header('retry-after', '5');
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not-ready', checks: { database, migrations, jobs } });
    },
  );
}
