import { resolveLocale, translate, type Locale, type Localized } from '@sauda/platform';

/** Every label of the network's pages, in the platform's three languages. */
const TEXTS = {
  network: {
    ru: 'Песочница партнёрской сети',
    kk: 'Серіктестік желі құмсалғышы',
    en: 'Sandbox affiliate network',
  },
  shopTitle: { ru: 'Магазин «{offer}»', kk: '«{offer}» дүкені', en: 'Shop “{offer}”' },
  demoShop: { ru: 'демо', kk: 'демо', en: 'demo' },
  shopIntro: {
    ru: 'Это симулятор: ничего не продаётся по-настоящему. Покупка создаёт заказ в сети и отправляет постбэк в Sauda.',
    kk: 'Бұл симулятор: ештеңе шын сатылмайды. Сатып алу желіде тапсырыс жасайды және Sauda-ға постбэк жібереді.',
    en: 'This is a simulator: nothing is really sold. A purchase creates an order at the network and sends a postback to Sauda.',
  },
  clickId: { ru: 'Sub-id (click id Sauda)', kk: 'Sub-id (Sauda click id)', en: 'Sub-id (Sauda click id)' },
  quantity: { ru: 'Количество', kk: 'Саны', en: 'Quantity' },
  buy: { ru: 'Купить', kk: 'Сатып алу', en: 'Buy' },
  realSite: { ru: 'Настоящий сайт магазина', kk: 'Дүкеннің нақты сайты', en: 'The shop’s real website' },
  controlLink: {
    ru: 'Пульт сети: одобрить, отклонить, вернуть',
    kk: 'Желі пульті: мақұлдау, қабылдамау, қайтару',
    en: 'Network control page: approve, decline, refund',
  },
  thanks: { ru: 'Спасибо за заказ', kk: 'Тапсырысыңызға рахмет', en: 'Thank you for your order' },
  order: { ru: 'Заказ', kk: 'Тапсырыс', en: 'Order' },
  orderSum: { ru: 'Сумма заказа', kk: 'Тапсырыс сомасы', en: 'Order sum' },
  commission: { ru: 'Комиссия сети', kk: 'Желі комиссиясы', en: 'Commission' },
  status: { ru: 'Статус', kk: 'Күйі', en: 'Status' },
  offer: { ru: 'Оффер', kk: 'Оффер', en: 'Offer' },
  created: { ru: 'Создан', kk: 'Жасалды', en: 'Created' },
  updated: { ru: 'Обновлён', kk: 'Жаңартылды', en: 'Updated' },
  refunded: { ru: 'Возвращено', kk: 'Қайтарылды', en: 'Refunded' },
  backToShop: { ru: 'Вернуться в магазин', kk: 'Дүкенге оралу', en: 'Back to the shop' },
  receiptNote: {
    ru: 'Постбэк «pending» уходит в Sauda сразу; одобрение или отказ — позже или с пульта сети.',
    kk: '«pending» постбэгі Sauda-ға бірден жіберіледі; мақұлдау не бас тарту — кейінірек немесе желі пультінен.',
    en: 'The pending postback goes to Sauda right away; approval or decline follows later or from the control page.',
  },
  error: { ru: 'Ошибка', kk: 'Қате', en: 'Error' },
  missingSubid: {
    ru: 'В ссылке нет sub-id: переход должен идти через Sauda.',
    kk: 'Сілтемеде sub-id жоқ: өту Sauda арқылы болуы керек.',
    en: 'The link has no sub-id: the visit must come through Sauda.',
  },
  badProduct: {
    ru: 'Такого товара в этом магазине нет.',
    kk: 'Бұл дүкенде мұндай тауар жоқ.',
    en: 'This shop has no such product.',
  },
  badQuantity: {
    ru: 'Количество — целое число от 1 до 10.',
    kk: 'Саны — 1-ден 10-ға дейінгі бүтін сан.',
    en: 'Quantity must be a whole number from 1 to 10.',
  },
  orderNotFound: { ru: 'Заказ не найден.', kk: 'Тапсырыс табылмады.', en: 'Order not found.' },
  wrongState: {
    ru: 'Заказ в статусе «{status}»: это действие недоступно.',
    kk: 'Тапсырыс «{status}» күйінде: бұл әрекет қолжетімсіз.',
    en: 'The order is “{status}”: this action is not available.',
  },
  badAmount: {
    ru: 'Сумма возврата — от 0,01 до суммы заказа, не больше двух знаков после запятой.',
    kk: 'Қайтару сомасы — 0,01-ден тапсырыс сомасына дейін, үтірден кейін екі таңбадан аспайды.',
    en: 'The refund must be from 0.01 up to the order sum, with at most two decimals.',
  },
  badSettings: {
    ru: 'Настройки не сохранены: {detail}',
    kk: 'Баптаулар сақталмады: {detail}',
    en: 'Settings not saved: {detail}',
  },
  controlTitle: {
    ru: 'Пульт партнёрской сети',
    kk: 'Серіктестік желі пульті',
    en: 'Affiliate network control page',
  },
  controlIntro: {
    ru: 'Заказы песочницы и их постбэки. Кнопки меняют заказ и сразу отправляют постбэк в Sauda.',
    kk: 'Құмсалғыш тапсырыстары және олардың постбэктері. Түймелер тапсырысты өзгертіп, Sauda-ға постбэкті бірден жібереді.',
    en: 'The sandbox’s orders and their postbacks. The buttons change an order and send its postback to Sauda at once.',
  },
  postbackUrl: { ru: 'Адрес постбэков', kk: 'Постбэк мекенжайы', en: 'Postback URL' },
  orders: { ru: 'Заказы', kk: 'Тапсырыстар', en: 'Orders' },
  noOrders: {
    ru: 'Заказов пока нет: перейдите к партнёру через Sauda и купите что-нибудь.',
    kk: 'Әзірге тапсырыс жоқ: Sauda арқылы серіктеске өтіп, бірдеңе сатып алыңыз.',
    en: 'No orders yet: go to a partner through Sauda and buy something.',
  },
  approve: { ru: 'Одобрить', kk: 'Мақұлдау', en: 'Approve' },
  stall: {
    ru: 'Одобрить, выплата задержана',
    kk: 'Мақұлдау, төлем кідіртілді',
    en: 'Approve, payment stalled',
  },
  decline: { ru: 'Отклонить', kk: 'Қабылдамау', en: 'Decline' },
  refund: { ru: 'Вернуть', kk: 'Қайтару', en: 'Refund' },
  refundAmount: {
    ru: 'Сумма возврата, ₸ (пусто — весь заказ)',
    kk: 'Қайтару сомасы, ₸ (бос — бүкіл тапсырыс)',
    en: 'Refund amount, ₸ (empty: the whole order)',
  },
  resend: { ru: 'Отправить постбэк ещё раз', kk: 'Постбэкті қайта жіберу', en: 'Send the postback again' },
  postbacks: { ru: 'Постбэки', kk: 'Постбэктер', en: 'Postbacks' },
  dropped: { ru: 'потерян нарочно', kk: 'әдейі жоғалтылды', en: 'dropped on purpose' },
  duplicate: { ru: 'дубль', kk: 'көшірме', en: 'duplicate' },
  heldBack: { ru: 'задержан, не по порядку', kk: 'кідіртілді, ретсіз', en: 'held back, out of order' },
  attempt: { ru: 'попытка', kk: 'әрекет', en: 'attempt' },
  settings: { ru: 'Настройки', kk: 'Баптаулар', en: 'Settings' },
  commissionPercent: { ru: 'Комиссия, %', kk: 'Комиссия, %', en: 'Commission, %' },
  approveAfter: {
    ru: 'Автоодобрение через, с (пусто — только вручную)',
    kk: 'Автомақұлдау, с (бос — тек қолмен)',
    en: 'Approve automatically after, s (empty: manually only)',
  },
  declineAfter: {
    ru: 'Автоотказ через, с (пусто — только вручную)',
    kk: 'Автоқабылдамау, с (бос — тек қолмен)',
    en: 'Decline automatically after, s (empty: manually only)',
  },
  declineRate: { ru: 'Доля отказов, %', kk: 'Бас тарту үлесі, %', en: 'Share declined, %' },
  duplicateRate: { ru: 'Дубли постбэков, %', kk: 'Постбэк көшірмелері, %', en: 'Duplicate postbacks, %' },
  outOfOrderRate: { ru: 'Не по порядку, %', kk: 'Ретсіз, %', en: 'Out of order, %' },
  dropRate: { ru: 'Потерянные постбэки, %', kk: 'Жоғалған постбэктер, %', en: 'Dropped postbacks, %' },
  statisticsErrorRate: {
    ru: 'Ответы 503 API статистики, %',
    kk: 'Статистика API 503 жауаптары, %',
    en: 'Statistics API 503 answers, %',
  },
  save: { ru: 'Сохранить', kk: 'Сақтау', en: 'Save' },
  polling: {
    ru: 'API статистики для опроса',
    kk: 'Сұрауға арналған статистика API',
    en: 'Statistics API for polling',
  },
  pending: { ru: 'ожидает', kk: 'күтуде', en: 'pending' },
  approved: { ru: 'одобрен', kk: 'мақұлданды', en: 'approved' },
  declined: { ru: 'отклонён', kk: 'қабылданбады', en: 'declined' },
  approved_but_stalled: {
    ru: 'одобрен, выплата задержана',
    kk: 'мақұлданды, төлем кідіртілді',
    en: 'approved, payment stalled',
  },
} satisfies Record<string, Localized>;

export type TextKey = keyof typeof TEXTS;

export const textOf = (key: TextKey, lang: Locale, params: Readonly<Record<string, unknown>> = {}): string =>
  translate(TEXTS[key], lang, params);

/** `?lang=` (or a form's `lang` field) wins, then the browser's Accept-Language; Russian by default. */
export function languageOf(source: unknown, acceptLanguage: string | undefined): Locale {
  const given = source && typeof source === 'object' ? (source as Record<string, unknown>).lang : undefined;
  return resolveLocale({
    userLocale: typeof given === 'string' ? given : undefined,
    acceptLanguage,
    fallback: 'ru',
  });
}
