import { defineErrors } from '@sauda/platform';

export const ConversionsErrors = defineErrors({
  CONVERSIONS_NETWORK_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Сеть не найдена',
      kk: 'Желі табылмады',
      en: 'Network not found',
    },
  },
  CONVERSIONS_NETWORK_KEY_TAKEN: {
    status: 409,
    message: {
      ru: 'Ключ сети «{key}» уже занят',
      kk: '«{key}» желі кілті бос емес',
      en: 'The network key "{key}" is already taken',
    },
  },
  CONVERSIONS_INVALID_NETWORK: {
    status: 422,
    message: {
      ru: 'Настройки сети заполнены неверно',
      kk: 'Желі баптаулары қате толтырылған',
      en: 'The network settings are not valid',
    },
  },
  CONVERSIONS_AUTHENTICATION_REQUIRED: {
    status: 401,
    message: {
      ru: 'Запрос должен быть подписан заголовком X-Sauda-Signature',
      kk: 'Сұрау X-Sauda-Signature тақырыбымен қол қойылуы керек',
      en: 'The request must be signed with the X-Sauda-Signature header',
    },
  },
  CONVERSIONS_SIGNATURE_INVALID: {
    status: 401,
    message: {
      ru: 'Подпись запроса неверна',
      kk: 'Сұраудың қолтаңбасы жарамсыз',
      en: 'The request signature is not valid',
    },
  },
  CONVERSIONS_SIGNATURE_EXPIRED: {
    status: 401,
    message: {
      ru: 'Время подписи вне допустимого окна в {seconds} секунд',
      kk: 'Қолтаңба уақыты рұқсат етілген {seconds} секунд аралығынан тыс',
      en: 'The signature timestamp is outside the {seconds}-second window',
    },
  },
  CONVERSIONS_SECRET_INVALID: {
    status: 401,
    message: {
      ru: 'Секрет сети неверен',
      kk: 'Желі құпиясы қате',
      en: 'The network secret is not valid',
    },
  },
  CONVERSIONS_IP_NOT_ALLOWED: {
    status: 403,
    message: {
      ru: 'Запросы с этого адреса не принимаются',
      kk: 'Бұл мекенжайдан сұраулар қабылданбайды',
      en: 'Requests from this address are not accepted',
    },
  },
  CONVERSIONS_ORIGIN_NOT_ALLOWED: {
    status: 403,
    message: {
      ru: 'Сайт, с которого отправлен запрос, не разрешён для этого ключа',
      kk: 'Сұрау жіберілген сайтқа бұл кілт үшін рұқсат жоқ',
      en: 'The website that sent the request is not allowed for this key',
    },
  },
  CONVERSIONS_MALFORMED_REPORT: {
    status: 400,
    message: {
      ru: 'Тело запроса не удалось прочитать: ожидается JSON-объект или форма',
      kk: 'Сұрау денесін оқу мүмкін болмады: JSON нысаны немесе форма күтіледі',
      en: 'The request body could not be read: a JSON object or a form is expected',
    },
  },
  CONVERSIONS_INVALID_REPORT: {
    status: 422,
    message: {
      ru: 'Данные о заказе заполнены неверно',
      kk: 'Тапсырыс деректері қате толтырылған',
      en: 'The order report is not valid',
    },
  },
  CONVERSIONS_INVALID_AMOUNT: {
    status: 422,
    message: {
      ru: 'Сумма «{field}» неверна: нужно неотрицательное десятичное число в пределах разумного',
      kk: '«{field}» сомасы қате: ақылға қонымды шектегі теріс емес ондық сан керек',
      en: 'The amount "{field}" is not valid: a non-negative decimal number within sane limits is expected',
    },
  },
  CONVERSIONS_UNKNOWN_CURRENCY: {
    status: 422,
    message: {
      ru: 'Валюта «{currency}» не поддерживается',
      kk: '«{currency}» валютасына қолдау көрсетілмейді',
      en: 'The currency "{currency}" is not supported',
    },
  },
  CONVERSIONS_UNKNOWN_STATUS: {
    status: 422,
    message: {
      ru: 'Статус «{status}» неизвестен для этой сети',
      kk: '«{status}» мәртебесі бұл желі үшін белгісіз',
      en: 'The status "{status}" is not known for this network',
    },
  },
  CONVERSIONS_COMMISSION_UNKNOWN: {
    status: 422,
    message: {
      ru: 'Комиссию нельзя вычислить по условиям партнёра: укажите её в запросе',
      kk: 'Комиссияны серіктес шарттары бойынша есептеу мүмкін емес: оны сұрауда көрсетіңіз',
      en: "The commission cannot be derived from the partner's terms: send it in the request",
    },
  },
  CONVERSIONS_CONVERSION_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Конверсия не найдена',
      kk: 'Конверсия табылмады',
      en: 'Conversion not found',
    },
  },
  CONVERSIONS_NOT_IN_QUEUE: {
    status: 409,
    message: {
      ru: 'Конверсия уже разобрана',
      kk: 'Конверсия бұрын қаралған',
      en: 'The conversion has already been resolved',
    },
  },
  CONVERSIONS_NO_PROBABLE_MATCH: {
    status: 409,
    message: {
      ru: 'У конверсии нет вероятного совпадения для подтверждения',
      kk: 'Конверсияның растауға болатын ықтимал сәйкестігі жоқ',
      en: 'The conversion has no probable match to approve',
    },
  },
  CONVERSIONS_PARTNER_REQUIRED: {
    status: 422,
    message: {
      ru: 'Укажите партнёра: по отчёту сети его определить нельзя',
      kk: 'Серіктесті көрсетіңіз: желі есебінен оны анықтау мүмкін емес',
      en: "Name the partner: the network's report does not tell",
    },
  },
  CONVERSIONS_PARTNER_NOT_FOUND: {
    status: 422,
    message: {
      ru: 'Партнёр не найден',
      kk: 'Серіктес табылмады',
      en: 'Partner not found',
    },
  },
  CONVERSIONS_USER_NOT_FOUND: {
    status: 422,
    message: {
      ru: 'Пользователь не найден',
      kk: 'Пайдаланушы табылмады',
      en: 'User not found',
    },
  },
  CONVERSIONS_POLLING_NOT_CONFIGURED: {
    status: 409,
    message: {
      ru: 'Для этой сети не настроен опрос API',
      kk: 'Бұл желі үшін API сауалнамасы бапталмаған',
      en: 'Polling is not configured for this network',
    },
  },
  CONVERSIONS_POLLING_FAILED: {
    status: 502,
    message: {
      ru: 'API сети не ответило как ожидалось; попробуйте позже',
      kk: 'Желі API-і күтілгендей жауап бермеді; кейінірек қайталаңыз',
      en: "The network's API did not answer as expected; try again later",
    },
  },
  CONVERSIONS_PROCESSING_FAILED: {
    status: 500,
    message: {
      ru: 'Отчёт не удалось обработать; он сохранён и ждёт разбора',
      kk: 'Есепті өңдеу мүмкін болмады; ол сақталып, қарауды күтуде',
      en: 'The report could not be processed; it is kept for review',
    },
  },
  CONVERSIONS_INVALID_CURSOR: {
    status: 400,
    message: {
      ru: 'Курсор страницы повреждён',
      kk: 'Бет курсоры бүлінген',
      en: 'The page cursor is damaged',
    },
  },
});
