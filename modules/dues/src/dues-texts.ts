import { Money, translate, type Locale, type Localized } from '@sauda/platform';
import type { Requisites } from './dues.tables.ts';

const TRANSFER_INSTRUCTION: Localized = {
  ru: 'Переведите {amount} получателю «{recipient}» (БИН {bin}) на счёт {iban} в {bank}{kaspi}. В комментарии к переводу укажите код {reference}, затем приложите чек.',
  kk: '{amount} сомасын «{recipient}» алушысына (БСН {bin}) {bank} банкіндегі {iban} шотына аударыңыз{kaspi}. Аударым түсініктемесіне {reference} кодын жазып, түбіртекті тіркеңіз.',
  en: 'Transfer {amount} to "{recipient}" (BIN {bin}), account {iban} at {bank}{kaspi}. Write the code {reference} in the transfer comment, then attach the receipt.',
};

const KASPI_PHONE: Localized = {
  ru: ' или по номеру Kaspi {phone}',
  kk: ' немесе Kaspi нөміріне {phone}',
  en: ' or to the Kaspi number {phone}',
};

/** The bank-transfer instruction shown with a pending payment, in the reader's language. */
export function transferInstruction(
  requisites: Requisites,
  amount: Money,
  reference: string,
  locale: Locale,
): string {
  return translate(TRANSFER_INSTRUCTION, locale, {
    amount: amount.format(locale, { trimZeros: true }),
    recipient: requisites.recipient,
    bin: requisites.bin,
    iban: requisites.iban,
    bank: requisites.bank,
    reference,
    kaspi: requisites.kaspiPhone ? translate(KASPI_PHONE, locale, { phone: requisites.kaspiPhone }) : '',
  });
}
