import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addMonths, AppError, isAppError, newId, periodOf, type Locale } from '@sauda/platform';
import { confirmLocked } from './confirm-payment.ts';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { imports, members, type ImportRow, type ImportRowError } from './dues.tables.ts';
import { parsePaidMonths, readImportFile, type ImportLine } from './import-file.ts';
import {
  normalizeCity,
  normalizeEmail,
  normalizeFullName,
  normalizePhone,
  phoneIndex,
  sealMemberField,
} from './member-data.ts';
import { findMemberByPhoneIndex } from './members.repository.ts';
import { findPaymentInPeriod } from './payments.repository.ts';
import { insertMember, withMemberConflicts, type CleanMemberData } from './register-member.ts';
import { insertPending } from './start-payment.ts';

export interface ImportPreviewLine {
  readonly row: number;
  readonly fullName: string;
  readonly phone: string;
  readonly action: 'create' | 'update';
  readonly paidMonths: readonly string[];
}

export interface ImportReport {
  readonly id: string;
  readonly status: ImportRow['status'];
  readonly dryRun: boolean;
  readonly format: 'csv' | 'xlsx';
  readonly totalRows: number;
  readonly processedRows: number;
  readonly createdMembers: number;
  readonly updatedMembers: number;
  readonly paymentsCreated: number;
  readonly errors: readonly ImportRowError[];
  /** What would happen (dry run) or happened, for the first rows. */
  readonly preview: readonly ImportPreviewLine[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export interface ImportProgress {
  readonly processedRows: number;
  readonly totalRows: number;
}

interface ValidLine {
  readonly line: ImportLine;
  readonly data: CleanMemberData;
  readonly paidMonths: readonly string[];
}

const PREVIEW_SIZE = 50;
const PROGRESS_EVERY = 25;

export const toImportReport = (row: ImportRow, preview: readonly ImportPreviewLine[] = []): ImportReport => ({
  id: row.id,
  status: row.status,
  dryRun: row.dryRun,
  format: row.format,
  totalRows: row.totalRows,
  processedRows: row.processedRows,
  createdMembers: row.createdMembers,
  updatedMembers: row.updatedMembers,
  paymentsCreated: row.paymentsCreated,
  errors: row.errors,
  preview,
  startedAt: row.startedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

/** Checks every row; a row with any problem is reported (all its problems) and left out. */
function validate(
  lines: readonly ImportLine[],
  now: Date,
  locale: Locale,
): { valid: ValidLine[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const valid: ValidLine[] = [];
  const seenPhones = new Map<string, number>();
  const latest = addMonths(periodOf(now), 12);
  for (const line of lines) {
    const problems: ImportRowError[] = [];
    const check = <T>(field: string, work: () => T): T | undefined => {
      try {
        return work();
      } catch (error) {
        if (!isAppError(error)) throw error;
        problems.push({ row: line.row, field, code: error.code, message: error.localizedMessage(locale) });
        return undefined;
      }
    };
    const fullName = check('fullName', () => normalizeFullName(line.fullName));
    const phone = check('phone', () => normalizePhone(line.phone));
    const email = line.email === '' ? null : check('email', () => normalizeEmail(line.email));
    const city = line.city === '' ? null : check('city', () => normalizeCity(line.city));
    const data: CleanMemberData | undefined =
      fullName !== undefined && phone !== undefined && email !== undefined && city !== undefined
        ? { fullName, phone, email, city, iin: null }
        : undefined;
    const paidMonths = parsePaidMonths(line.paidMonths);
    if (!paidMonths || paidMonths.some((period) => period > latest)) {
      const error = new AppError(DuesErrors.DUES_INVALID_PERIOD);
      problems.push({
        row: line.row,
        field: 'paidMonths',
        code: error.code,
        message: error.localizedMessage(locale),
      });
    }
    if (data) {
      const earlier = seenPhones.get(data.phone);
      if (earlier !== undefined) {
        const error = new AppError(DuesErrors.DUES_IMPORT_DUPLICATE_PHONE, { params: { row: earlier } });
        problems.push({
          row: line.row,
          field: 'phone',
          code: error.code,
          message: error.localizedMessage(locale),
        });
      } else seenPhones.set(data.phone, line.row);
    }
    if (problems.length > 0 || !data || !paidMonths) errors.push(...problems);
    else valid.push({ line, data, paidMonths });
  }
  return { valid, errors };
}

/**
 * Imports members from a CSV or XLSX file: `ФИО, телефон, email, город, оплаченные месяцы`. A dry
 * run only validates and previews. A real run is safe to repeat: members are matched by phone (an
 * existing one is updated), and a month already confirmed is skipped, so nothing is doubled.
 * Progress is stored on the import row (for a page to poll) and reported to `onProgress` (the CLI).
 */
export interface ImportOptions {
  readonly dryRun: boolean;
  readonly locale: Locale;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** An import whose file was read and checked and whose record exists; `run` applies its rows. */
export interface StartedImport {
  /** The record as stored before any row is applied (`running`, totals and row errors known). */
  readonly started: ImportReport;
  run(): Promise<ImportReport>;
}

/** Reads, checks and imports a file in one go (the CLI, the demo, dry runs). */
export async function importMembers(
  ctx: DuesContext,
  actor: Actor,
  file: { readonly name: string; readonly data: Buffer },
  options: ImportOptions,
): Promise<ImportReport> {
  return (await startImport(ctx, actor, file, options)).run();
}

/**
 * Reads and checks the file and stores the import's record, so a caller can answer at once with its
 * id and let the rows be applied in the background while the record's counters show the progress.
 */
export async function startImport(
  ctx: DuesContext,
  actor: Actor,
  file: { readonly name: string; readonly data: Buffer },
  options: ImportOptions,
): Promise<StartedImport> {
  const { format, lines } = await readImportFile(file.data);
  const now = ctx.clock.now();
  const { valid, errors } = validate(lines, now, options.locale);
  const id = newId('dim');
  const [created] = await ctx.db
    .insert(imports)
    .values({
      id,
      fileName: file.name.slice(0, 200),
      fileSha256: createHash('sha256').update(file.data).digest('hex'),
      format,
      dryRun: options.dryRun,
      status: 'running',
      totalRows: lines.length,
      processedRows: 0,
      createdMembers: 0,
      updatedMembers: 0,
      paymentsCreated: 0,
      errors,
      startedBy: actor.id,
      startedAt: now,
    })
    .returning();
  if (!created) throw new Error('import was not stored');
  const preview: ImportPreviewLine[] = [];
  // Rows with errors count as processed: they were read and reported.
  const counters = {
    createdMembers: 0,
    updatedMembers: 0,
    paymentsCreated: 0,
    processedRows: new Set(errors.map((error) => error.row)).size,
  };
  const report = async (status: ImportRow['status']) => {
    const [row] = await ctx.db
      .update(imports)
      .set({ ...counters, status, finishedAt: status === 'running' ? null : ctx.clock.now() })
      .where(eq(imports.id, id))
      .returning();
    options.onProgress?.({ processedRows: counters.processedRows, totalRows: lines.length });
    return row;
  };
  const run = async (): Promise<ImportReport> => {
    try {
      for (const [index, entry] of valid.entries()) {
        const existing = await findMemberByPhoneIndex(ctx.db, phoneIndex(ctx.encryptor, entry.data.phone));
        if (preview.length < PREVIEW_SIZE)
          preview.push({
            row: entry.line.row,
            fullName: entry.data.fullName,
            phone: entry.data.phone,
            action: existing ? 'update' : 'create',
            paidMonths: entry.paidMonths,
          });
        if (!options.dryRun) {
          const outcome = await applyLine(ctx, actor, entry);
          if (outcome.created) counters.createdMembers += 1;
          else counters.updatedMembers += 1;
          counters.paymentsCreated += outcome.payments;
        } else if (existing) counters.updatedMembers += 1;
        else counters.createdMembers += 1;
        counters.processedRows += 1;
        if ((index + 1) % PROGRESS_EVERY === 0) await report('running');
      }
    } catch (error) {
      await report('failed');
      throw error;
    }
    const finished = await report('completed');
    if (!options.dryRun)
      await ctx.audit.record(ctx.db, {
        actor: actor.id,
        action: 'dues.members-imported',
        entityType: 'dues-import',
        entityId: id,
        after: { ...counters, format, rows: lines.length, errors: errors.length },
        context: actor.context,
      });
    return toImportReport(finished ?? created, preview);
  };
  return { started: toImportReport(created, []), run };
}

/** One row in its own transaction: the member (created or updated), then each paid month. */
async function applyLine(
  ctx: DuesContext,
  actor: Actor,
  entry: ValidLine,
): Promise<{ created: boolean; payments: number }> {
  return withMemberConflicts(() =>
    ctx.db.transaction(async (tx) => {
      const { data } = entry;
      let member = await findMemberByPhoneIndex(tx, phoneIndex(ctx.encryptor, data.phone), true);
      const created = !member;
      if (!member) {
        member = await insertMember(ctx, tx, actor, data, {
          userId: null,
          source: 'import',
          joinedPeriod: entry.paidMonths[0] ?? periodOf(ctx.clock.now()),
        });
      } else {
        const id = member.id;
        const [updated] = await tx
          .update(members)
          .set({
            fullNameCiphertext: sealMemberField(ctx.encryptor, id, 'full_name', data.fullName),
            ...(data.email
              ? { emailCiphertext: sealMemberField(ctx.encryptor, id, 'email', data.email) }
              : {}),
            ...(data.city ? { city: data.city } : {}),
            ...(entry.paidMonths[0] && entry.paidMonths[0] < member.joinedPeriod
              ? { joinedPeriod: entry.paidMonths[0] }
              : {}),
            updatedAt: ctx.clock.now(),
          })
          .where(eq(members.id, id))
          .returning();
        member = updated ?? member;
      }
      let paid = 0;
      for (const period of entry.paidMonths) {
        if (await findPaymentInPeriod(tx, member.id, period, 'confirmed')) continue;
        const payment =
          (await findPaymentInPeriod(tx, member.id, period, 'pending', true)) ??
          (await insertPending(ctx, tx, actor, member, period, 'other', 'import'));
        await confirmLocked(ctx, tx, actor, payment, member, { notify: false });
        paid += 1;
      }
      return { created, payments: paid };
    }),
  );
}
