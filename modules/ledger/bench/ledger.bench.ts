/**
 * Ledger throughput against PostgreSQL's own TPC-B-like baseline on the same server, in one run:
 *
 *   npm run bench:ledger          (server: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   node modules/ledger/bench/ledger.bench.ts --database-url postgres://… [--seconds 20] [--keep]
 *
 * The server URL comes in as an argument (the npm script passes BENCH_DATABASE_URL) because only the
 * platform's config module reads the environment.
 *
 * 1. pgbench -i -s 10, then 8 clients for 20 s in database sauda_bench_pgbench.
 * 2. The ledger in a fresh database sauda_bench_ledger migrated with platform + ledger migrations
 *    (the same files the server applies; a module may not import apps/server's allMigrations, and the
 *    ledger's schema depends on nothing else): 8 concurrent clients for 20 s, each
 *    transfer between two of 10,000 no-overdraft accounts, 10 % of them paying the hot fee account,
 *    every transfer with its client id (idempotency) and its hash, blocks sealed every second.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createPool, drizzleFor, migrate, platformMigrations, sql } from '@sauda/platform';
import { createLedgerModule, ledgerMigrations, type LedgerApi } from '../src/index.ts';

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '8' },
    accounts: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});
const serverUrl = options['database-url'];
const seconds = Number(options.seconds);
const clients = Number(options.clients);
const accountCount = Number(options.accounts);
const PGBENCH_DB = 'sauda_bench_pgbench';
const LEDGER_DB = 'sauda_bench_ledger';

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function recreateDatabase(name: string): Promise<void> {
  const admin = createPool(serverUrl, { max: 1, statementTimeoutMs: 120_000 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

/**
 * Both measured phases start from a fresh checkpoint, so neither pays for flushing the other's
 * dirty pages (pgbench -i leaves a million of them) or the full-page images a checkpoint triggers.
 */
async function checkpoint(): Promise<void> {
  const admin = createPool(serverUrl, { max: 1, statementTimeoutMs: 300_000 });
  await admin
    .query('CHECKPOINT')
    .catch((error: unknown) => {
      process.stdout.write(`(no CHECKPOINT: ${(error as Error).message})\n`);
    })
    .finally(() => admin.end());
}

async function dropDatabase(name: string): Promise<void> {
  const admin = createPool(serverUrl, { max: 1, statementTimeoutMs: 120_000 });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.end());
}

function pgbenchBinary(): string {
  const packaged = '/usr/lib/postgresql/15/bin/pgbench';
  return existsSync(packaged) ? packaged : 'pgbench';
}

