import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** Where a module keeps its SQL migrations and which modules' schemas it builds on. */
export interface ModuleMigrations {
  readonly module: string;
  readonly directory: URL | string;
  readonly dependsOn?: readonly string[];
}

export const platformMigrations: ModuleMigrations = {
  module: 'platform',
  directory: new URL('../migrations/', import.meta.url),
};

interface MigrationFile {
  readonly module: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

// Any constant works; it only has to be the same in every instance of every version.
const MIGRATION_LOCK_KEY = 7_364_121_509;

/** Orders modules so every module comes after the ones it depends on; rejects cycles and unknown names. */
export function orderModules(modules: readonly ModuleMigrations[]): ModuleMigrations[] {
  const byName = new Map(modules.map((m) => [m.module, m]));
  const ordered: ModuleMigrations[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (module: ModuleMigrations, path: string[]): void => {
    if (state.get(module.module) === 'done') return;
    if (state.get(module.module) === 'visiting') {
      throw new Error(`Migration dependency cycle: ${[...path, module.module].join(' -> ')}`);
    }
    state.set(module.module, 'visiting');
    for (const dependency of module.dependsOn ?? []) {
      const target = byName.get(dependency);
      if (!target) throw new Error(`Module ${module.module} depends on unknown module ${dependency}`);
      visit(target, [...path, module.module]);
    }
    state.set(module.module, 'done');
    ordered.push(module);
  };
  for (const module of modules) visit(module, []);
  return ordered;
}

function readMigrationFiles(module: ModuleMigrations): MigrationFile[] {
  const directory = typeof module.directory === 'string' ? module.directory : fileURLToPath(module.directory);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(directory, name), 'utf8');
      return { module: module.module, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export function listMigrations(modules: readonly ModuleMigrations[]): MigrationFile[] {
  return orderModules(modules).flatMap(readMigrationFiles);
}

export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

/**
 * Applies pending migrations in dependency order, each file in its own transaction, under a
 * session advisory lock: instances starting together wait for one another, so each file runs once.
 * An applied file whose text changed is an error, never silently re-run or skipped.
 */
export async function migrate(pool: pg.Pool, modules: readonly ModuleMigrations[]): Promise<MigrationResult> {
  const files = listMigrations(modules);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS platform;
      CREATE TABLE IF NOT EXISTS platform.schema_migrations (
        module     text NOT NULL,
        name       text NOT NULL,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (module, name)
      )`);
    const { rows } = await client.query<{ module: string; name: string; checksum: string }>(
      'SELECT module, name, checksum FROM platform.schema_migrations',
    );
    const done = new Map(rows.map((row) => [`${row.module}/${row.name}`, row.checksum]));
    const applied: string[] = [];
    for (const file of files) {
      const key = `${file.module}/${file.name}`;
      const checksum = done.get(key);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) throw new Error(`Migration ${key} was edited after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query(
          'INSERT INTO platform.schema_migrations (module, name, checksum) VALUES ($1, $2, $3)',
          [file.module, file.name, file.checksum],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${key} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(key);
    }
    return { applied, alreadyApplied: files.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/** `module/file.sql` of every known migration; read once at start-up, not per readiness probe. */
export function migrationKeys(modules: readonly ModuleMigrations[]): string[] {
  return listMigrations(modules).map((file) => `${file.module}/${file.name}`);
}

/** Known migrations not yet recorded as applied (used by /ready). */
export async function pendingMigrations(pool: pg.Pool, expected: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ key: string }>(
    `SELECT module || '/' || name AS key FROM platform.schema_migrations`,
  );
  const applied = new Set(rows.map((row) => row.key));
  return expected.filter((key) => !applied.has(key));
}
