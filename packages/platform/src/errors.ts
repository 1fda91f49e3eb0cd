import type { Locale } from './config.ts';
import { translate, type Localized } from './i18n.ts';

/**
 * One error type with stable codes. Each module declares its codes with defineErrors, giving the
 * HTTP status and the message in every language; the HTTP layer turns an AppError into RFC 9457
 * problem+json. Codes are part of the public API: never rename one, add a new one.
 */
export interface ErrorDefinition {
  readonly status: number;
  readonly message: Localized;
}

const registry = new Map<string, ErrorDefinition>();

export function defineErrors<const T extends Record<string, ErrorDefinition>>(
  definitions: T,
): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, definition] of Object.entries(definitions)) {
    if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(code))
      throw new Error(`Error code ${code} is not MODULE_UPPER_SNAKE`);
    const existing = registry.get(code);
    if (existing && existing !== definition) throw new Error(`Error code ${code} is defined twice`);
    registry.set(code, definition);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface AppErrorOptions {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: string, options: AppErrorOptions = {}) {
    const definition = registry.get(code);
    super(definition ? translate(definition.message, 'en', options.params) : code, { cause: options.cause });
    this.name = 'AppError';
    this.code = definition ? code : PlatformErrors.PLATFORM_INTERNAL;
    this.status = definition?.status ?? 500;
    this.params = options.params ?? {};
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  localizedMessage(locale: Locale): string {
    const definition = registry.get(this.code);
    return definition ? translate(definition.message, locale, this.params) : this.message;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export const PlatformErrors = defineErrors({
  PLATFORM_VALIDATION: {
    status: 400,
    message: {
      ru: 'Запрос заполнен неверно',
      kk: 'Сұрау қате толтырылған',
      en: 'The request is not valid',
    },
  },
  PLATFORM_MALFORMED_JSON: {
    status: 400,
    message: {
      ru: 'Тело запроса не является корректным JSON',
      kk: 'Сұрау денесі дұрыс JSON емес',
      en: 'The request body is not valid JSON',
    },
  },
  PLATFORM_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: {
      ru: 'Неподдерживаемый тип содержимого: {contentType}',
      kk: 'Қолдау көрсетілмейтін мазмұн түрі: {contentType}',
      en: 'Unsupported content type: {contentType}',
    },
  },
  PLATFORM_PAYLOAD_TOO_LARGE: {
    status: 413,
    message: {
      ru: 'Запрос слишком большой (не более {limit} байт)',
      kk: 'Сұрау тым үлкен ({limit} байттан аспауы керек)',
      en: 'The request is too large (at most {limit} bytes)',
    },
  },
  PLATFORM_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Ресурс не найден',
      kk: 'Ресурс табылмады',
      en: 'Resource not found',
    },
  },
  PLATFORM_RATE_LIMITED: {
    status: 429,
    message: {
      ru: 'Слишком много запросов, повторите через {retryAfter} с',
      kk: 'Сұраулар тым көп, {retryAfter} с кейін қайталаңыз',
      en: 'Too many requests, retry in {retryAfter} s',
    },
  },
  PLATFORM_UNAUTHENTICATED: {
    status: 401,
    message: {
      ru: 'Требуется вход в систему',
      kk: 'Жүйеге кіру қажет',
      en: 'Sign-in is required',
    },
  },
  PLATFORM_FORBIDDEN: {
    status: 403,
    message: {
      ru: 'Недостаточно прав для этого действия',
      kk: 'Бұл әрекетке құқығыңыз жеткіліксіз',
      en: 'You are not allowed to do this',
    },
  },
  PLATFORM_IDEMPOTENCY_CONFLICT: {
    status: 409,
    message: {
      ru: 'Ключ идемпотентности уже использован с другими данными',
      kk: 'Идемпотенттілік кілті басқа деректермен қолданылған',
      en: 'The idempotency key was already used with different data',
    },
  },
  PLATFORM_UNAVAILABLE: {
    status: 503,
    message: {
      ru: 'Сервис временно недоступен, повторите позже',
      kk: 'Қызмет уақытша қолжетімсіз, кейінірек қайталаңыз',
      en: 'The service is temporarily unavailable, please retry later',
    },
  },
  PLATFORM_INTERNAL: {
    status: 500,
    message: {
      ru: 'Внутренняя ошибка сервера',
      kk: 'Сервердің ішкі қатесі',
      en: 'Internal server error',
    },
  },
});
