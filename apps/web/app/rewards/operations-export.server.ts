import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import { minorToDecimal } from '../catalog/catalog.server.ts';
import { formatDateTime } from '../format.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Reward } from './rewards-api.ts';

const require = createRequire(import.meta.url);
/** DejaVu Sans has every Kazakh letter (ә ғ қ ң ө ұ ү һ і); PDF's built-in fonts are Latin only. */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface ExportInput {
  readonly rewards: readonly Reward[];
  readonly locale: Locale;
  readonly t: TFunction;
  readonly filters: string;
  readonly truncated: boolean;
  readonly generatedAt: Date;
}

function rows(input: ExportInput): string[][] {
  return input.rewards.map((reward) => [
    formatDateTime(reward.occurredAt, input.locale),
    reward.partner.name ?? reward.partner.id,
    input.t(`account.operations.statuses.${reward.status}`),
    minorToDecimal(reward.amount.amount, reward.amount.asset),
    reward.amount.asset,
    reward.availableAfter ? formatDateTime(reward.availableAfter, input.locale) : '',
  ]);
}

const headers = (t: TFunction): string[] => [
  t('account.operations.columns.date'),
  t('account.operations.columns.partner'),
  t('account.operations.columns.status'),
  t('account.operations.columns.amount'),
  t('account.operations.columns.asset'),
  t('account.operations.columns.availableAfter'),
];

/**
 * UTF-8 with a byte-order mark, so Excel reads Cyrillic correctly; semicolons for Russian and
 * Kazakh, the list separator Excel expects in those regional settings, commas for English.
 */
export function operationsCsv(input: ExportInput): Buffer {
  const text = stringify([headers(input.t), ...rows(input)], {
    bom: true,
    delimiter: input.locale === 'en' ? ',' : ';',
    record_delimiter: 'windows',
  });
  return Buffer.from(text, 'utf8');
}

const MARGIN = 40;
const COLUMN_WIDTHS = [100, 130, 80, 75, 45, 85];

/** An A4 table of the operations with the filters and the time it was made. */
export function operationsPdf(input: ExportInput): Promise<Buffer> {
  const { t } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: t('account.operations.title'), Creator: 'Sauda' },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(16).text(t('account.operations.title'));
  doc
    .font('regular')
    .fontSize(9)
    .text(
      t('account.operations.export.generated', {
        date: formatDateTime(input.generatedAt.toISOString(), input.locale),
      }),
    );
  if (input.filters) doc.text(input.filters);
  if (input.truncated) doc.text(t('account.operations.export.truncated'));
  doc.moveDown();

  const drawRow = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8);
    const heights = cells.map((cell, index) =>
      doc.heightOfString(cell, { width: (COLUMN_WIDTHS[index] ?? 60) - 4 }),
    );
    const height = Math.max(...heights) + 6;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, index) => {
      const width = COLUMN_WIDTHS[index] ?? 60;
      doc.text(cell, x + 2, top + 3, { width: width - 4 });
      x += width;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(x, top + height)
      .strokeColor('#cbd5e1')
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  drawRow(headers(t), true);
  for (const row of rows(input)) drawRow(row, false);
  if (input.rewards.length === 0)
    doc
      .font('regular')
      .fontSize(10)
      .text(t('account.operations.empty'), MARGIN, doc.y + 8);
  doc.end();
  return done;
}
