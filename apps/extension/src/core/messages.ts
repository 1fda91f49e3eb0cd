/** Every text the extension shows, in the three languages of the product. */
export type Locale = 'ru' | 'kk' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'kk', 'en'];

const en = {
  appName: 'Sauda cashback',
  titleOff: 'Sauda: switched off',
  titleDisconnected: 'Sauda: connect your account',
  titleIdle: 'Sauda cashback',
  titlePartner: 'Sauda: cashback is available on this site',
  titlePartnerConnect: 'Sauda: cashback is available, connect your account',
  titleActivated: 'Sauda: cashback is activated in this tab',
  statusOff: 'Sauda is switched off: it does not look at sites and shows no offers.',
  switchOn: 'Switch on',
  switchOff: 'Switch off',
  notPartner: 'This site is not a Sauda partner.',
  notWebPage: 'Open a shop’s website to see its cashback.',
  partnerRate: 'Cashback {rate}',
  partnerPaused: 'Cashback at this shop is paused for now.',
  activate: 'Activate cashback',
  activated: 'Cashback is activated in this tab. Shop as usual.',
  standDown:
    'You came here through another partner or cashback link. Sauda will not replace it; cashback is not offered for this visit.',
  conditions: 'Conditions',
  connectPrompt: 'Connect your Sauda account so purchases are credited to you.',
  connect: 'Connect account',
  connecting: 'Confirm the code {code} in your Sauda cabinet.',
  openCabinetToApprove: 'Open the cabinet to confirm',
  waiting: 'Waiting for confirmation…',
  cancel: 'Cancel',
  connectDenied: 'The connection was declined in the cabinet.',
  connectExpired: 'The code has expired. Start again.',
  revoked: 'The extension was disconnected from your account. Connect again to get cashback.',
  connectedAs: 'Account connected',
  disconnect: 'Disconnect',
  lastActivation: 'Last activation: {partner}, {time}',
  cabinet: 'My cabinet',
  syncedAt: 'Partner list updated {time}',
  neverSynced: 'The partner list has not been loaded yet.',
  syncNow: 'Update',
  networkError: 'No connection to Sauda. Try again a little later.',
  privacy: 'Sites are recognised inside your browser; their addresses are never sent to Sauda.',
};
export type MessageKey = keyof typeof en;

const ru: Record<MessageKey, string> = {
  appName: 'Sauda кэшбэк',
  titleOff: 'Sauda: выключено',
  titleDisconnected: 'Sauda: подключите аккаунт',
  titleIdle: 'Sauda кэшбэк',
  titlePartner: 'Sauda: на этом сайте есть кэшбэк',
  titlePartnerConnect: 'Sauda: есть кэшбэк, подключите аккаунт',
  titleActivated: 'Sauda: кэшбэк активирован в этой вкладке',
  statusOff: 'Sauda выключено: расширение не смотрит на сайты и не показывает предложения.',
  switchOn: 'Включить',
  switchOff: 'Выключить',
  notPartner: 'Этот сайт не партнёр Sauda.',
  notWebPage: 'Откройте сайт магазина, чтобы увидеть его кэшбэк.',
  partnerRate: 'Кэшбэк {rate}',
  partnerPaused: 'Кэшбэк в этом магазине временно приостановлен.',
  activate: 'Активировать кэшбэк',
  activated: 'Кэшбэк активирован в этой вкладке. Покупайте как обычно.',
  standDown:
    'Вы пришли по ссылке другого партнёра или кэшбэк-сервиса. Sauda не будет её заменять; за этот визит кэшбэк не предлагается.',
  conditions: 'Условия',
  connectPrompt: 'Подключите аккаунт Sauda, чтобы покупки засчитывались вам.',
  connect: 'Подключить аккаунт',
  connecting: 'Подтвердите код {code} в кабинете Sauda.',
  openCabinetToApprove: 'Открыть кабинет для подтверждения',
  waiting: 'Ждём подтверждения…',
  cancel: 'Отмена',
  connectDenied: 'Подключение отклонено в кабинете.',
  connectExpired: 'Срок кода истёк. Начните заново.',
  revoked: 'Расширение отключено от аккаунта. Подключите его снова, чтобы получать кэшбэк.',
  connectedAs: 'Аккаунт подключён',
  disconnect: 'Отключить',
  lastActivation: 'Последняя активация: {partner}, {time}',
  cabinet: 'Мой кабинет',
  syncedAt: 'Список партнёров обновлён {time}',
  neverSynced: 'Список партнёров ещё не загружен.',
  syncNow: 'Обновить',
  networkError: 'Нет связи с Sauda. Попробуйте чуть позже.',
  privacy: 'Сайты распознаются внутри браузера; их адреса не отправляются в Sauda.',
};

