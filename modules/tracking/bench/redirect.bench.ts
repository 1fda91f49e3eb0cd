/**
 * `npm run bench:redirect`: the redirect engine against a bare node:http server, in one run.
 *
 *   node modules/tracking/bench/redirect.bench.ts [--database-url postgres://…] [--seconds 20] [--connections 50]
 *
 * 1. A fresh database sauda_bench_redirect on the given PostgreSQL; the real server (`sauda start`,
 *    NODE_ENV=production, generated keys) is started as a child process on 127.0.0.1 and migrates it.
 * 2. One active partner is created through the catalog API; the server learns it via LISTEN/NOTIFY.
 * 3. The bare server (a child process answering the same 302 with a constant Location) is loaded for
 *    the given seconds at the given connections.
 * 4. `/go/<slug>` is loaded the same way, with click recording on. The run is bounded by request count
 *    (the median rate of a 5 s warm-up times the seconds), not by a timer, because a timer cuts requests in
 *    flight whose clicks the server still records; so every click sent is either answered or not sent.
 * 5. The server is stopped with SIGTERM (graceful: the click buffer is flushed), and the rows written
 *    during the measured run are counted.
 *
 * Also prints the CPU microseconds per request of each side (server, PostgreSQL, load generator),
 * which say where a slow run spends its time even when other work shares the machine.
 * Prints: redirect_rps=<n> bare_rps=<m> ratio=<n/m> p99_ms=<x> clicks_written=<k> clicks_expected=<k'>
 * Only 127.0.0.1 is ever loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createAuditModule } from '@sauda/audit';
import { createCatalogModule } from '@sauda/catalog';
import { createPool, drizzleFor } from '@sauda/platform';
import {
  benchPartner,
  cpuPerRequest,
  cpuSnapshot,
  dropDatabase,
  exited,
  newBenchKeys,
  recreateDatabase,
  startBenchServer,
  waitFor,
} from '@sauda/testing';

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    // Writes a V8 CPU profile of the server process there, to see where a slow run spends its time.
    'cpu-prof-dir': { type: 'string' },
  },
});
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const serverUrl = options['database-url'];
const DATABASE = 'sauda_bench_redirect';
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

function load(url: string, run: { duration?: number; amount?: number }): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    ...(run.amount ? { amount: run.amount } : { duration: run.duration ?? seconds }),
    headers: { 'user-agent': USER_AGENT, accept: 'text/html', 'accept-language': 'ru' },
    timeout: 10,
  });
}

const rps = (result: autocannon.Result): number => result.requests.total / result.duration;

async function main(): Promise<void> {
  const databaseUrl = await recreateDatabase(serverUrl, DATABASE);
  const dataDir = mkdtempSync(join(tmpdir(), 'sauda-bench-'));
  process.stdout.write('server: starting in production mode…\n');
  const {
    child: server,
    url: base,
    output,
  } = await startBenchServer({
    databaseUrl,
    dataDir,
    keys: newBenchKeys(),
    cpuProfileDir: options['cpu-prof-dir'],
  });
  const pool = createPool(databaseUrl, { max: 2, statementTimeoutMs: 60_000 });
  let bare: ChildProcess | undefined;
  try {
    const db = drizzleFor(pool);
    const catalog = createCatalogModule({
      db,
      config: { publicUrl: base, dataDir },
      audit: createAuditModule({ db }).api,
    });
    await catalog.api.createPartner(
      { id: 'cli:bench' },
      benchPartner('admitad', 'https://ad.admitad.com/g/bench/?subid={click_id}&ulp={target_url}'),
    );
    const goUrl = `${base}/go/${benchPartner('', '').slug}`;
    await waitFor(
      async () =>
        (await fetch(goUrl, { redirect: 'manual', headers: { 'user-agent': USER_AGENT } })).status === 302,
      'the partner to reach the redirect rules',
      10_000,
    );
    const sample = await fetch(goUrl, { redirect: 'manual', headers: { 'user-agent': USER_AGENT } });
    const location = sample.headers.get('location') ?? 'https://example.com/';

    bare = spawn(
      process.execPath,
      [fileURLToPath(new URL('./bare-redirect-server.ts', import.meta.url)), location],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const started = bare;
    const bareUrl = await new Promise<string>((resolve, reject) => {
      started.stdout?.once('data', (chunk: Buffer) => {
        resolve(chunk.toString().trim());
      });
      started.once('exit', () => {
        reject(new Error('the bare server exited'));
      });
    });
    process.stdout.write(`bare: ${connections} connections for ${seconds} s against ${bareUrl}…\n`);
    const bareBefore = cpuSnapshot(started.pid);
    const bareResult = await load(bareUrl, { duration: seconds });
    const bareCpu = cpuPerRequest(bareBefore, cpuSnapshot(started.pid), bareResult.requests.total);

    process.stdout.write(`redirect: warm-up 5 s…\n`);
    const warmUp = await load(goUrl, { duration: 5 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const count = async (): Promise<number> =>
      Number(
        (await pool.query<{ count: string }>('SELECT count(*) FROM tracking.clicks')).rows[0]?.count ?? 0,
      );
    const before = await count();
    // The median second of the warm-up, not its mean: the first seconds run before the JIT has warmed.
    const amount = Math.max(connections, Math.round(Math.max(rps(warmUp), warmUp.requests.p50) * seconds));
    process.stdout.write(
      `redirect: ${amount} requests at ${connections} connections (about ${seconds} s) against ${goUrl}…\n`,
    );
    const cpuBefore = cpuSnapshot(server.pid);
    const result = await load(goUrl, { amount });
    // Read before the shutdown, which ends the server's PostgreSQL sessions and their counts.
    const cpuAfterLoad = cpuSnapshot(server.pid);
    const expected = result.statusCodeStats?.['302']?.count ?? 0;

    process.stdout.write('server: SIGTERM (graceful shutdown flushes the click buffer)…\n');
    server.kill('SIGTERM');
    const code = await exited(server);
    if (code !== 0) process.stderr.write(`server exited with ${code}\n${output()}`);
    const written = (await count()) - before;
    const redirectCpu = cpuPerRequest(cpuBefore, cpuAfterLoad, result.requests.total);

    const redirectRps = rps(result);
    const bareRps = rps(bareResult);
    process.stdout.write(
      `(redirect run: ${result.duration} s, ${result.requests.total} responses, ${result.errors} errors, ${result.timeouts} timeouts, non-302: ${result.requests.total - expected})\n`,
    );
    process.stdout.write(`(bare: ${bareCpu})\n(redirect: ${redirectCpu})\n`);
    process.stdout.write(
      `redirect_rps=${Math.round(redirectRps)} bare_rps=${Math.round(bareRps)} ratio=${(redirectRps / bareRps).toFixed(2)} ` +
        `p99_ms=${result.latency.p99} clicks_written=${written} clicks_expected=${expected}\n`,
    );
  } finally {
    bare?.kill('SIGTERM');
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
