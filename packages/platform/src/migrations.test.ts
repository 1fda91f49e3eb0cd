import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { createPool } from './database.ts';
import {
  migrate,
  migrationKeys,
  orderModules,
  pendingMigrations,
  type ModuleMigrations,
} from './migrations.ts';

function moduleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sauda-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('orderModules', () => {
  const m = (module: string, dependsOn: string[] = []): ModuleMigrations => ({
    module,
    directory: '.',
    dependsOn,
  });

  it('puts dependencies first and rejects cycles and unknown modules', () => {
    expect(
      orderModules([m('rewards', ['ledger']), m('ledger', ['platform']), m('platform')]).map((x) => x.module),
    ).toEqual(['platform', 'ledger', 'rewards']);
    expect(() => orderModules([m('a', ['b']), m('b', ['a'])])).toThrow(/cycle: a -> b -> a/);
    expect(() => orderModules([m('a', ['ghost'])])).toThrow(/unknown module ghost/);
  });
});

describe('migrate', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('applies each file once even when two instances migrate at the same time', async () => {
    const modules: ModuleMigrations[] = [
      {
        module: 'test_shop',
        dependsOn: ['test_catalog'],
        directory: moduleDir({
          '0001_orders.sql': 'CREATE SCHEMA test_shop; CREATE TABLE test_shop.orders (id int, item int);',
        }),
      },
      {
        module: 'test_catalog',
        directory: moduleDir({
          '0001_items.sql': 'CREATE SCHEMA test_catalog; CREATE TABLE test_catalog.items (id int);',
          '0002_seed.sql': 'INSERT INTO test_catalog.items VALUES (1);',
        }),
      },
    ];
    const second = createPool(database.url, { max: 2, statementTimeoutMs: 10_000 });
    try {
      const results = await Promise.all([migrate(database.pool, modules), migrate(second, modules)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 3]);
      expect(results.find((r) => r.applied.length === 3)?.applied).toEqual([
        'test_catalog/0001_items.sql',
        'test_catalog/0002_seed.sql',
        'test_shop/0001_orders.sql',
      ]);
    } finally {
      await second.end();
    }
    const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM test_catalog.items');
    expect(rows[0]).toEqual({ n: 1 });
    expect(await pendingMigrations(database.pool, migrationKeys(modules))).toEqual([]);
  });

  it('refuses to run when an applied migration was edited, and rolls back a failing one', async () => {
    const dir = moduleDir({ '0001_a.sql': 'CREATE SCHEMA edited;' });
    const module: ModuleMigrations = { module: 'edited', directory: dir };
    await migrate(database.pool, [module]);
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE SCHEMA edited; -- changed');
    await expect(migrate(database.pool, [module])).rejects.toThrow(/edited\/0001_a.sql was edited/);

    const broken: ModuleMigrations = {
      module: 'broken',
      directory: moduleDir({
        '0001_ok.sql': 'CREATE SCHEMA broken;',
        '0002_bad.sql': 'CREATE TABLE broken.t (x int); SELECT 1/0;',
      }),
    };
    await expect(migrate(database.pool, [broken])).rejects.toThrow(
      /broken\/0002_bad.sql failed: division by zero/,
    );
    const tables = await database.pool.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'broken'`,
    );
    expect(tables.rowCount).toBe(0);
    expect(await pendingMigrations(database.pool, migrationKeys([broken]))).toEqual(['broken/0002_bad.sql']);
  });
});
