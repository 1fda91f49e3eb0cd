import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CatalogApi } from '@sauda/catalog';
import type { AuthGuards } from '@sauda/identity';
import {
  almatyDate,
  defineJob,
  systemClock,
  type Clock,
  type Config,
  type Db,
  type Logger,
  type SaudaModule,
} from '@sauda/platform';
import { ClickBuffer } from './click-buffer.ts';
import { signClickContext, CONTEXT_TTL_SECONDS } from './click-context.ts';
import { dropExpiredClickPartitions, ensureClickPartitions } from './click-partitions.ts';
import {
  createRedirectFastPath,
  type RedirectFastPath,
  type RedirectFastPathOptions,
} from './fast-redirect.ts';
import { clicksPerPartner, findDailyClicks, type DailyClicksFilter } from './click-reports.ts';
import { LinkCache } from './link-cache.ts';
import { PartnerRules } from './partner-rules.ts';
import { findProbableClick, type ProbableClick, type ProbableClickQuery } from './probable-click.ts';
import { redirectRoutes } from './redirect.routes.ts';
import { resolveClick, type ClickAttribution } from './resolve-click.ts';
import type { TrackingContext } from './tracking.context.ts';
import { userRefOf } from './tracking.repository.ts';
import { writeClicks } from './write-clicks.ts';
import { trackingRoutes } from './tracking.routes.ts';
import type { DailyClicksRow } from './tracking.tables.ts';
import { DuplicateWindow, fingerprinter } from './visitor.ts';

export interface TrackingApi {
  /** The partner and user behind a click id, from the id itself (for conversions); undefined if forged. */
  resolveClick(clickId: string): Promise<ClickAttribution | undefined>;
  /** The latest click of the same visitor on the partner in a window (conversions' fingerprint fallback). */
  findProbableClick(query: ProbableClickQuery): Promise<ProbableClick | undefined>;
  /** A click context token for the user (what `POST /v1/tracking/context` returns). */
  issueClickContext(userId: string): Promise<{ token: string; expiresAt: Date }>;
  /** Writes every buffered click now (tests, shutdown). */
  flushClicks(): Promise<void>;
  /** Reloads the in-memory partner rules now (normally a catalog notification does it). */
  reloadRules(): Promise<void>;
  dailyClicks(filter: DailyClicksFilter): Promise<DailyClicksRow[]>;
  /** Creates the coming months' partitions and drops the expired ones (the daily job). */
  maintainPartitions(): Promise<{ created: string[]; dropped: string[] }>;
  /** Clicks buffered but not yet written. */
  readonly pendingClicks: number;
}

export interface TrackingDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly config: Pick<Config, 'publicUrl' | 'tracking'>;
  readonly catalog: CatalogApi;
  /** Signed-in routes (context, links, report) are registered only with guards. */
  readonly guards?: AuthGuards;
  readonly logger?: Logger;
  /** How often buffered clicks are written (default 200 ms). */
  readonly flushIntervalMs?: number;
}

export interface TrackingModule extends SaudaModule<TrackingApi> {
  /**
   * The raw node:http handler for plain `/go` and `/l` redirects, to run before Fastify's (the
   * server mounts it with Fastify's `serverFactory`); it serves only while the routes are ready.
   */
  readonly redirectFastPath: (options: RedirectFastPathOptions) => RedirectFastPath;
}

const derive = (key: Buffer, purpose: string): KeyObject =>
  createSecretKey(createHmac('sha256', key).update(purpose).digest());

export function createTrackingModule(deps: TrackingDeps): TrackingModule {
  const clock = deps.clock ?? systemClock;
  const key = deps.config.tracking.clickSigningKey;
  const buffer = new ClickBuffer({
    write: (batch) => writeClicks(deps.db, batch),
    logger: deps.logger,
    intervalMs: deps.flushIntervalMs ?? 200,
  });
  const fingerprintKey = derive(key, 'tracking.fingerprint');
  const ctx: TrackingContext = {
    db: deps.db,
    clock,
    logger: deps.logger,
    catalog: deps.catalog,
    rules: new PartnerRules(deps.catalog, deps.logger),
    buffer,
    duplicates: new DuplicateWindow(),
    links: new LinkCache(deps.db),
    keys: {
      clickId: derive(key, 'tracking.click-id'),
      context: derive(key, 'tracking.click-context'),
      fingerprint: fingerprintKey,
    },
    fingerprintOf: fingerprinter(fingerprintKey),
    publicUrl: deps.config.publicUrl.replace(/\/$/, ''),
    retentionMonths: deps.config.tracking.clickRetentionMonths,
  };

  const maintainPartitions = async () => {
    const now = clock.now();
    return {
      created: await ensureClickPartitions(deps.db, now),
      dropped: await dropExpiredClickPartitions(deps.db, now, ctx.retentionMonths),
    };
  };

  const api: TrackingApi = {
    resolveClick: (clickId) => resolveClick(ctx, clickId),
    findProbableClick: (query) => findProbableClick(deps.db, query),
    async issueClickContext(userId) {
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + CONTEXT_TTL_SECONDS * 1000);
      const userRef = await userRefOf(deps.db, userId, now);
      return { token: signClickContext(ctx.keys.context, { userId, userRef, expiresAt }), expiresAt };
    },
    flushClicks: () => buffer.flush(),
    reloadRules: () => ctx.rules.reload(),
    dailyClicks: (filter) => findDailyClicks(deps.db, filter),
    maintainPartitions,
    get pendingClicks() {
      return buffer.pending;
    },
  };

  // The fast path serves between onReady (rules loaded) and preClose; from then on Fastify answers
  // 503 while closing, and the buffer is flushed once every connection is done.
  const serving = { active: false };
  const routes = async (app: FastifyInstance): Promise<void> => {
    // The rules are loaded before the server listens; clicks are written until the very end:
    // onClose hooks run after in-flight requests finished and before the database pool closes.
    app.addHook('onReady', async () => {
      await ctx.rules.start();
      buffer.start();
      serving.active = true;
    });
    app.addHook('preClose', async () => {
      serving.active = false;
    });
    app.addHook('onClose', async () => {
      await ctx.rules.stop();
      await buffer.stop();
    });
    await app.register(redirectRoutes(ctx));
    if (deps.guards) await app.register(trackingRoutes(ctx, deps.guards));
  };

  const jobs = [
    defineJob({
      name: 'tracking.maintain-click-partitions',
      cron: '10 2 * * *',
      handle: async (_data, { logger }) => {
        const result = await maintainPartitions();
        if (result.created.length + result.dropped.length > 0)
          logger.info(result, 'click partitions maintained');
      },
    }),
    defineJob({
      name: 'tracking.refresh-popularity',
      cron: '20 * * * *',
      handle: async () => {
        const since = almatyDate(new Date(clock.now().getTime() - 30 * 86_400_000));
        await deps.catalog.recordPopularity(await clicksPerPartner(deps.db, since));
      },
    }),
  ];

  return {
    name: 'tracking',
    api,
    routes,
    jobs,
    redirectFastPath: (options) => createRedirectFastPath(ctx, serving, options),
  };
}
