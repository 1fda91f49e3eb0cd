import { defineErrors } from '@sauda/platform';

export const CatalogErrors = defineErrors({
  CATALOG_PARTNER_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Партнёр не найден',
      kk: 'Серіктес табылмады',
      en: 'Partner not found',
    },
  },
  CATALOG_CATEGORY_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Категория не найдена: {category}',
      kk: 'Санат табылмады: {category}',
      en: 'Category not found: {category}',
    },
  },
  CATALOG_SLUG_TAKEN: {
    status: 409,
    message: {
      ru: 'Адрес «{slug}» уже занят другим партнёром или категорией',
      kk: '«{slug}» мекенжайы басқа серіктеске немесе санатқа тиесілі',
      en: 'The slug "{slug}" is already used by another partner or category',
    },
  },
  CATALOG_INVALID_STATUS_CHANGE: {
    status: 409,
    message: {
      ru: 'Нельзя перевести партнёра из статуса «{from}» в «{to}»',
      kk: 'Серіктесті «{from}» мәртебесінен «{to}» мәртебесіне ауыстыруға болмайды',
      en: 'A partner cannot go from "{from}" to "{to}"',
    },
  },
  CATALOG_INVALID_PARTNER: {
    status: 422,
    message: {
      ru: 'Данные партнёра заполнены неверно',
      kk: 'Серіктес деректері қате толтырылған',
      en: 'The partner data is not valid',
    },
  },
  CATALOG_INVALID_LOGO: {
    status: 422,
    message: {
      ru: 'Логотип должен быть изображением PNG, JPEG или WebP не больше {maxPixels} пикселей по стороне',
      kk: 'Логотип PNG, JPEG немесе WebP суреті болуы керек, әр жағы {maxPixels} пиксельден аспауы тиіс',
      en: 'The logo must be a PNG, JPEG or WebP image of at most {maxPixels} pixels a side',
    },
  },
  CATALOG_INVALID_CURSOR: {
    status: 400,
    message: {
      ru: 'Курсор страницы повреждён или относится к другой сортировке',
      kk: 'Бет курсоры бүлінген немесе басқа сұрыптауға жатады',
      en: 'The page cursor is damaged or belongs to another sort order',
    },
  },
});
