import type { Localized } from '@sauda/platform';
import type { IinInvalidReason } from './iin.ts';
import type { KycReason, KycStatus } from './kyc-status.ts';

/** Everything the KYC API says to a person, in every language. */

export const IIN_REASON_TEXTS: Readonly<Record<IinInvalidReason, Localized>> = {
  length: { ru: 'ИИН состоит из 12 цифр', kk: 'ЖСН 12 цифрдан тұрады', en: 'An IIN has 12 digits' },
  'non-digit': {
    ru: 'ИИН может содержать только цифры, без пробелов',
    kk: 'ЖСН тек цифрлардан тұрады, бос орынсыз',
    en: 'An IIN contains digits only, without spaces',
  },
  date: {
    ru: 'Первые шесть цифр должны быть настоящей датой рождения (ГГММДД)',
    kk: 'Алғашқы алты цифр нақты туған күн болуы керек (ЖЖААКК)',
    en: 'The first six digits must be a real birth date (YYMMDD)',
  },
  century: {
    ru: 'Седьмая цифра должна быть от 1 до 6',
    kk: 'Жетінші цифр 1-ден 6-ға дейін болуы керек',
    en: 'The seventh digit must be from 1 to 6',
  },
  'check-digit': {
    ru: 'Контрольная цифра не сходится: проверьте номер',
    kk: 'Бақылау цифры сәйкес келмейді: нөмірді тексеріңіз',
    en: 'The check digit does not match: check the number',
  },
};

export const STATUS_TITLES: Readonly<Record<KycStatus, Localized>> = {
  not_started: { ru: 'Проверка не начата', kk: 'Тексеру басталмады', en: 'Not started' },
  iin_submitted: { ru: 'ИИН принят', kk: 'ЖСН қабылданды', en: 'IIN received' },
  awaiting_document: { ru: 'Нужен документ', kk: 'Құжат қажет', en: 'Document needed' },
  awaiting_liveness: { ru: 'Нужно селфи', kk: 'Селфи қажет', en: 'Selfie needed' },
  state_check: {
    ru: 'Проверка в государственной базе данных',
    kk: 'Мемлекеттік дерекқорда тексерілуде',
    en: 'Checking against the state database',
  },
  verified: { ru: 'Личность подтверждена', kk: 'Жеке басыңыз расталды', en: 'Identity verified' },
  rejected: { ru: 'Проверка не пройдена', kk: 'Тексеруден өтпедіңіз', en: 'Verification failed' },
  rejected_final: { ru: 'Проверка отклонена', kk: 'Тексеру қабылданбады', en: 'Verification rejected' },
  manual_review: {
    ru: 'На рассмотрении у сотрудника',
    kk: 'Қызметкердің қарауында',
    en: 'Under review by our staff',
  },
  provider_unavailable: {
    ru: 'Сервис проверки временно недоступен',
    kk: 'Тексеру қызметі уақытша қолжетімсіз',
    en: 'The verification service is temporarily unavailable',
  },
};

export const REASON_TEXTS: Readonly<Record<KycReason, Localized>> = {
  minor: {
    ru: 'Сервисом могут пользоваться только лица, которым исполнилось 18 лет',
    kk: 'Қызметті тек 18 жасқа толған адамдар пайдалана алады',
    en: 'Only people aged 18 or over may use the service',
  },
  non_resident: {
    ru: 'Для нерезидентов Казахстана действуют особые правила проверки',
    kk: 'Қазақстанның резиденті еместер үшін ерекше тексеру ережелері қолданылады',
    en: 'Special verification rules apply to non-residents of Kazakhstan',
  },
  duplicate_iin: {
    ru: 'Этот ИИН уже подтверждён в другом аккаунте',
    kk: 'Бұл ЖСН басқа аккаунтта расталған',
    en: 'This IIN is already verified on another account',
  },
  document_unreadable: {
    ru: 'Документ не удалось распознать',
    kk: 'Құжатты тану мүмкін болмады',
    en: 'The document could not be read',
  },
  document_expired: {
    ru: 'Срок действия документа истёк',
    kk: 'Құжаттың жарамдылық мерзімі өтіп кеткен',
    en: 'The document has expired',
  },
  fraud_suspected: {
    ru: 'Документ не прошёл проверку подлинности',
    kk: 'Құжат түпнұсқалық тексеруінен өтпеді',
    en: 'The document failed the authenticity check',
  },
  liveness_failed: {
    ru: 'Не удалось подтвердить, что на селфи живой человек',
    kk: 'Селфидегі адамның тірі екенін растау мүмкін болмады',
    en: 'We could not confirm that the selfie shows a live person',
  },
  face_mismatch: {
    ru: 'Лицо на селфи не совпадает с фотографией в документе',
    kk: 'Селфидегі бет құжаттағы фотосуретке сәйкес келмейді',
    en: 'The face on the selfie does not match the document photo',
  },
  iin_mismatch: {
    ru: 'ИИН в документе не совпадает с введённым',
    kk: 'Құжаттағы ЖСН енгізілген ЖСН-ге сәйкес келмейді',
    en: 'The IIN on the document differs from the one you entered',
  },
  person_not_found: {
    ru: 'Человек с таким ИИН не найден в государственной базе данных физических лиц',
    kk: 'Мұндай ЖСН-і бар адам жеке тұлғалардың мемлекеттік дерекқорынан табылмады',
    en: 'No person with this IIN was found in the state database of individuals',
  },
  person_inactive: {
    ru: 'По данным государственной базы данных этот ИИН недействителен',
    kk: 'Мемлекеттік дерекқор бойынша бұл ЖСН жарамсыз',
    en: 'According to the state database this IIN is no longer valid',
  },
  state_db_mismatch: {
    ru: 'Данные документа не совпадают с государственной базой данных',
    kk: 'Құжат деректері мемлекеттік дерекқормен сәйкес келмейді',
    en: 'The document data does not match the state database',
  },
  provider_declined: {
    ru: 'Сервис проверки отклонил заявку',
    kk: 'Тексеру қызметі өтінімді қабылдамады',
    en: 'The verification service declined the application',
  },
  provider_review: {
    ru: 'Сервис проверки направил заявку на ручное рассмотрение',
    kk: 'Тексеру қызметі өтінімді қолмен қарауға жіберді',
    en: 'The verification service asked for a manual review',
  },
  session_expired: {
    ru: 'Время на прохождение проверки истекло',
    kk: 'Тексеруден өту уақыты аяқталды',
    en: 'The time for completing the verification ran out',
  },
  provider_unavailable: {
    ru: 'Сервис проверки временно недоступен',
    kk: 'Тексеру қызметі уақытша қолжетімсіз',
    en: 'The verification service is temporarily unavailable',
  },
  staff_decision: {
    ru: 'Решение принято сотрудником по результатам рассмотрения',
    kk: 'Шешімді қызметкер қарау нәтижесі бойынша қабылдады',
    en: 'A staff member decided after reviewing your case',
  },
  reopened: {
    ru: 'Проверка открыта повторно для рассмотрения',
    kk: 'Тексеру қайта қарау үшін қайта ашылды',
    en: 'The verification was reopened for review',
  },
};

