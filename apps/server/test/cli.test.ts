import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase, freePort } from '@sauda/testing';

const CLI = fileURLToPath(new URL('../src/cli/sauda.ts', import.meta.url));
const key = Buffer.alloc(32, 3).toString('base64');
const baseEnv = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  SAUDA_ENCRYPTION_KEYS: `cli:${key}`,
  SAUDA_BLIND_INDEX_KEY: key,
};

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...baseEnv, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `sauda start` and resolves once it answers /health; stop() sends SIGINT and returns the exit code. */
async function startServer(env: Record<string, string>, args: string[] = []) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [CLI, 'start', ...args], {
    env: { ...baseEnv, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    async stop(): Promise<number | null> {
      child.kill('SIGINT');
      return exited;
    },
  };
}

describe('sauda CLI', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('stops on invalid configuration with one line per bad variable and exit code 2', async () => {
    const result = await run(['migrate'], { PORT: 'x', REDIS_URL: 'http://nope' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toMatch(/^ {2}PORT: /m);
    expect(result.stderr).toMatch(/^ {2}REDIS_URL: /m);
  });

  it('migrates idempotently and seeds demo data once', async () => {
    const env = { DATABASE_URL: database.url };
    const migrateResult = await run(['migrate'], env);
    expect(migrateResult.code).toBe(0);
    expect(migrateResult.stdout).toMatch(/^0 applied, \d+ already applied$/m);
    expect((await run(['seed', '--demo'], env)).code).toBe(0);
    expect((await run(['seed', '--demo'], env)).code).toBe(0);
    const { rows } = await database.pool.query(
      `SELECT count(*)::int AS n FROM audit.entries WHERE action = 'platform.demo-seeded'`,
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('verifies the audit log and names an entry edited directly in SQL', async () => {
    const env = { DATABASE_URL: database.url };
    const intact = await run(['audit', 'verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/audit log intact: \d+ entries, head [0-9a-f]{64}/);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('SET session_replication_role = replica');
    await client.query(`UPDATE audit.entries SET actor = 'usr_intruder' WHERE seq = 1`);
    await client.end();
    const broken = await run(['audit', 'verify'], env);
    expect(broken.code, broken.stdout + broken.stderr).toBe(1);
    expect(broken.stderr).toMatch(/audit log BROKEN: entry #1 \(aud_[0-9a-z]+\) was edited/);
  });

  it('prints a fresh key for rotation and re-wraps with the active key', async () => {
    const generated = await run(['keys', 'rotate', '--generate'], {});
    expect(generated.stdout).toMatch(/^k\d{8}:[A-Za-z0-9+/]{43}=$/m);
    const rotated = await run(['keys', 'rotate'], { DATABASE_URL: database.url });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('all encrypted values now use key cli');
  });

  it('documents every command with --help', async () => {
    for (const command of [[], ['start'], ['migrate'], ['seed'], ['audit', 'verify'], ['keys', 'rotate']]) {
      const help = await run([...command, '--help'], {});
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: sauda');
    }
  });
});

describe('sauda start', () => {
  it('serves two instances on one fresh database after migrating it once, and exits cleanly on SIGINT', async () => {
    const blank = `sauda_blank_${process.pid}_${Date.now()}`;
    const server = new URL(inject('adminDatabaseUrl'));
    const maintenance = new pg.Client({ connectionString: server.toString() });
    await maintenance.connect();
    await maintenance.query(`CREATE DATABASE ${blank}`);
    server.pathname = `/${blank}`;
    try {
      const env = { DATABASE_URL: server.toString(), JOBS_ENABLED: 'true' };
      const [first, second] = await Promise.all([startServer(env), startServer(env)]);
      for (const instance of [first, second]) {
        const ready = await fetch(`${instance.url}/ready`);
        expect(ready.status, instance.output()).toBe(200);
      }
      const check = new pg.Client({ connectionString: server.toString() });
      await check.connect();
      const { rows } = await check.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT (module, name))::int AS distinct FROM platform.schema_migrations',
      );
      await check.end();
      expect(rows[0]?.n).toBeGreaterThan(0);
      expect(rows[0]?.n).toBe(rows[0]?.distinct);
      expect(await first.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
    } finally {
      await maintenance.query(`DROP DATABASE IF EXISTS ${blank} WITH (FORCE)`);
      await maintenance.end();
    }
  });

  it('runs the demo on the embedded PostgreSQL and reuses its data on the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sauda-demo-'));
    // mkdtemp makes a private folder; the embedded server runs as the unprivileged postgres user.
    chmodSync(dataDir, 0o755);
    const env = {
      SAUDA_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      NODE_ENV: 'development',
    };
    const first = await startServer(env, ['--demo']);
    expect((await fetch(`${first.url}/ready`)).status).toBe(200);
    expect(first.output()).toContain('Sauda is running at');
    expect(await first.stop()).toBe(0);

    const second = await startServer(env, ['--demo']);
    expect((await fetch(`${second.url}/openapi.json`)).status).toBe(200);
    expect(await second.stop()).toBe(0);
    const again = await run(['audit', 'verify'], env);
    expect(again.stdout).toMatch(/audit log intact: \d+ entries/);
  });
});
