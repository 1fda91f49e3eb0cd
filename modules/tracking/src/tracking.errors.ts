import { defineErrors } from '@sauda/platform';

export const TrackingErrors = defineErrors({
  TRACKING_PARTNER_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Такого магазина нет в каталоге Sauda',
      kk: 'Мұндай дүкен Sauda каталогында жоқ',
      en: 'There is no such shop in the Sauda catalog',
    },
  },
  TRACKING_PARTNER_UNAVAILABLE: {
    status: 404,
    message: {
      ru: 'Магазин «{partner}» сейчас недоступен через Sauda',
      kk: '«{partner}» дүкені қазір Sauda арқылы қолжетімсіз',
      en: 'The shop "{partner}" is not available through Sauda right now',
    },
  },
  TRACKING_TARGET_NOT_ALLOWED: {
    status: 400,
    message: {
      ru: 'Ссылка ведёт за пределы сайта магазина «{partner}»',
      kk: 'Сілтеме «{partner}» дүкенінің сайтынан тыс жерге апарады',
      en: 'The link leads outside the site of the shop "{partner}"',
    },
  },
  TRACKING_LINK_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Ссылка не найдена',
      kk: 'Сілтеме табылмады',
      en: 'Link not found',
    },
  },
  TRACKING_LINK_NOT_PARTNER: {
    status: 422,
    message: {
      ru: 'Адрес должен вести на сайт активного партнёра Sauda (https://…)',
      kk: 'Мекенжай Sauda белсенді серіктесінің сайтына апаруы керек (https://…)',
      en: 'The address must lead to the site of an active Sauda partner (https://…)',
    },
  },
  TRACKING_INVALID_CURSOR: {
    status: 400,
    message: {
      ru: 'Курсор страницы повреждён',
      kk: 'Бет курсоры бүлінген',
      en: 'The page cursor is damaged',
    },
  },
});
