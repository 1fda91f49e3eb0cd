import type { Localized } from '@sauda/platform';

/** Headings of the journal exports (CSV header row and PDF), in every language. */
export const JOURNAL_COLUMNS = {
  seq: { ru: '№', kk: '№', en: 'No.' },
  occurredAt: { ru: 'Время (Алматы)', kk: 'Уақыты (Алматы)', en: 'Time (Almaty)' },
  actor: { ru: 'Кто', kk: 'Кім', en: 'Actor' },
  operation: { ru: 'Операция', kk: 'Операция', en: 'Operation' },
  caseId: { ru: 'Проверка', kk: 'Тексеру', en: 'Case' },
  userId: { ru: 'Пользователь', kk: 'Пайдаланушы', en: 'User' },
  maskedIin: { ru: 'ИИН (маска)', kk: 'ЖСН (маска)', en: 'IIN (masked)' },
  status: { ru: 'Статус', kk: 'Мәртебе', en: 'Status' },
  result: { ru: 'Результат', kk: 'Нәтиже', en: 'Result' },
  reason: { ru: 'Причина', kk: 'Себеп', en: 'Reason' },
  providerReference: { ru: 'Ссылка провайдера', kk: 'Провайдер сілтемесі', en: 'Provider reference' },
  hash: { ru: 'Хеш записи', kk: 'Жазба хэші', en: 'Entry hash' },
} as const satisfies Readonly<Record<string, Localized>>;

export const JOURNAL_PDF_TEXTS = {
  title: { ru: 'Журнал KYC-операций', kk: 'KYC операцияларының журналы', en: 'KYC operations journal' },
  period: {
    ru: 'Период: с {from} по {to} включительно (время Алматы)',
    kk: 'Кезең: {from} бастап {to} қоса алғанда (Алматы уақыты)',
    en: 'Period: {from} to {to} inclusive (Almaty time)',
  },
  generated: {
    ru: 'Сформирован: {at}, сформировал: {actor}',
    kk: 'Жасалған уақыты: {at}, жасаған: {actor}',
    en: 'Generated: {at} by {actor}',
  },
  entries: { ru: 'Записей: {count}', kk: 'Жазбалар саны: {count}', en: 'Entries: {count}' },
  chain: {
    ru: 'Цепочка хешей проверена: {count} записей, последний хеш {head}',
    kk: 'Хэштер тізбегі тексерілді: {count} жазба, соңғы хэш {head}',
    en: 'Hash chain verified: {count} entries, head {head}',
  },
  chainBroken: {
    ru: 'ВНИМАНИЕ: цепочка хешей нарушена на записи №{seq}',
    kk: 'НАЗАР АУДАРЫҢЫЗ: хэштер тізбегі №{seq} жазбада бұзылған',
    en: 'WARNING: the hash chain is broken at entry No. {seq}',
  },
  empty: { ru: 'За период записей нет', kk: 'Бұл кезеңде жазбалар жоқ', en: 'No entries in this period' },
  page: { ru: 'Страница {page} из {pages}', kk: '{pages} беттің {page}-беті', en: 'Page {page} of {pages}' },
} as const satisfies Readonly<Record<string, Localized>>;

const almatyFormatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm:ss` on the Almaty clock. */
export const almatyDateTime = (instant: Date): string => almatyFormatter.format(instant);
