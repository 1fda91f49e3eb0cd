import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '@sauda/platform';
import { DuesErrors } from './dues.errors.ts';

/** Import files above this size are refused (ten thousand members fit in a few hundred kilobytes). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

export interface ImportLine {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  readonly row: number;
  readonly fullName: string;
  readonly phone: string;
  readonly email: string;
  readonly city: string;
  readonly paidMonths: string;
}

type Column = 'fullName' | 'phone' | 'email' | 'city' | 'paidMonths';

const HEADERS: Readonly<Record<Column, readonly string[]>> = {
  fullName: ['фио', 'ф.и.о.', 'ф.и.о', 'full name', 'name', 'аты-жөні', 'имя'],
  phone: ['телефон', 'тел', 'тел.', 'phone', 'номер телефона', 'телефон нөмірі'],
  email: ['email', 'e-mail', 'почта', 'эл. почта', 'электронная почта'],
  city: ['город', 'city', 'қала'],
  paidMonths: ['оплаченные месяцы', 'paid months', 'оплачено', 'месяцы', 'оплата', 'төленген айлар'],
};

const invalid = (reason: string) => new AppError(DuesErrors.DUES_IMPORT_INVALID_FILE, { params: { reason } });

/** Cell text: numbers (phones typed as numbers), dates and rich text become plain strings. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 7);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('the workbook has no sheet');
  const rows: (string[] | undefined)[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[];
    rows[number - 1] = values.slice(1).map(cellText);
  });
  return Array.from(rows, (row) => row ?? []);
}

function readCsv(data: Buffer): string[][] {
  const text = data.toString('utf8');
  if (text.includes('\uFFFD')) throw invalid('the CSV is not UTF-8 text');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets with a Russian locale save CSV with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw invalid(`CSV syntax: ${(error as Error).message.slice(0, 120)}`);
  }
}

/** Reads a CSV (UTF-8, comma or semicolon) or XLSX (first sheet) file of members. */
export async function readImportFile(data: Buffer): Promise<{ format: 'csv' | 'xlsx'; lines: ImportLine[] }> {
  if (data.length === 0) throw invalid('the file is empty');
  if (data.length > MAX_IMPORT_BYTES) throw invalid(`the file is larger than ${MAX_IMPORT_BYTES} bytes`);
  const isZip = data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const format = isZip ? 'xlsx' : 'csv';
  const rows = isZip ? await readXlsx(data) : readCsv(data);
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const indexOf = (column: Column): number => header.findIndex((cell) => HEADERS[column].includes(cell));
  const columns = {
    fullName: indexOf('fullName'),
    phone: indexOf('phone'),
    email: indexOf('email'),
    city: indexOf('city'),
    paidMonths: indexOf('paidMonths'),
  };
  if (columns.fullName < 0 || columns.phone < 0)
    throw invalid('the header row needs the columns ФИО and телефон');
  const lines: ImportLine[] = [];
  rows.slice(1).forEach((cells, index) => {
    const cell = (column: Column) => (columns[column] < 0 ? '' : (cells[columns[column]] ?? '').trim());
    if (cells.every((value) => value.trim() === '')) return;
    lines.push({
      row: index + 2,
      fullName: cell('fullName'),
      phone: cell('phone'),
      email: cell('email'),
      city: cell('city'),
      paidMonths: cell('paidMonths'),
    });
  });
  if (lines.length > MAX_IMPORT_ROWS) throw invalid(`more than ${MAX_IMPORT_ROWS} rows`);
  return { format, lines };
}

/** "2025-11, 2025-12" or "11.2025; 12.2025" → sorted unique YYYY-MM; undefined if any part is not a month. */
export function parsePaidMonths(text: string): string[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const periods: string[] = [];
  for (const part of parts) {
    const iso = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(part);
    const dotted = /^(0?[1-9]|1[0-2])[./](\d{4})$/.exec(part);
    if (iso) periods.push(`${iso[1]}-${iso[2]}`);
    else if (dotted) periods.push(`${dotted[2]}-${(dotted[1] ?? '').padStart(2, '0')}`);
    else return undefined;
  }
  return [...new Set(periods)].sort();
}
