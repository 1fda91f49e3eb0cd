import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { translate, type Locale } from '@sauda/platform';
import { statusChange } from './journal-csv.ts';
import type { JournalEntry } from './kyc-journal.ts';
import { almatyDateTime, JOURNAL_COLUMNS, JOURNAL_PDF_TEXTS } from './journal-texts.ts';

const require = createRequire(import.meta.url);
/**
 * DejaVu Sans ships with the `dejavu-fonts-ttf` package and covers Cyrillic including every Kazakh
 * letter (ә ғ қ ң ө ұ ү һ і); the PDF's built-in fonts cover Latin only. Read from node_modules,
 * never downloaded at run time.
 */
export const PDF_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const PDF_FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface JournalPdfInput {
  readonly entries: readonly JournalEntry[];
  readonly from: string;
  readonly to: string;
  readonly generatedAt: Date;
  readonly generatedBy: string;
  readonly chain: {
    readonly ok: boolean;
    readonly count: number;
    readonly head?: string;
    readonly brokenAt?: number;
  };
  readonly locale: Locale;
}

const COLUMNS = [
  { key: 'seq', width: 30 },
  { key: 'occurredAt', width: 82 },
  { key: 'actor', width: 104 },
  { key: 'operation', width: 92 },
  { key: 'caseId', width: 110 },
  { key: 'maskedIin', width: 60 },
  { key: 'status', width: 110 },
  { key: 'result', width: 96 },
  { key: 'providerReference', width: 86 },
] as const;

const MARGIN = 36;
const FONT_SIZE = 6.5;
const PADDING = 2;

function cells(entry: JournalEntry): Record<(typeof COLUMNS)[number]['key'], string> {
  return {
    seq: String(entry.seq),
    occurredAt: almatyDateTime(entry.occurredAt),
    actor: entry.actor,
    operation: entry.operation,
    caseId: entry.caseId ?? '',
    maskedIin: entry.maskedIin ?? '',
    status: statusChange(entry),
    result: [entry.result, entry.reason].filter(Boolean).join('; '),
    providerReference: entry.providerReference ?? '',
  };
}

/** An A4 landscape table of the entries, headed by the period and the state of the hash chain. */
export function journalPdf(input: JournalPdfInput): Promise<Buffer> {
  const { locale } = input;
  const t = (text: (typeof JOURNAL_PDF_TEXTS)[keyof typeof JOURNAL_PDF_TEXTS], params = {}) =>
    translate(text, locale, params);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: t(JOURNAL_PDF_TEXTS.title), Creator: 'Sauda' },
  });
  doc.registerFont('regular', PDF_FONT);
  doc.registerFont('bold', PDF_FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(14).text(t(JOURNAL_PDF_TEXTS.title));
  doc.moveDown(0.3).font('regular').fontSize(9);
  doc.text(t(JOURNAL_PDF_TEXTS.period, { from: input.from, to: input.to }));
  doc.text(
    t(JOURNAL_PDF_TEXTS.generated, { at: almatyDateTime(input.generatedAt), actor: input.generatedBy }),
  );
  doc.text(t(JOURNAL_PDF_TEXTS.entries, { count: input.entries.length }));
  doc.text(
    input.chain.ok
      ? t(JOURNAL_PDF_TEXTS.chain, { count: input.chain.count, head: input.chain.head ?? '' })
      : t(JOURNAL_PDF_TEXTS.chainBroken, { seq: input.chain.brokenAt ?? 0 }),
  );
  doc.moveDown(0.8);

  const bottom = doc.page.height - MARGIN - 14;
  const rowHeight = (values: readonly string[], font: string): number => {
    doc.font(font).fontSize(FONT_SIZE);
    return (
      Math.max(
        ...values.map((value, i) =>
          doc.heightOfString(value, { width: (COLUMNS[i]?.width ?? 0) - 2 * PADDING }),
        ),
      ) +
      2 * PADDING
    );
  };
  const drawRow = (values: readonly string[], font: string, shaded: boolean): void => {
    const height = rowHeight(values, font);
    if (doc.y + height > bottom) {
      doc.addPage();
      drawHeader();
    }
    const top = doc.y;
    let x = MARGIN;
    if (shaded) doc.rect(MARGIN, top, 770, height).fill('#eeeeee').fillColor('black');
    values.forEach((value, i) => {
      const width = COLUMNS[i]?.width ?? 0;
      doc.font(font).fontSize(FONT_SIZE).fillColor('black');
      doc.text(value, x + PADDING, top + PADDING, { width: width - 2 * PADDING, lineBreak: true });
      x += width;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + 770, top + height)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  const headers = COLUMNS.map(({ key }) =>
    key === 'result'
      ? `${translate(JOURNAL_COLUMNS.result, locale)} / ${translate(JOURNAL_COLUMNS.reason, locale)}`
      : translate(JOURNAL_COLUMNS[key], locale),
  );
  const drawHeader = (): void => {
    drawRow(headers, 'bold', true);
  };

  if (input.entries.length === 0) {
    doc.font('regular').fontSize(10).text(t(JOURNAL_PDF_TEXTS.empty));
  } else {
    drawHeader();
    for (const entry of input.entries) {
      const values = cells(entry);
      drawRow(
        COLUMNS.map(({ key }) => values[key]),
        'regular',
        false,
      );
    }
  }

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .text(
        t(JOURNAL_PDF_TEXTS.page, { page: index + 1, pages: range.count }),
        MARGIN,
        doc.page.height - MARGIN - 8,
        { width: 770, align: 'right', lineBreak: false },
      );
  }
  doc.end();
  return done;
}
