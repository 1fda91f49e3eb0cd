import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '@sauda/platform';
import { backupDatabase, BackupError, databaseUrlOf, restoreDatabase } from '../backup/database-backup.ts';

const EXIT_PROBLEM = 1;

/** `sauda backup` and `sauda restore <file>`; they talk to PostgreSQL through pg_dump and pg_restore. */
export function defineBackupCommands(program: Command, configOrExit: () => Config): void {
  program
    .command('backup')
    .description(
      'Write a pg_dump of the database to SAUDA_BACKUP_DIR and delete backups past the retention period',
    )
    .option('--dir <directory>', 'where to write (default SAUDA_BACKUP_DIR)')
    .option('--keep-days <days>', 'retention in days (default SAUDA_BACKUP_RETENTION_DAYS)')
    .action(async (options: { dir?: string; keepDays?: string }) => {
      const config = configOrExit();
      const keepDays =
        options.keepDays === undefined ? config.backup.retentionDays : Number(options.keepDays);
      if (!Number.isInteger(keepDays) || keepDays < 1) {
        process.stderr.write('error: --keep-days must be a whole number of days, at least 1\n');
        process.exitCode = 2;
        return;
      }
      try {
        const result = await backupDatabase({
          databaseUrl: databaseUrlOf(config),
          dir: options.dir ? resolve(options.dir) : config.backup.dir,
          retentionDays: keepDays,
          pgBinDir: config.backup.pgBinDir,
        });
        process.stdout.write(
          `backup written: ${result.file} (${result.bytes} bytes)\n` +
            result.deleted.map((file) => `deleted old backup: ${file}\n`).join(''),
        );
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = EXIT_PROBLEM;
      }
    });

  program
    .command('restore')
    .description(
      'Restore a backup written by `sauda backup` into an empty database (DATABASE_URL or --database-url)',
    )
    .argument('<file>', 'the backup file (.dump)')
    .option('--database-url <url>', 'the target database (default: the configured one)')
    .option('--clean', 'drop the objects of the backup in the target first (the target is not empty)')
    .action(async (file: string, options: { databaseUrl?: string; clean?: boolean }) => {
      const config = configOrExit();
      try {
        const result = await restoreDatabase({
          file: resolve(file),
          databaseUrl: options.databaseUrl ?? databaseUrlOf(config),
          clean: options.clean === true,
          pgBinDir: config.backup.pgBinDir,
        });
        process.stdout.write(
          `restored ${file}: ${result.tables} tables\n` +
            'Check it with `sauda ledger verify` and `sauda audit verify` against the restored database.\n',
        );
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = EXIT_PROBLEM;
      }
    });
}
