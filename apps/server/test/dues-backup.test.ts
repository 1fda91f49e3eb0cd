import { spawn } from 'node:child_process';
import { mkdtempSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createAuditModule } from '@sauda/audit';
import { createLedgerModule } from '@sauda/ledger';
import { createPool, drizzleFor, ManualClock } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import {
  backupDatabase,
  BackupError,
  findPgTool,
  restoreDatabase,
  serverMajorVersion,
} from '../src/backup/database-backup.ts';

const CLI = fileURLToPath(new URL('../src/cli/sauda.ts', import.meta.url));
const adminUrl = inject('adminDatabaseUrl');
const serverMajor = await serverMajorVersion(adminUrl);
// pg_dump refuses a newer server; where no new enough client tools are installed (the embedded
// PostgreSQL 17 next to Debian's client 15), these tests cannot run and say why.
const pgDump = await findPgTool('pg_dump', serverMajor).catch((error: unknown) => {
  if (!(error instanceof BackupError)) throw error;
  process.stderr.write(`dues-backup.test.ts skipped: ${error.message}\n`);
  return undefined;
});

const ctx = useTestApp({ clock: new ManualClock('2026-03-05T06:00:00Z') });
const created: string[] = [];

async function newDatabase(): Promise<string> {
  const name = `sauda_restore_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

const COUNTED = [
  'dues.members',
  'dues.payments',
  'ledger.transfers',
  'ledger.accounts',
  'audit.entries',
  'platform.schema_migrations',
];

async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, number> = {};
    for (const table of COUNTED)
      result[table] = Number(
        (await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0]?.count,
      );
    return result;
  } finally {
    await client.end();
  }
}

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const key = Buffer.alloc(32, 7).toString('base64');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SAUDA_ENCRYPTION_KEYS: `cli:${key}`,
        SAUDA_BLIND_INDEX_KEY: key,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!pgDump)('backup and restore', () => {
  it('restores a backup into a new database with the same rows and an intact ledger', async () => {
    const { app, database } = ctx();
    const csv =
      'ФИО,телефон,город,оплаченные месяцы\n' +
      'Мамедов Эльчин,+77015550101,Алматы,2026-01 2026-02\n' +
      'Алиева Севиндж,+77015550102,Астана,2026-02\n';
    const report = await app.sauda.modules.dues.api.importMembers(
      { id: 'cli:test' },
      { name: 'm.csv', data: Buffer.from(csv) },
      {
        dryRun: false,
        locale: 'ru',
      },
    );
    expect(report).toMatchObject({ createdMembers: 2, paymentsCreated: 3 });

    const dir = mkdtempSync(join(tmpdir(), 'sauda-backups-'));
    const old = join(dir, 'sauda-20200101T000000Z.dump');
    writeFileSync(old, 'old');
    utimesSync(old, new Date('2020-01-01'), new Date('2020-01-01'));
    const backup = await backupDatabase({ databaseUrl: database.url, dir, retentionDays: 14 });
    expect(backup.bytes).toBeGreaterThan(1000);
    expect(backup.deleted).toEqual([old]);
    expect(existsSync(old)).toBe(false);

    const target = await newDatabase();
    const restored = await restoreDatabase({ file: backup.file, databaseUrl: target, clean: false });
    expect(restored.tables).toBeGreaterThan(20);
    expect(await counts(target)).toEqual(await counts(database.url));

    const pool = createPool(target, { max: 2, statementTimeoutMs: 30_000 });
    try {
      const db = drizzleFor(pool);
      const ledger = await createLedgerModule({ db }).api.verify();
      expect(ledger.ok, JSON.stringify(ledger.problems)).toBe(true);
      expect(ledger.transfers).toBeGreaterThanOrEqual(3);
      expect((await createAuditModule({ db }).api.verify()).ok).toBe(true);
    } finally {
      await pool.end();
    }

    // Restoring over a database that has data is refused unless asked for.
    await expect(restoreDatabase({ file: backup.file, databaseUrl: target, clean: false })).rejects.toThrow(
      'not empty',
    );
    await expect(
      restoreDatabase({ file: join(dir, 'missing.dump'), databaseUrl: target, clean: false }),
    ).rejects.toThrow('no such backup file');
  });

  it('`sauda backup` and `sauda restore` do the same from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sauda-cli-backups-'));
    const source = ctx().database.url;
    const backup = await cli(['backup', '--dir', dir, '--keep-days', '3'], { DATABASE_URL: source });
    expect(backup.code, backup.stderr).toBe(0);
    const file = /backup written: (\S+)/.exec(backup.stdout)?.[1] ?? '';
    expect(file).toMatch(/sauda-\d{8}T\d{6}Z\.dump$/);
    const target = await newDatabase();
    const restore = await cli(['restore', file, '--database-url', target], { DATABASE_URL: source });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('restored');
    const verify = await cli(['ledger', 'verify'], { DATABASE_URL: target });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('ledger intact');
    const again = await cli(['restore', file, '--database-url', target], { DATABASE_URL: source });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
    const badDays = await cli(['backup', '--keep-days', 'zero'], { DATABASE_URL: source });
    expect(badDays.code).toBe(2);
  }, 120_000);

  it('`sauda dues import` checks and imports a file, with row errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sauda-import-'));
    const file = join(dir, 'members.csv');
    writeFileSync(
      file,
      'ФИО,телефон,оплаченные месяцы\nКеримова Лейла,+77015550201,2026-02\nБез телефона,,\n',
    );
    const env = { DATABASE_URL: ctx().database.url };
    const dry = await cli(['dues', 'import', file, '--dry-run'], env);
    expect(dry.stdout).toContain('row 3, phone: Укажите действительный номер телефона');
    expect(dry.stdout).toContain('1 members would be added');
    expect(dry.code).toBe(1);
    const real = await cli(['dues', 'import', file, '--locale', 'en'], env);
    expect(real.stdout).toContain('1 members were added, 0 updated, 1 paid months recorded, 1 errors');
    expect(real.stderr).toContain('2/2 rows');
    const missing = await cli(['dues', 'import', join(dir, 'nope.csv')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  }, 120_000);
});
