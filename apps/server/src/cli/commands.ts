import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { createAuditModule } from '@sauda/audit';
import {
  ConfigError,
  createLogger,
  Encryptor,
  loadConfig,
  migrate,
  openDatabase,
  rotateEncryptedColumns,
  type Config,
  type Database,
} from '@sauda/platform';
import { buildApp } from '../app.ts';
import { seedDemo } from '../demo-seed.ts';
import { startServer } from '../main.ts';
import { allMigrations, createModules } from '../modules.ts';

/** Exit codes: 0 ok, 1 the command found a problem (e.g. a broken audit chain), 2 bad configuration or usage. */
const EXIT_PROBLEM = 1;
const EXIT_CONFIG = 2;

function configOrExit(overrides: { demo?: boolean } = {}): Config {
  try {
    return loadConfig(undefined, overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

/** Opens the database quietly for a one-shot command, migrates it, and always closes it. */
async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const logger = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openDatabase(config, logger);
  try {
    await migrate(database.pool, allMigrations);
    return await work(database);
  } finally {
    await database.close();
  }
}

function modulesFor(config: Config, database: Database) {
  const logger = createLogger({ ...config, logLevel: 'warn' });
  return createModules({
    db: database.db,
    clock: { now: () => new Date() },
    config,
    encryptor: new Encryptor(config.crypto),
    logger,
  });
}

export function defineCommands(program: Command): Command {
  program.name('sauda').description('Sauda platform command line').showHelpAfterError();

  program
    .command('start')
    .description('Start the API server (with --demo: embedded sandbox partners and demo data)')
    .option('--demo', 'start the sandbox simulators and seed demo data')
    .action(async (options: { demo?: boolean }) => {
      const config = configOrExit(options.demo ? { demo: true } : {});
      const logger = createLogger(config);
      const server = await startServer(config, logger);
      process.stdout.write(
        `\nSauda is running at ${server.url}\n  API docs: ${server.url}/docs\n  Health:   ${server.url}/ready\n` +
          (server.sandbox ? `  Sandbox:  ${server.sandbox.url}\n` : '') +
          'Press Ctrl-C to stop.\n',
      );
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) {
          logger.warn({ signal }, 'second signal: exiting immediately');
          process.exit(EXIT_PROBLEM);
        }
        stopping = true;
        logger.info({ signal }, 'shutting down');
        const timer = setTimeout(() => {
          logger.error('shutdown timed out');
          process.exit(EXIT_PROBLEM);
        }, config.http.shutdownTimeoutMs + 5_000);
        timer.unref();
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(EXIT_PROBLEM);
          },
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  program
    .command('migrate')
    .description('Apply pending database migrations of every module, in dependency order')
    .action(async () => {
      const config = configOrExit();
      const logger = createLogger({ ...config, logLevel: 'warn' });
      const database = await openDatabase(config, logger);
      try {
        const result = await migrate(database.pool, allMigrations);
        process.stdout.write(
          `${result.applied.map((name) => `applied ${name}\n`).join('')}${result.applied.length} applied, ${result.alreadyApplied} already applied\n`,
        );
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description('Load data into the database')
    .requiredOption('--demo', 'load the demo data set (idempotent)')
    .action(async () => {
      const config = configOrExit({ demo: true });
      await withDatabase(config, async (database) => {
        const logger = createLogger({ ...config, logLevel: 'warn' });
        const app = await buildApp(config, { database, logger, startJobs: false });
        try {
          await seedDemo(app, logger);
        } finally {
          await app.close();
        }
      });
      process.stdout.write('demo data is in place\n');
    });

  const audit = program.command('audit').description('Audit log commands');
  audit
    .command('verify')
    .description('Walk the hash chain of the audit log; name the first edited, inserted or removed entry')
    .action(async () => {
      const config = configOrExit();
      const result = await withDatabase(config, (database) =>
        createAuditModule({ db: database.db }).api.verify(),
      );
      if (result.ok) {
        process.stdout.write(`audit log intact: ${result.count} entries, head ${result.head}\n`);
        return;
      }
      const { problem } = result;
      const where = 'id' in problem ? `entry #${problem.seq} (${problem.id})` : `entry #${problem.seq}`;
      const what = {
        edited: 'was edited',
        missing: 'is missing (removed)',
        'out-of-chain': 'does not link to its predecessor (inserted, or the entry before it was rewritten)',
      }[problem.kind];
      process.stderr.write(
        `audit log BROKEN: ${where} ${what}; ${result.count} entries before it verified\n`,
      );
      process.exitCode = EXIT_PROBLEM;
    });

  const keys = program.command('keys').description('Encryption key commands');
  keys
    .command('rotate')
    .description('Re-wrap every stored data key under the active key (SAUDA_ENCRYPTION_ACTIVE_KEY)')
    .option('--generate', 'only print a new random key entry to append to SAUDA_ENCRYPTION_KEYS')
    .action(async (options: { generate?: boolean }) => {
      if (options.generate) {
        const id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
        process.stdout.write(
          `${id}:${randomBytes(32).toString('base64')}\n` +
            'Append it to SAUDA_ENCRYPTION_KEYS, set SAUDA_ENCRYPTION_ACTIVE_KEY to its id, restart, then run `sauda keys rotate`.\n',
        );
        return;
      }
      const config = configOrExit();
      const counts = await withDatabase(config, async (database) => {
        const modules = modulesFor(config, database);
        const columns = modules.list.flatMap((module) => module.encryptedColumns ?? []);
        return rotateEncryptedColumns(database.pool, new Encryptor(config.crypto), columns);
      });
      for (const [column, count] of counts) process.stdout.write(`${column}: ${count} re-wrapped\n`);
      process.stdout.write(`all encrypted values now use key ${config.crypto.activeKeyId}\n`);
    });

  return program;
}

export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  await defineCommands(program).parseAsync([...argv]);
}