async function runPgbench(): Promise<number> {
  await recreateDatabase(PGBENCH_DB);
  const url = databaseUrl(PGBENCH_DB);
  process.stdout.write(`pgbench: initialising scale 10 in ${PGBENCH_DB}…\n`);
  execFileSync(pgbenchBinary(), ['-i', '-s', '10', '-q', url], { stdio: ['ignore', 'ignore', 'pipe'] });
  await checkpoint();
  process.stdout.write(`pgbench: TPC-B-like, ${clients} clients, ${seconds} s…\n`);
  const output = execFileSync(
    pgbenchBinary(),
    ['-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), url],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (!match?.[1]) throw new Error(`could not read pgbench's tps from:\n${output}`);
  return Number(match[1]);
}

interface LedgerResult {
  readonly transfersPerSecond: number;
  readonly p99Ms: number;
  readonly failures: number;
  readonly verified: string;
}

async function setUpAccounts(
  ledger: LedgerApi,
  pool: ReturnType<typeof createPool>,
): Promise<{ users: string[]; fees: string }> {
  const mint = await ledger.createAccount({ asset: 'KZT', owner: 'bench:mint', code: 'mint' });
  const fees = await ledger.createAccount({ asset: 'KZT', owner: 'platform:fees', code: 'fees' });
  // Plain rows with zero balances (allowed); value then arrives through real transfers below.
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO ledger.accounts (id, asset, owner, code, debits_must_not_exceed_credits, created_at)
     SELECT 'acc_bench_' || lpad(n::text, 6, '0'), 'KZT', 'usr_bench_' || n, 'wallet', true, now()
     FROM generate_series(1, $1) AS n RETURNING id`,
    [accountCount],
  );
  const users = rows.map((row) => row.id);
  await Promise.all(
    users.map((id) =>
      ledger.createTransfer({
        id: `fund-${id}`,
        debitAccountId: mint.id,
        creditAccountId: id,
        amount: 1_000_000_00n,
        code: 'funding',
      }),
    ),
  );
  return { users, fees: fees.id };
}

async function runLedger(): Promise<LedgerResult> {
  await recreateDatabase(LEDGER_DB);
  const pool = createPool(databaseUrl(LEDGER_DB), { max: 10, statementTimeoutMs: 60_000 });
  try {
    await migrate(pool, [platformMigrations, ledgerMigrations]);
    const ledger = createLedgerModule({ db: drizzleFor(pool) }).api;
    process.stdout.write(`ledger: creating and funding ${accountCount} accounts in ${LEDGER_DB}…\n`);
    const { users, fees } = await setUpAccounts(ledger, pool);
    await ledger.sealBlocks();
    await pool.query('VACUUM ANALYZE');
    await checkpoint();

    process.stdout.write(
      `ledger: ${clients} clients, ${seconds} s, 10 % of transfers to the hot fee account…\n`,
    );
    const latencies: number[] = [];
    let failures = 0;
    let sequence = 0;
    const deadline = performance.now() + seconds * 1000;
    const pick = (): string => users[Math.floor(Math.random() * users.length)] ?? '';
    const client = async (number: number): Promise<void> => {
      while (performance.now() < deadline) {
        const debit = pick();
        let credit = Math.random() < 0.1 ? fees : pick();
        while (credit === debit) credit = pick();
        sequence += 1;
        const started = performance.now();
        try {
          await ledger.createTransfer({
            id: `bench-${number}-${sequence}`,
            debitAccountId: debit,
            creditAccountId: credit,
            amount: BigInt(1 + Math.floor(Math.random() * 10_000)),
            code: credit === fees ? 'fee' : 'payment',
            metadata: { client: String(number) },
          });
          latencies.push(performance.now() - started);
        } catch {
          failures += 1;
        }
      }
    };
    const stopSealing = new AbortController();
    const sealer = (async () => {
      while (!stopSealing.signal.aborted) {
        await ledger.sealBlocks();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, (_, number) => client(number)));
    const elapsed = (performance.now() - started) / 1000;
    stopSealing.abort();
    await sealer;

    latencies.sort((a, b) => a - b);
    const p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
    await ledger.sealBlocks();
    const report = await ledger.verify();
    const { rows } = await drizzleFor(pool).execute<{ count: string }>(
      sql`SELECT count(*) AS count FROM ledger.transfers WHERE id LIKE 'bench-%'`,
    );
    if (Number(rows[0]?.count) !== latencies.length) {
      throw new Error(`acknowledged ${latencies.length} transfers but ${rows[0]?.count ?? 0} are stored`);
    }
    return {
      transfersPerSecond: latencies.length / elapsed,
      p99Ms,
      failures,
      verified: report.ok
        ? `verify ok: ${report.transfers} transfers, ${report.blocks} blocks, head ${report.head.slice(0, 16)}…`
        : `verify FAILED: ${JSON.stringify(report.problems.slice(0, 3))}`,
    };
  } finally {
    await pool.end();
  }
}

const pgbenchTps = await runPgbench();
const ledger = await runLedger();
if (!options.keep) {
  await dropDatabase(PGBENCH_DB);
  await dropDatabase(LEDGER_DB);
}
const ratio = ledger.transfersPerSecond / pgbenchTps;
process.stdout.write(
  `\n${ledger.verified}; ${ledger.failures} refused transfers\n` +
    'baseline: pgbench TPC-B-like (-s 10, same clients and duration, same server) is PostgreSQL running one\n' +
    'small write transaction per request with a synchronous commit, its own parallel group commit doing the\n' +
    'rest. A ledger transfer does more (idempotency claim, overdraft check under the account locks, per-account\n' +
    'chain and running balance, hash, statement indexes) and wins it back with group commit: concurrent\n' +
    'requests share one statement and one WAL flush, and the hot fee account is locked and updated once per batch.\n' +
    `ledger_transfers_per_s=${ledger.transfersPerSecond.toFixed(0)} pgbench_tps=${pgbenchTps.toFixed(0)} ` +
    `ratio=${ratio.toFixed(2)} p99_ms=${ledger.p99Ms.toFixed(1)}\n`,
);