export const NEXT_STEP_ACTIONS = [
  'start',
  'upload_document',
  'liveness',
  'wait',
  'retry',
  'contact_support',
  'none',
] as const;
export type NextStepAction = (typeof NEXT_STEP_ACTIONS)[number];

export const NEXT_STEP_TEXTS = {
  start: {
    ru: 'Укажите ИИН и дайте согласие на обработку персональных данных',
    kk: 'ЖСН-ді көрсетіп, дербес деректерді өңдеуге келісім беріңіз',
    en: 'Enter your IIN and consent to the processing of your personal data',
  },
  uploadDocument: {
    ru: 'Загрузите фото удостоверения личности (обе стороны) или страницы паспорта с фотографией',
    kk: 'Жеке куәліктің (екі жағының) немесе төлқұжаттың фотосуреті бар бетінің суретін жүктеңіз',
    en: 'Upload photos of your ID card (both sides) or of the photo page of your passport',
  },
  uploadDocumentAgain: {
    ru: 'Загрузите более чёткое фото: без бликов, документ целиком в кадре',
    kk: 'Анығырақ сурет жүктеңіз: жылтырсыз, құжат толығымен кадрда болсын',
    en: 'Upload a clearer photo: no glare, the whole document in the frame',
  },
  liveness: {
    ru: 'Сделайте селфи: так мы убедимся, что документ ваш',
    kk: 'Селфи түсіріңіз: осылай құжаттың сіздікі екеніне көз жеткіземіз',
    en: 'Take a selfie so we can make sure the document is yours',
  },
  waitCheck: {
    ru: 'Идёт проверка, обычно она занимает несколько минут. Обновите страницу позже',
    kk: 'Тексеру жүріп жатыр, әдетте бірнеше минутқа созылады. Бетті кейінірек жаңартыңыз',
    en: 'The check is running and usually takes a few minutes. Refresh the page later',
  },
  waitProvider: {
    ru: 'Мы повторим запрос автоматически, ничего делать не нужно',
    kk: 'Сұрауды автоматты түрде қайталаймыз, ештеңе істеудің қажеті жоқ',
    en: 'We will retry automatically; there is nothing you need to do',
  },
  waitReview: {
    ru: 'Заявку рассматривает сотрудник, обычно до двух рабочих дней',
    kk: 'Өтінімді қызметкер қарап жатыр, әдетте екі жұмыс күніне дейін',
    en: 'A staff member is reviewing your application, usually within two working days',
  },
  retry: {
    ru: 'Попробуйте ещё раз. Осталось попыток: {attemptsLeft}',
    kk: 'Қайталап көріңіз. Қалған әрекет саны: {attemptsLeft}',
    en: 'Please try again. Attempts left: {attemptsLeft}',
  },
  attemptsExhausted: {
    ru: 'Попытки исчерпаны. Обратитесь в поддержку и назовите номер проверки {caseId}',
    kk: 'Әрекеттер таусылды. Қолдау қызметіне жүгініп, {caseId} тексеру нөмірін айтыңыз',
    en: 'No attempts are left. Contact support and quote verification number {caseId}',
  },
  contactSupport: {
    ru: 'Обратитесь в поддержку и назовите номер проверки {caseId}',
    kk: 'Қолдау қызметіне жүгініп, {caseId} тексеру нөмірін айтыңыз',
    en: 'Contact support and quote verification number {caseId}',
  },
  none: {
    ru: 'Всё готово, дополнительных действий не требуется',
    kk: 'Бәрі дайын, қосымша әрекет қажет емес',
    en: 'All done, nothing else is needed',
  },
} as const satisfies Readonly<Record<string, Localized>>;
