import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { DuesApi } from '@sauda/dues';
import { isAppError, type Config } from '@sauda/platform';

const EXIT_PROBLEM = 1;

/** `sauda dues import <file>`: the same import as the admin page, with progress on stderr. */
export function defineDuesCommands(
  program: Command,
  helpers: {
    readonly configOrExit: () => Config;
    readonly withDues: <T>(config: Config, work: (dues: DuesApi) => Promise<T>) => Promise<T>;
  },
): void {
  const dues = program.command('dues').description('Membership dues commands');
  dues
    .command('import')
    .description(
      'Import members from CSV or XLSX (ФИО, телефон, email, город, оплаченные месяцы); safe to repeat',
    )
    .argument('<file>', 'a .csv (UTF-8) or .xlsx file')
    .option('--dry-run', 'only check the file and show what would happen')
    .option('--locale <ru|kk|en>', 'language of the row errors', 'ru')
    .action(async (file: string, options: { dryRun?: boolean; locale: string }) => {
      if (!['ru', 'kk', 'en'].includes(options.locale)) {
        process.stderr.write('error: --locale must be ru, kk or en\n');
        process.exitCode = 2;
        return;
      }
      let data: Buffer;
      try {
        data = await readFile(file);
      } catch (error) {
        process.stderr.write(`error: cannot read ${file}: ${(error as Error).message}\n`);
        process.exitCode = EXIT_PROBLEM;
        return;
      }
      const config = helpers.configOrExit();
      try {
        const report = await helpers.withDues(config, (api) =>
          api.importMembers(
            { id: 'cli:dues-import' },
            { name: basename(file), data },
            {
              dryRun: options.dryRun === true,
              locale: options.locale as 'ru' | 'kk' | 'en',
              onProgress: (progress) => {
                process.stderr.write(`\r${progress.processedRows}/${progress.totalRows} rows`);
              },
            },
          ),
        );
        process.stderr.write('\n');
        for (const error of report.errors)
          process.stdout.write(`row ${error.row}, ${error.field}: ${error.message}\n`);
        const verb = report.dryRun ? 'would be' : 'were';
        process.stdout.write(
          `${report.totalRows} rows: ${report.createdMembers} members ${verb} added, ${report.updatedMembers} updated, ` +
            `${report.paymentsCreated} paid months recorded, ${report.errors.length} errors` +
            `${report.dryRun ? ' (dry run: nothing changed)' : ''}\n`,
        );
        if (report.errors.length > 0) process.exitCode = EXIT_PROBLEM;
      } catch (error) {
        if (!isAppError(error)) throw error;
        process.stderr.write(`error: ${error.localizedMessage(options.locale as 'ru' | 'kk' | 'en')}\n`);
        process.exitCode = EXIT_PROBLEM;
      }
    });
}
