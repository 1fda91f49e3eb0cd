import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { createAuditModule } from '@sauda/audit';
import { createLedgerModule } from '@sauda/ledger';
import {
  ConfigError,
  createLogger,
  isAppError,
  Encryptor,
  loadConfig,
  migrate,
  openDatabase,
  rotateEncryptedColumns,
  type Config,
  type Database,
} from '@sauda/platform';
import { buildApp } from '../app.ts';
import { defineBackupCommands } from './backup-commands.ts';
import { defineDuesCommands } from './dues-commands.ts';
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

/**
 * Reads a password without echoing it when stdin is a terminal (asked twice), or the first line of
 * stdin when it is piped (`printf '%s\n' "$PASSWORD" | sauda admin create ...`).
 */
async function readPassword(): Promise<string> {
  const silent = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const terminal = process.stdin.isTTY;
  const reader = createInterface({ input: process.stdin, output: silent, terminal });
  try {
    if (!terminal) {
      for await (const line of reader) return line;
      return '';
    }
    process.stderr.write('Password: ');
    const first = await reader.question('');
    process.stderr.write('\nRepeat password: ');
    const second = await reader.question('');
    process.stderr.write('\n');
    if (first !== second) throw new Error('the passwords do not match');
    return first;
  } finally {
    reader.close();
  }
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

  const ledger = program.command('ledger').description('Ledger commands');
  ledger
    .command('verify')
    .description(
      'Recompute the ledger from its transfers: block chain, account chains and totals; name every broken row',
    )
    .action(async () => {
      const config = configOrExit();
      const report = await withDatabase(config, (database) =>
        createLedgerModule({ db: database.db }).api.verify(),
      );
      const summary = `${report.transfers} transfers (${report.sealedTransfers} sealed in ${report.blocks} blocks), ${report.accounts} accounts`;
      if (report.ok) {
        process.stdout.write(`ledger intact: ${summary}, head ${report.head}\n`);
        return;
      }
      for (const problem of report.problems) {
        const subject = problem.transferId
          ? `transfer ${problem.transferId}`
          : problem.accountId
            ? `account ${problem.accountId}`
            : problem.block !== undefined
              ? `block ${problem.block}`
              : `asset ${problem.asset ?? '?'}`;
        process.stderr.write(`${problem.kind}: ${subject}: ${problem.detail}\n`);
      }
      process.stderr.write(`ledger BROKEN: ${report.problems.length} problem(s); ${summary}\n`);
      process.exitCode = EXIT_PROBLEM;
    });

  const kycJournal = program
    .command('kyc')
    .description('KYC commands')
    .command('journal')
    .description('The hash-chained KYC journal for the regulator');
  kycJournal
    .command('verify')
    .description('Walk the hash chain of the KYC journal; name the first edited, inserted or removed entry')
    .action(async () => {
      const config = configOrExit();
      const result = await withDatabase(config, (database) =>
        modulesFor(config, database).kyc.api.verifyJournal(),
      );
      if (result.ok) {
        process.stdout.write(`kyc journal intact: ${result.count} entries, head ${result.head}\n`);
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
        `kyc journal BROKEN: ${where} ${what}; ${result.count} entries before it verified\n`,
      );
      process.exitCode = EXIT_PROBLEM;
    });
  kycJournal
    .command('export')
    .description(
      'Write the KYC journal of a period (Almaty days, both included) as CSV or PDF; the export is journaled',
    )
    .requiredOption('--from <YYYY-MM-DD>', 'first day')
    .requiredOption('--to <YYYY-MM-DD>', 'last day')
    .requiredOption('--out <file>', 'where to write the file')
    .option('--format <csv|pdf>', 'file format', 'csv')
    .option('--locale <ru|kk|en>', 'language of headings', 'ru')
    .action(async (options: { from: string; to: string; out: string; format: string; locale: string }) => {
      if (!['csv', 'pdf'].includes(options.format) || !['ru', 'kk', 'en'].includes(options.locale)) {
        process.stderr.write('error: --format must be csv or pdf, --locale ru, kk or en\n');
        process.exitCode = EXIT_CONFIG;
        return;
      }
      const config = configOrExit();
      try {
        const exported = await withDatabase(config, (database) =>
          modulesFor(config, database).kyc.api.exportJournal(
            { id: 'cli:kyc-journal-export' },
            {
              from: options.from,
              to: options.to,
              format: options.format as 'csv' | 'pdf',
              locale: options.locale as 'ru' | 'kk' | 'en',
            },
          ),
        );
        await writeFile(options.out, exported.body);
        process.stdout.write(`${exported.entries} entries written to ${options.out}\n`);
      } catch (error) {
        if (!isAppError(error)) throw error;
        process.stderr.write(`error: ${error.localizedMessage('en')}\n`);
        process.exitCode = EXIT_CONFIG;
      }
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

  const admin = program.command('admin').description('Administrator accounts');
  admin
    .command('create')
    .description(
      'Create an administrator (active; the given email/phone count as verified). Safe to run again: ' +
        'an existing admin with that email/phone is left as it is.',
    )
    .option('--email <email>', 'email address')
    .option('--phone <phone>', 'Kazakhstan phone number')
    .requiredOption('--name <fullName>', 'full name')
    .option('--password <password>', 'password (omit it to be prompted: options end up in shell history)')
    .action(async (options: { email?: string; phone?: string; name: string; password?: string }) => {
      if (options.email === undefined && options.phone === undefined) {
        process.stderr.write('error: give --email and/or --phone\n');
        process.exitCode = EXIT_CONFIG;
        return;
      }
      const config = configOrExit();
      try {
        const password = options.password ?? (await readPassword());
        const result = await withDatabase(config, (database) =>
          modulesFor(config, database).identity.api.createAdmin(
            { id: 'cli:admin-create' },
            { email: options.email, phone: options.phone, fullName: options.name, password },
          ),
        );
        process.stdout.write(
          result.status === 'created'
            ? `administrator created: ${result.userId}\n` +
                'Sign in and enable two-factor authentication: admin permissions apply only after it.\n'
            : `already an administrator: ${result.userId} (nothing changed)\n`,
        );
      } catch (error) {
        if (
          !isAppError(error) &&
          !(error instanceof Error && error.message === 'the passwords do not match')
        ) {
          throw error;
        }
        process.stderr.write(`error: ${isAppError(error) ? error.localizedMessage('en') : error.message}\n`);
        process.exitCode = EXIT_PROBLEM;
      }
    });

  defineBackupCommands(program, configOrExit);
  defineDuesCommands(program, {
    configOrExit,
    withDues: (config, work) =>
      withDatabase(config, (database) => work(modulesFor(config, database).dues.api)),
  });

  return program;
}

export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  await defineCommands(program).parseAsync([...argv]);
}
