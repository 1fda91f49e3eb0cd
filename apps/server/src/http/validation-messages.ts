import { translate, type FieldError, type Locale, type Localized } from '@sauda/platform';

interface AjvIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

const MESSAGES: Record<string, Localized> = {
  required: { ru: 'Обязательное поле', kk: 'Міндетті өріс', en: 'This field is required' },
  type: { ru: 'Ожидается тип {type}', kk: '{type} түрі күтіледі', en: 'Expected type {type}' },
  minLength: {
    ru: 'Не короче {limit} символов',
    kk: 'Кемінде {limit} таңба',
    en: 'At least {limit} characters',
  },
  maxLength: {
    ru: 'Не длиннее {limit} символов',
    kk: '{limit} таңбадан аспауы керек',
    en: 'At most {limit} characters',
  },
  minimum: { ru: 'Не меньше {limit}', kk: 'Кемінде {limit}', en: 'At least {limit}' },
  maximum: { ru: 'Не больше {limit}', kk: '{limit} мәнінен аспауы керек', en: 'At most {limit}' },
  pattern: { ru: 'Неверный формат', kk: 'Пішімі қате', en: 'Invalid format' },
  format: { ru: 'Неверный формат ({format})', kk: 'Пішімі қате ({format})', en: 'Invalid format ({format})' },
  enum: {
    ru: 'Допустимые значения: {allowed}',
    kk: 'Рұқсат етілген мәндер: {allowed}',
    en: 'Allowed values: {allowed}',
  },
  const: {
    ru: 'Допустимое значение: {allowed}',
    kk: 'Рұқсат етілген мән: {allowed}',
    en: 'Allowed value: {allowed}',
  },
  additionalProperties: {
    ru: 'Неизвестное поле {property}',
    kk: 'Белгісіз өріс {property}',
    en: 'Unknown field {property}',
  },
  maxItems: {
    ru: 'Не больше {limit} элементов',
    kk: '{limit} элементтен аспауы керек',
    en: 'At most {limit} items',
  },
  minItems: {
    ru: 'Не меньше {limit} элементов',
    kk: 'Кемінде {limit} элемент',
    en: 'At least {limit} items',
  },
};

const FALLBACK: Localized = { ru: 'Недопустимое значение', kk: 'Жарамсыз мән', en: 'Invalid value' };

/** Turns one schema validation issue into a field error with a path clients can map to a form field. */
export function localizeValidationError(issue: AjvIssue, context: string, locale: Locale): FieldError {
  const params = issue.params;
  let path = issue.instancePath;
  if (issue.keyword === 'required' && typeof params.missingProperty === 'string')
    path += `/${params.missingProperty}`;
  if (issue.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    path += `/${params.additionalProperty}`;
  }
  const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.join(', ') : params.allowedValue;
  const message = translate(MESSAGES[issue.keyword] ?? FALLBACK, locale, {
    ...params,
    allowed,
    property: params.additionalProperty,
  });
  return { path: `${context}${path}`, message };
}
