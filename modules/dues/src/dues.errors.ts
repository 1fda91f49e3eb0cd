import { defineErrors } from '@sauda/platform';

export const DuesErrors = defineErrors({
  DUES_MEMBER_NOT_FOUND: {
    status: 404,
    message: { ru: 'Участник не найден', kk: 'Қатысушы табылмады', en: 'Member not found' },
  },
  DUES_NOT_A_MEMBER: {
    status: 404,
    message: {
      ru: 'Вы ещё не зарегистрированы как участник',
      kk: 'Сіз әлі қатысушы ретінде тіркелмегенсіз',
      en: 'You are not registered as a member yet',
    },
  },
  DUES_ALREADY_REGISTERED: {
    status: 409,
    message: {
      ru: 'Вы уже зарегистрированы как участник',
      kk: 'Сіз қатысушы ретінде тіркелгенсіз',
      en: 'You are already registered as a member',
    },
  },
  DUES_PHONE_TAKEN: {
    status: 409,
    message: {
      ru: 'Этот номер телефона уже указан у другого участника',
      kk: 'Бұл телефон нөмірі басқа қатысушыда көрсетілген',
      en: 'This phone number belongs to another member',
    },
  },
  DUES_IIN_TAKEN: {
    status: 409,
    message: {
      ru: 'Этот ИИН уже указан у другого участника',
      kk: 'Бұл ЖСН басқа қатысушыда көрсетілген',
      en: 'This IIN belongs to another member',
    },
  },
  DUES_INVALID_PHONE: {
    status: 422,
    message: {
      ru: 'Укажите действительный номер телефона',
      kk: 'Жарамды телефон нөмірін көрсетіңіз',
      en: 'Enter a valid phone number',
    },
  },
  DUES_INVALID_EMAIL: {
    status: 422,
    message: {
      ru: 'Укажите действительный адрес электронной почты',
      kk: 'Жарамды электрондық пошта мекенжайын көрсетіңіз',
      en: 'Enter a valid email address',
    },
  },
  DUES_INVALID_NAME: {
    status: 422,
    message: {
      ru: 'Укажите ФИО (от 2 до 200 символов)',
      kk: 'Аты-жөніңізді көрсетіңіз (2-ден 200 таңбаға дейін)',
      en: 'Enter the full name (2 to 200 characters)',
    },
  },
  DUES_INVALID_IIN: {
    status: 422,
    message: {
      ru: 'ИИН указан неверно ({reason})',
      kk: 'ЖСН қате көрсетілген ({reason})',
      en: 'The IIN is not valid ({reason})',
    },
  },
  DUES_INVALID_CITY: {
    status: 422,
    message: {
      ru: 'Название города: от 1 до 100 символов',
      kk: 'Қала атауы: 1-ден 100 таңбаға дейін',
      en: 'The city name must have 1 to 100 characters',
    },
  },
  DUES_INVALID_PERIOD: {
    status: 400,
    message: {
      ru: 'Период должен быть месяцем в формате ГГГГ-ММ',
      kk: 'Кезең ЖЖЖЖ-АА пішіміндегі ай болуы керек',
      en: 'The period must be a month written YYYY-MM',
    },
  },
  DUES_PERIOD_NOT_PAYABLE: {
    status: 422,
    message: {
      ru: 'За {period} сейчас оплатить нельзя: доступны месяцы с {from} по {to}',
      kk: '{period} үшін қазір төлеу мүмкін емес: {from} бастап {to} дейінгі айлар қолжетімді',
      en: '{period} cannot be paid now: months from {from} to {to} can',
    },
  },
  DUES_PERIOD_ALREADY_PAID: {
    status: 409,
    message: {
      ru: 'Взнос за {period} уже подтверждён',
      kk: '{period} үшін жарна расталған',
      en: 'The dues for {period} are already confirmed',
    },
  },
  DUES_MEMBER_BLOCKED: {
    status: 403,
    message: {
      ru: 'Членство заблокировано: {reason}',
      kk: 'Мүшелік бұғатталған: {reason}',
      en: 'The membership is blocked: {reason}',
    },
  },
  DUES_PAYMENT_NOT_FOUND: {
    status: 404,
    message: { ru: 'Платёж не найден', kk: 'Төлем табылмады', en: 'Payment not found' },
  },
  DUES_PAYMENT_NOT_PENDING: {
    status: 409,
    message: {
      ru: 'Платёж уже обработан (статус «{status}»)',
      kk: 'Төлем өңделген («{status}» мәртебесі)',
      en: 'The payment was already handled (status "{status}")',
    },
  },
  DUES_PAYMENT_NOT_CONFIRMED: {
    status: 409,
    message: {
      ru: 'Вернуть можно только подтверждённый платёж (статус «{status}»)',
      kk: 'Тек расталған төлемді қайтаруға болады («{status}» мәртебесі)',
      en: 'Only a confirmed payment can be refunded (status "{status}")',
    },
  },
  DUES_PAYMENT_AMOUNT_MISMATCH: {
    status: 422,
    message: {
      ru: 'Сумма платежа не совпадает со взносом за период',
      kk: 'Төлем сомасы кезең жарнасымен сәйкес келмейді',
      en: 'The amount paid does not match the dues of the period',
    },
  },
  DUES_RECEIPT_INVALID: {
    status: 422,
    message: {
      ru: 'Чек должен быть изображением (JPEG, PNG, WebP, HEIC) или PDF',
      kk: 'Түбіртек сурет (JPEG, PNG, WebP, HEIC) немесе PDF болуы керек',
      en: 'The receipt must be an image (JPEG, PNG, WebP, HEIC) or a PDF',
    },
  },
  DUES_RECEIPT_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'К платежу не приложен чек',
      kk: 'Төлемге түбіртек тіркелмеген',
      en: 'No receipt is attached to the payment',
    },
  },
  DUES_REQUISITES_NOT_CONFIGURED: {
    status: 409,
    message: {
      ru: 'Реквизиты для перевода ещё не указаны администратором',
      kk: 'Аударым деректемелерін әкімші әлі көрсетпеген',
      en: 'The bank details for a transfer are not set up yet',
    },
  },
  DUES_PROVIDER_NOT_CONFIGURED: {
    status: 409,
    message: {
      ru: 'Оплата через Kaspi QR сейчас недоступна, выберите перевод',
      kk: 'Kaspi QR арқылы төлеу қазір қолжетімсіз, аударымды таңдаңыз',
      en: 'Paying by Kaspi QR is not available now; choose a transfer',
    },
  },
  DUES_PROVIDER_UNAVAILABLE: {
    status: 503,
    message: {
      ru: 'Платёжный сервис временно недоступен, попробуйте позже',
      kk: 'Төлем қызметі уақытша қолжетімсіз, кейінірек қайталаңыз',
      en: 'The payment service is unavailable; try again later',
    },
  },
  DUES_WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    message: {
      ru: 'Подпись уведомления неверна',
      kk: 'Хабарлама қолтаңбасы қате',
      en: 'The notification signature is not valid',
    },
  },
  DUES_WEBHOOK_STALE: {
    status: 400,
    message: {
      ru: 'Уведомление устарело',
      kk: 'Хабарлама ескірген',
      en: 'The notification is too old',
    },
  },
  DUES_WEBHOOK_MALFORMED: {
    status: 400,
    message: {
      ru: 'Уведомление заполнено неверно',
      kk: 'Хабарлама қате толтырылған',
      en: 'The notification is malformed',
    },
  },
  DUES_WEBHOOK_SOURCE_FORBIDDEN: {
    status: 403,
    message: {
      ru: 'Уведомления с этого адреса не принимаются',
      kk: 'Бұл мекенжайдан хабарламалар қабылданбайды',
      en: 'Notifications from this address are not accepted',
    },
  },
  DUES_PAGE_NOT_FOUND: {
    status: 404,
    message: { ru: 'Страница не найдена', kk: 'Бет табылмады', en: 'Page not found' },
  },
  DUES_PAGE_VERSION_CONFLICT: {
    status: 409,
    message: {
      ru: 'Страницу уже изменил кто-то другой (текущая версия {current}); обновите и повторите',
      kk: 'Бетті басқа біреу өзгертті (ағымдағы нұсқа {current}); жаңартып, қайталаңыз',
      en: 'Someone else changed the page (current version {current}); reload and try again',
    },
  },
  DUES_TICKET_INVALID: {
    status: 422,
    message: {
      ru: 'Членский билет недействителен',
      kk: 'Мүшелік билет жарамсыз',
      en: 'The membership ticket is not valid',
    },
  },
  DUES_FEE_CHANGE_NOT_FUTURE: {
    status: 422,
    message: {
      ru: 'Новый взнос может действовать только с будущего месяца (не раньше {from})',
      kk: 'Жаңа жарна тек келесі айдан бастап қолданылады ({from} ерте емес)',
      en: 'A new fee can only apply from a future month ({from} or later)',
    },
  },
  DUES_CURRENCY_UNKNOWN: {
    status: 422,
    message: {
      ru: 'Неизвестная валюта: {currency}',
      kk: 'Белгісіз валюта: {currency}',
      en: 'Unknown currency: {currency}',
    },
  },
  DUES_INVALID_STATUS_CHANGE: {
    status: 409,
    message: {
      ru: 'Статус участника уже «{status}»',
      kk: 'Қатысушы мәртебесі қазірдің өзінде «{status}»',
      en: 'The member status is already "{status}"',
    },
  },
  DUES_INVALID_SETTINGS: {
    status: 422,
    message: {
      ru: 'Настройки заполнены неверно: {field}',
      kk: 'Баптаулар қате толтырылған: {field}',
      en: 'The settings are not valid: {field}',
    },
  },
  DUES_REASON_REQUIRED: {
    status: 422,
    message: {
      ru: 'Укажите причину (до 500 символов)',
      kk: 'Себебін көрсетіңіз (500 таңбаға дейін)',
      en: 'Give a reason (up to 500 characters)',
    },
  },
  DUES_IMPORT_INVALID_FILE: {
    status: 422,
    message: {
      ru: 'Файл импорта не прочитан: {reason}',
      kk: 'Импорт файлы оқылмады: {reason}',
      en: 'The import file could not be read: {reason}',
    },
  },
  DUES_IMPORT_DUPLICATE_PHONE: {
    status: 422,
    message: {
      ru: 'Этот телефон уже есть в строке {row}',
      kk: 'Бұл телефон {row} жолында бар',
      en: 'This phone already appears in row {row}',
    },
  },
  DUES_IMPORT_NOT_FOUND: {
    status: 404,
    message: { ru: 'Импорт не найден', kk: 'Импорт табылмады', en: 'Import not found' },
  },
});
