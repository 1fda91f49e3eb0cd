/**
 * `npm run bench:postbacks`: signed postbacks over HTTP against the real server, processing on.
 *
 *   node modules/conversions/bench/postbacks.bench.ts [--database-url postgres://…] [--seconds 20] [--connections 32]
 *
 * 1. A fresh database sauda_bench_postbacks on the given PostgreSQL; the real server (`sauda start`,
 *    NODE_ENV=production, jobs on, generated keys) is started as a child process on 127.0.0.1 and
 *    migrates it. Its background processor drains the inbox as postbacks arrive.
 * 2. Through the modules' APIs, in this process: one active partner, a signed network `bench`, and
 *    click contexts for 50 users; 1,000 click ids are minted through the server's `/go`.
 * 3. For the given seconds, autocannon sends signed JSON postbacks (`X-Sauda-Signature`), each a
 *    new action of a random click, except that 10 % repeat an earlier postback (re-signed).
 * 4. The run waits until the inbox is drained, then for rewards (until each conversion has one, none
 *    was added for 20 s, or `--rewards-wait` seconds passed; it prints how long it waited), and reads
 *    from the database: postbacks accepted (202) per second of load, postbacks processed per second (inbox rows processed, from the first
 *    receipt to the last processing), unique conversions, and rewards created: the rows of
 *    `rewards.rewards` when the rewards module exists, otherwise the ConversionChanged events of
 *    new conversions (revision 1) delivered to a counting handler here.
 *
 * Prints: postbacks_accepted_per_s=<a> postbacks_processed_per_s=<p> unique=<u> rewards_created=<r>
 * Only 127.0.0.1 is ever loaded.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createAuditModule } from '@sauda/audit';
import { createCatalogModule } from '@sauda/catalog';
import {
  createPool,
  defineHandler,
  drizzleFor,
  Encryptor,
  handleEventOnce,
  newId,
  type Db,
} from '@sauda/platform';
import {
  benchPartner,
  dropDatabase,
  exited,
  newBenchKeys,
  recreateDatabase,
  startBenchServer,
  waitFor,
} from '@sauda/testing';
import { createTrackingModule } from '@sauda/tracking';
import { ConversionChanged, createConversionsModule, signatureHeader } from '../src/index.ts';

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    // The most to wait, once the inbox is drained, for the rewards module to catch up; the wait also
    // ends once every conversion has its reward, or when no reward was added for 20 s.
    'rewards-wait': { type: 'string', default: '300' },
    // Writes a V8 CPU profile of the server process there, to see where a slow run spends its time.
    'cpu-prof-dir': { type: 'string' },
  },
});
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const serverUrl = options['database-url'];
const DATABASE = 'sauda_bench_postbacks';
const NETWORK = 'bench';
const SECRET = 'bench-network-secret-0123456789';
const USERS = 50;
const CLICKS = 1000;
const DUPLICATE_SHARE = 0.1;
/** The rewards wait gives up when no reward was added for this long. */
const STALL_MS = 20_000;
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const keys = newBenchKeys();

/** One partner, the `bench` network, and click ids of 50 users minted through the server's `/go`. */
async function setUp(db: Db, base: string, dataDir: string): Promise<string[]> {
  const audit = createAuditModule({ db }).api;
  const catalog = createCatalogModule({ db, config: { publicUrl: base, dataDir }, audit });
  const partner = await catalog.api.createPartner(
    { id: 'cli:bench' },
    benchPartner(NETWORK, 'https://network.example/?subid={click_id}&ulp={target_url}'),
  );
  const tracking = createTrackingModule({
    db,
    config: { publicUrl: base, tracking: { clickSigningKey: keys.clickSigning, clickRetentionMonths: 24 } },
    catalog: catalog.api,
  });
  const conversions = createConversionsModule({
    db,
    config: {
      publicUrl: base,
      jobs: { enabled: false },
      http: { corsOrigins: [], bodyLimitBytes: 1_048_576, rateLimitPerMinute: 1000, shutdownTimeoutMs: 1000 },
    },
    encryptor: new Encryptor({
      keys: [{ id: 'bench', key: keys.encryption }],
      activeKeyId: 'bench',
      blindIndexKey: keys.blindIndex,
    }),
    audit,
    catalog: catalog.api,
    tracking: tracking.api,
    identity: { getProfile: () => Promise.reject(new Error('not used by the bench')) },
  });
  await conversions.api.createNetwork(
    { id: 'cli:bench' },
    { key: NETWORK, name: 'Bench network', kind: 'signed', secret: SECRET },
  );
  const goUrl = `${base}/go/${partner.slug}`;
  await waitFor(
    async () =>
      (await fetch(goUrl, { redirect: 'manual', headers: { 'user-agent': USER_AGENT } })).status === 302,
    'the partner to reach the redirect rules',
    10_000,
  );
  const contexts = await Promise.all(
    Array.from({ length: USERS }, async () => (await tracking.api.issueClickContext(newId('usr'))).token),
  );
  const clickIds: string[] = [];
  for (let i = 0; i < CLICKS; i += 1) {
    const response = await fetch(`${goUrl}?ctx=${encodeURIComponent(contexts[i % USERS] ?? '')}`, {
      redirect: 'manual',
      headers: { 'user-agent': USER_AGENT },
    });
    const clickId = new URL(response.headers.get('location') ?? 'http://x/').searchParams.get('subid');
    if (!clickId) throw new Error(`/go answered ${response.status} without a click id`);
    clickIds.push(clickId);
  }
  return clickIds;
}

