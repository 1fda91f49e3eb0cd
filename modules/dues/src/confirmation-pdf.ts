import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { Money, translate, type Locale, type Localized } from '@sauda/platform';
import type { PaymentMethod, PaymentRow } from './dues.tables.ts';
import { almatyDateTime } from './payment-views.ts';

const require = createRequire(import.meta.url);
/**
 * DejaVu Sans (the `dejavu-fonts-ttf` package) covers Cyrillic with every Kazakh letter
 * (ә ғ қ ң ө ұ ү һ і); the PDF's built-in fonts cover Latin only.
 */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const TEXT = {
  title: {
    ru: 'Подтверждение оплаты членского взноса',
    kk: 'Мүшелік жарнаның төленгенін растау',
    en: 'Membership dues payment confirmation',
  },
  member: { ru: 'Участник', kk: 'Қатысушы', en: 'Member' },
  number: { ru: 'Членский номер', kk: 'Мүшелік нөмірі', en: 'Membership number' },
  period: { ru: 'Период', kk: 'Кезең', en: 'Period' },
  amount: { ru: 'Сумма', kk: 'Сома', en: 'Amount' },
  method: { ru: 'Способ оплаты', kk: 'Төлем тәсілі', en: 'Payment method' },
  confirmedAt: { ru: 'Подтверждено', kk: 'Расталды', en: 'Confirmed' },
  reference: { ru: 'Код платежа', kk: 'Төлем коды', en: 'Payment reference' },
  payment: { ru: 'Номер платежа', kk: 'Төлем нөмірі', en: 'Payment id' },
  ledger: { ru: 'Проводка', kk: 'Өткізбе', en: 'Ledger transfer' },
  refunded: { ru: 'ВОЗВРАЩЁН {at}', kk: 'ҚАЙТАРЫЛДЫ {at}', en: 'REFUNDED {at}' },
  footer: {
    ru: 'Документ сформирован автоматически {at} (время Алматы).',
    kk: 'Құжат автоматты түрде жасалды {at} (Алматы уақыты).',
    en: 'Generated automatically on {at} (Almaty time).',
  },
} as const satisfies Record<string, Localized>;

export const METHOD_NAMES: Readonly<Record<PaymentMethod, Localized>> = {
  kaspi_qr: { ru: 'Kaspi QR', kk: 'Kaspi QR', en: 'Kaspi QR' },
  kaspi_transfer: { ru: 'Перевод Kaspi', kk: 'Kaspi аударымы', en: 'Kaspi transfer' },
  manual: { ru: 'Наличные / вручную', kk: 'Қолма-қол / қолмен', en: 'Cash / recorded by hand' },
  other: { ru: 'Другой способ', kk: 'Басқа тәсіл', en: 'Other' },
};

export interface ConfirmationInput {
  readonly payment: PaymentRow;
  readonly memberName: string;
  readonly memberNumber: number;
  readonly communityName: Localized;
  readonly generatedAt: Date;
  readonly locale: Locale;
}

/** One A5 page confirming a payment, in the member's language (Kazakh letters included). */
export function confirmationPdf(input: ConfirmationInput): Promise<Buffer> {
  const { payment, locale } = input;
  const t = (text: Localized, params = {}) => translate(text, locale, params);
  const doc = new PDFDocument({
    size: 'A5',
    margin: 40,
    info: { Title: t(TEXT.title), Creator: 'Sauda' },
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

  doc.font('bold').fontSize(14).text(t(input.communityName));
  doc.moveDown(0.4).fontSize(12).text(t(TEXT.title));
  doc.moveDown(1);
  const rows: [Localized, string][] = [
    [TEXT.member, input.memberName],
    [TEXT.number, String(input.memberNumber)],
    [TEXT.period, payment.period],
    [TEXT.amount, Money.fromMinor(payment.amount, payment.currency).format(locale)],
    [TEXT.method, t(METHOD_NAMES[payment.method])],
    [TEXT.confirmedAt, payment.confirmedAt ? almatyDateTime(payment.confirmedAt) : ''],
    [TEXT.reference, payment.reference],
    [TEXT.payment, payment.id],
    [TEXT.ledger, payment.ledgerTransferId ?? ''],
  ];
  for (const [label, value] of rows) {
    doc.font('regular').fontSize(9).fillColor('#555555').text(t(label));
    doc.font('bold').fontSize(11).fillColor('black').text(value);
    doc.moveDown(0.4);
  }
  if (payment.status === 'refunded' && payment.refundedAt) {
    doc.moveDown(0.5).font('bold').fontSize(12).fillColor('#b00020');
    doc.text(t(TEXT.refunded, { at: almatyDateTime(payment.refundedAt) }));
    doc.fillColor('black');
  }
  doc.moveDown(1.5).font('regular').fontSize(8).fillColor('#555555');
  doc.text(t(TEXT.footer, { at: almatyDateTime(input.generatedAt) }));
  doc.end();
  return done;
}