const kk: Record<MessageKey, string> = {
  appName: 'Sauda кэшбэк',
  titleOff: 'Sauda: өшірулі',
  titleDisconnected: 'Sauda: аккаунтты қосыңыз',
  titleIdle: 'Sauda кэшбэк',
  titlePartner: 'Sauda: бұл сайтта кэшбэк бар',
  titlePartnerConnect: 'Sauda: кэшбэк бар, аккаунтты қосыңыз',
  titleActivated: 'Sauda: кэшбэк осы қойындыда белсендірілді',
  statusOff: 'Sauda өшірулі: кеңейтім сайттарды қарамайды және ұсыныстар көрсетпейді.',
  switchOn: 'Қосу',
  switchOff: 'Өшіру',
  notPartner: 'Бұл сайт Sauda серіктесі емес.',
  notWebPage: 'Кэшбэкті көру үшін дүкен сайтын ашыңыз.',
  partnerRate: 'Кэшбэк {rate}',
  partnerPaused: 'Бұл дүкендегі кэшбэк уақытша тоқтатылды.',
  activate: 'Кэшбэкті белсендіру',
  activated: 'Кэшбэк осы қойындыда белсендірілді. Әдеттегідей сатып алыңыз.',
  standDown:
    'Сіз басқа серіктестің немесе кэшбэк-сервистің сілтемесімен келдіңіз. Sauda оны алмастырмайды; бұл кіруге кэшбэк ұсынылмайды.',
  conditions: 'Шарттар',
  connectPrompt: 'Сатып алулар сізге есептелуі үшін Sauda аккаунтын қосыңыз.',
  connect: 'Аккаунтты қосу',
  connecting: 'Sauda кабинетінде {code} кодын растаңыз.',
  openCabinetToApprove: 'Растау үшін кабинетті ашу',
  waiting: 'Растауды күтудеміз…',
  cancel: 'Бас тарту',
  connectDenied: 'Қосылу кабинетте қабылданбады.',
  connectExpired: 'Кодтың мерзімі өтті. Қайта бастаңыз.',
  revoked: 'Кеңейтім аккаунттан ажыратылды. Кэшбэк алу үшін қайта қосыңыз.',
  connectedAs: 'Аккаунт қосылған',
  disconnect: 'Ажырату',
  lastActivation: 'Соңғы белсендіру: {partner}, {time}',
  cabinet: 'Менің кабинетім',
  syncedAt: 'Серіктестер тізімі жаңартылды: {time}',
  neverSynced: 'Серіктестер тізімі әлі жүктелмеген.',
  syncNow: 'Жаңарту',
  networkError: 'Sauda-мен байланыс жоқ. Сәл кейінірек қайталаңыз.',
  privacy: 'Сайттар браузердің ішінде танылады; олардың мекенжайлары Sauda-ға жіберілмейді.',
};

const CATALOG: Record<Locale, Record<MessageKey, string>> = { ru, kk, en };

export function translate(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  return CATALOG[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/**
 * The account's language when connected; otherwise the first of the browser's languages the
 * product speaks: the languages the person reads pages in (`navigator.languages`), then the
 * browser's interface language (Chrome has no Kazakh interface, so the reading languages come
 * first); else Russian, the product's default.
 */
export function pickLocale(accountLocale: string | undefined, browserLanguages: readonly string[]): Locale {
  for (const candidate of [accountLocale, ...browserLanguages]) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    const match = LOCALES.find((locale) => locale === base);
    if (match) return match;
  }
  return 'ru';
}