/** Postbacks as the network sends them: mostly new actions, 10 % a repeat of an earlier one. */
function postbackSource(clickIds: readonly string[]) {
  const recent: string[] = [];
  let sequence = 0;
  return (): string => {
    if (recent.length > 0 && Math.random() < DUPLICATE_SHARE) return recent[randomInt(recent.length)] ?? '';
    sequence += 1;
    const body = JSON.stringify({
      click_id: clickIds[randomInt(clickIds.length)],
      action_id: `bench-${sequence}-${randomBytes(4).toString('hex')}`,
      order_id: `order-${sequence}`,
      status: 'pending',
      payment_sum: `${randomInt(1, 5000)}.${String(randomInt(100)).padStart(2, '0')}`,
      order_sum: '100000.00',
      currency: 'KZT',
      action_ip: '198.51.100.7',
      user_agent: USER_AGENT,
      action_date: new Date().toISOString(),
      status_updated: new Date().toISOString(),
    });
    recent.push(body);
    if (recent.length > 5000) recent.shift();
    return body;
  };
}

let newConversions = 0;
const newConversionCounter = defineHandler({
  name: 'bench.count-new-conversions',
  event: ConversionChanged,
  handle: async (payload) => {
    if (payload.revision === 1) newConversions += 1;
  },
});

async function countRewards(
  db: Db,
  pool: ReturnType<typeof createPool>,
): Promise<{ count: number; source: string }> {
  const table = (
    await pool.query<{ found: string | null }>(`SELECT to_regclass('rewards.rewards')::text AS found`)
  ).rows[0]?.found;
  if (table) {
    const count = Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM rewards.rewards')).rows[0]?.n,
    );
    return { count, source: 'rows of rewards.rewards' };
  }
  // Handled once per event (platform.handled_events), so calling this again only adds new events.
  const { rows } = await pool.query<{ id: string; payload: unknown }>(
    `SELECT id, payload FROM platform.outbox WHERE name = $1 ORDER BY id`,
    [ConversionChanged.name],
  );
  for (const row of rows) await handleEventOnce(db, newConversionCounter, row.id, row.payload);
  return {
    count: newConversions,
    source: 'ConversionChanged revision-1 events delivered to a counting handler (no rewards module)',
  };
}

async function main(): Promise<void> {
  const databaseUrl = await recreateDatabase(serverUrl, DATABASE);
  const dataDir = mkdtempSync(join(tmpdir(), 'sauda-bench-'));
  process.stdout.write('server: starting in production mode…\n');
  const { child: server, url: base } = await startBenchServer({
    databaseUrl,
    dataDir,
    keys,
    env: { JOBS_ENABLED: 'true', LOG_LEVEL: 'warn' },
    cpuProfileDir: options['cpu-prof-dir'],
  });
  const pool = createPool(databaseUrl, { max: 4, statementTimeoutMs: 60_000 });
  const db = drizzleFor(pool);
  try {
    process.stdout.write(`setup: a partner, the network, ${CLICKS} click ids of ${USERS} users…\n`);
    const clickIds = await setUp(db, base, dataDir);
    const next = postbackSource(clickIds);
    const started = Date.now();
    process.stdout.write(
      `load: signed postbacks for ${seconds} s at ${connections} connections (${DUPLICATE_SHARE * 100} % repeats)…\n`,
    );
    const result = await autocannon({
      url: `${base}/postbacks/${NETWORK}`,
      connections,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const body = next();
            return {
              ...request,
              body,
              headers: {
                'content-type': 'application/json',
                'x-sauda-signature': signatureHeader(SECRET, body),
              },
            };
          },
        },
      ],
    });
    const loadSeconds = (Date.now() - started) / 1000;
    const accepted = result.statusCodeStats?.['202']?.count ?? 0;
    process.stdout.write(
      `(load: ${result.requests.total} responses in ${loadSeconds.toFixed(1)} s, ${accepted} accepted, ` +
        `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, p99 ${result.latency.p99} ms)\n`,
    );
    await waitFor(
      async () =>
        Number(
          (
            await pool.query<{ n: string }>(
              'SELECT count(*) AS n FROM conversions.inbox WHERE processed_at IS NULL',
            )
          ).rows[0]?.n,
        ) === 0,
      'the inbox to be drained',
      180_000,
    );
    const { rows } = await pool.query<{ processed: string; seconds: number; unique: string }>(`
      SELECT count(*) AS processed,
             extract(epoch FROM max(processed_at) - min(received_at))::float8 AS seconds,
             (SELECT count(*) FROM conversions.conversions) AS unique
      FROM conversions.inbox WHERE source = 'postback'`);
    const stats = rows[0];
    const processedPerSecond = Number(stats?.processed ?? 0) / Math.max(stats?.seconds ?? 1, 0.001);
    const rewardsWaitStarted = Date.now();
    let rewards = await countRewards(db, pool);
    const rewardsDeadline = rewardsWaitStarted + Number(options['rewards-wait']) * 1000;
    let lastGrowth = Date.now();
    while (
      rewards.count < Number(stats?.unique ?? 0) &&
      Date.now() < rewardsDeadline &&
      Date.now() - lastGrowth < STALL_MS
    ) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const previous = rewards.count;
      rewards = await countRewards(db, pool);
      if (rewards.count > previous) lastGrowth = Date.now();
    }
    process.stdout.write(
      `(rewards: waited ${((Date.now() - rewardsWaitStarted) / 1000).toFixed(1)} s after the inbox drained, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s after the load began)\n`,
    );
    process.stdout.write(`(rewards_created counts ${rewards.source})\n`);
    process.stdout.write(
      `postbacks_accepted_per_s=${Math.round(accepted / loadSeconds)} ` +
        `postbacks_processed_per_s=${Math.round(processedPerSecond)} unique=${stats?.unique ?? 0} ` +
        `rewards_created=${rewards.count}\n`,
    );
  } finally {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await exited(server);
    }
    await pool.end();
    await dropDatabase(serverUrl, DATABASE).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
