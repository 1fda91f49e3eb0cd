import { defineErrors } from '@sauda/platform';

/**
 * IDENTITY_* codes. Sign-in, verification and reset failures are deliberately generic: the same
 * code and message whether or not an account exists, so the API cannot be used to probe for accounts.
 */
export const IdentityErrors = defineErrors({
  IDENTITY_INVALID_CREDENTIALS: {
    status: 401,
    message: {
      ru: 'Неверный логин или пароль',
      kk: 'Логин немесе құпиясөз қате',
      en: 'The login or password is incorrect',
    },
  },
  IDENTITY_SECOND_FACTOR_REQUIRED: {
    status: 401,
    message: {
      ru: 'Введите код из приложения-аутентификатора или резервный код',
      kk: 'Аутентификатор қолданбасындағы кодты немесе резервтік кодты енгізіңіз',
      en: 'Enter the code from your authenticator app or a backup code',
    },
  },
  IDENTITY_INVALID_SECOND_FACTOR: {
    status: 401,
    message: {
      ru: 'Неверный код подтверждения',
      kk: 'Растау коды қате',
      en: 'The authentication code is incorrect',
    },
  },
  IDENTITY_ACCOUNT_NOT_VERIFIED: {
    status: 403,
    message: {
      ru: 'Подтвердите телефон или email, чтобы войти',
      kk: 'Кіру үшін телефонды немесе email-ды растаңыз',
      en: 'Verify your phone or email to sign in',
    },
  },
  IDENTITY_ACCOUNT_BLOCKED: {
    status: 403,
    message: {
      ru: 'Учётная запись заблокирована. Обратитесь в поддержку',
      kk: 'Есептік жазба бұғатталған. Қолдау қызметіне хабарласыңыз',
      en: 'This account is blocked. Please contact support',
    },
  },
  IDENTITY_ACCOUNT_INACTIVE: {
    status: 403,
    message: {
      ru: 'Учётная запись неактивна',
      kk: 'Есептік жазба белсенді емес',
      en: 'This account is not active',
    },
  },
  IDENTITY_INVALID_PHONE: {
    status: 400,
    message: {
      ru: 'Укажите номер мобильного телефона Казахстана, например +7 701 234 56 78',
      kk: 'Қазақстандық ұялы телефон нөмірін енгізіңіз, мысалы +7 701 234 56 78',
      en: 'Enter a Kazakhstan phone number, e.g. +7 701 234 56 78',
    },
  },
  IDENTITY_INVALID_EMAIL: {
    status: 400,
    message: {
      ru: 'Неверный адрес электронной почты',
      kk: 'Электрондық пошта мекенжайы қате',
      en: 'The email address is not valid',
    },
  },
  IDENTITY_CONTACT_REQUIRED: {
    status: 400,
    message: {
      ru: 'Укажите телефон или email',
      kk: 'Телефонды немесе email-ды көрсетіңіз',
      en: 'Give a phone number or an email address',
    },
  },
  IDENTITY_INVALID_NAME: {
    status: 400,
    message: {
      ru: 'Укажите имя и фамилию',
      kk: 'Аты-жөніңізді көрсетіңіз',
      en: 'Enter your full name',
    },
  },
  IDENTITY_PASSWORD_TOO_SHORT: {
    status: 400,
    message: {
      ru: 'Пароль должен быть не короче {min} символов',
      kk: 'Құпиясөз кемінде {min} таңбадан тұруы керек',
      en: 'The password must be at least {min} characters long',
    },
  },
  IDENTITY_PASSWORD_TOO_COMMON: {
    status: 400,
    message: {
      ru: 'Этот пароль слишком распространён, выберите другой',
      kk: 'Бұл құпиясөз тым кең таралған, басқасын таңдаңыз',
      en: 'This password is too common, choose another one',
    },
  },
  IDENTITY_CONSENT_REQUIRED: {
    status: 400,
    message: {
      ru: 'Примите текущие версии пользовательского соглашения и политики конфиденциальности',
      kk: 'Пайдаланушы келісімі мен құпиялық саясатының ағымдағы нұсқаларын қабылдаңыз',
      en: 'Accept the current versions of the terms of service and the privacy policy',
    },
  },
  IDENTITY_INVALID_CODE: {
    status: 400,
    message: {
      ru: 'Код неверный или устарел',
      kk: 'Код қате немесе ескірген',
      en: 'The code is incorrect or has expired',
    },
  },
  IDENTITY_RESEND_TOO_SOON: {
    status: 429,
    message: {
      ru: 'Новый код можно запросить через {retryAfter} с',
      kk: 'Жаңа кодты {retryAfter} с кейін сұрауға болады',
      en: 'You can request a new code in {retryAfter} s',
    },
  },
  IDENTITY_TOO_MANY_ATTEMPTS: {
    status: 429,
    message: {
      ru: 'Слишком много попыток, повторите через {retryAfter} с',
      kk: 'Әрекет тым көп, {retryAfter} с кейін қайталаңыз',
      en: 'Too many attempts, try again in {retryAfter} s',
    },
  },
  IDENTITY_CHALLENGE_REQUIRED: {
    status: 428,
    message: {
      ru: 'Подтвердите, что вы не робот',
      kk: 'Робот емес екеніңізді растаңыз',
      en: 'Please confirm you are not a robot',
    },
  },
  IDENTITY_CHALLENGE_FAILED: {
    status: 400,
    message: {
      ru: 'Проверка «не робот» не пройдена, попробуйте ещё раз',
      kk: '«Робот емес» тексерісі өтпеді, қайталап көріңіз',
      en: 'The robot check failed, please try again',
    },
  },
  IDENTITY_TOKEN_EXPIRED: {
    status: 401,
    message: {
      ru: 'Срок действия токена доступа истёк, обновите его',
      kk: 'Қол жеткізу токенінің мерзімі өтті, оны жаңартыңыз',
      en: 'The access token has expired, refresh it',
    },
  },
  IDENTITY_INVALID_GRANT: {
    status: 400,
    message: {
      ru: 'Токен обновления недействителен или отозван',
      kk: 'Жаңарту токені жарамсыз немесе кері қайтарылған',
      en: 'The refresh token is invalid or has been revoked',
    },
  },
  IDENTITY_CSRF_TOKEN_INVALID: {
    status: 403,
    message: {
      ru: 'Запрос отклонён: нет действительного CSRF-токена',
      kk: 'Сұрау қабылданбады: жарамды CSRF-токен жоқ',
      en: 'Request rejected: missing or invalid CSRF token',
    },
  },
  IDENTITY_STEP_UP_REQUIRED: {
    status: 403,
    message: {
      ru: 'Для этого действия подтвердите вход кодом второго фактора',
      kk: 'Бұл әрекет үшін екінші фактор кодымен растаңыз',
      en: 'Confirm this action with your second-factor code',
    },
  },
  IDENTITY_PASSWORD_CONFIRMATION_REQUIRED: {
    status: 403,
    message: {
      ru: 'Для этого действия введите текущий пароль',
      kk: 'Бұл әрекет үшін ағымдағы құпиясөзді енгізіңіз',
      en: 'Enter your current password to confirm this action',
    },
  },
  IDENTITY_CONTACT_UNCHANGED: {
    status: 409,
    message: {
      ru: 'Этот адрес уже указан в вашей учётной записи',
      kk: 'Бұл мекенжай есептік жазбаңызда бұрыннан көрсетілген',
      en: 'This address is already on your account',
    },
  },
  IDENTITY_CONTACT_UNAVAILABLE: {
    status: 409,
    message: {
      ru: 'Этот адрес нельзя использовать, укажите другой',
      kk: 'Бұл мекенжайды пайдалануға болмайды, басқасын көрсетіңіз',
      en: 'This address cannot be used, choose another one',
    },
  },
  IDENTITY_DELETION_NOT_PENDING: {
    status: 409,
    message: {
      ru: 'Нет запроса на удаление учётной записи, который ещё можно отменить',
      kk: 'Әлі тоқтатуға болатын есептік жазбаны жою сұрауы жоқ',
      en: 'There is no account deletion request that can still be cancelled',
    },
  },
  IDENTITY_STAFF_SECOND_FACTOR_REQUIRED: {
    status: 403,
    message: {
      ru: 'Сотрудникам нужно включить двухфакторную аутентификацию и войти с ней',
      kk: 'Қызметкерлер екі факторлы аутентификацияны қосып, онымен кіруі керек',
      en: 'Staff must enable two-factor authentication and sign in with it',
    },
  },
  IDENTITY_TWO_FACTOR_NOT_ENABLED: {
    status: 409,
    message: {
      ru: 'Двухфакторная аутентификация не включена',
      kk: 'Екі факторлы аутентификация қосылмаған',
      en: 'Two-factor authentication is not enabled',
    },
  },
  IDENTITY_TWO_FACTOR_ALREADY_ENABLED: {
    status: 409,
    message: {
      ru: 'Двухфакторная аутентификация уже включена',
      kk: 'Екі факторлы аутентификация қосылып қойған',
      en: 'Two-factor authentication is already enabled',
    },
  },
  IDENTITY_TWO_FACTOR_SETUP_MISSING: {
    status: 409,
    message: {
      ru: 'Сначала начните настройку двухфакторной аутентификации',
      kk: 'Алдымен екі факторлы аутентификацияны баптауды бастаңыз',
      en: 'Start the two-factor setup first',
    },
  },
  IDENTITY_SESSION_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Сеанс не найден',
      kk: 'Сеанс табылмады',
      en: 'Session not found',
    },
  },
  IDENTITY_API_KEY_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'API-ключ не найден',
      kk: 'API кілті табылмады',
      en: 'API key not found',
    },
  },
  IDENTITY_SCOPE_NOT_ALLOWED: {
    status: 403,
    message: {
      ru: 'Запрошенные права недоступны: {scopes}',
      kk: 'Сұралған құқықтар қолжетімсіз: {scopes}',
      en: 'The requested scopes are not available: {scopes}',
    },
  },
  IDENTITY_USER_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Пользователь не найден',
      kk: 'Пайдаланушы табылмады',
      en: 'User not found',
    },
  },
  IDENTITY_UNKNOWN_CLIENT: {
    status: 400,
    message: {
      ru: 'Неизвестное приложение-клиент',
      kk: 'Белгісіз клиент қолданбасы',
      en: 'Unknown client application',
    },
  },
  IDENTITY_DEVICE_CODE_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Код устройства не найден или устарел',
      kk: 'Құрылғы коды табылмады немесе ескірген',
      en: 'The device code is unknown or has expired',
    },
  },
  IDENTITY_DEVICE_AUTHORIZATION_PENDING: {
    status: 400,
    message: {
      ru: 'Ожидается подтверждение в личном кабинете',
      kk: 'Жеке кабинетте растау күтілуде',
      en: 'Waiting for approval in the account',
    },
  },
  IDENTITY_DEVICE_SLOW_DOWN: {
    status: 400,
    message: {
      ru: 'Опрашивайте не чаще, чем раз в {interval} с',
      kk: '{interval} с сайын бір реттен жиі сұрамаңыз',
      en: 'Poll no more often than every {interval} s',
    },
  },
  IDENTITY_DEVICE_ACCESS_DENIED: {
    status: 400,
    message: {
      ru: 'Доступ для устройства отклонён',
      kk: 'Құрылғыға қол жеткізу қабылданбады',
      en: 'Access for the device was denied',
    },
  },
  IDENTITY_DEVICE_CODE_EXPIRED: {
    status: 400,
    message: {
      ru: 'Срок действия кода устройства истёк, начните заново',
      kk: 'Құрылғы кодының мерзімі өтті, қайта бастаңыз',
      en: 'The device code has expired, start again',
    },
  },
  IDENTITY_ROLE_NOT_HELD: {
    status: 409,
    message: {
      ru: 'У пользователя нет этой роли',
      kk: 'Пайдаланушыда бұл рөл жоқ',
      en: 'The user does not have this role',
    },
  },
  IDENTITY_CANNOT_CHANGE_OWN_ACCESS: {
    status: 409,
    message: {
      ru: 'Нельзя менять собственные роли или блокировать себя',
      kk: 'Өз рөлдеріңізді өзгертуге немесе өзіңізді бұғаттауға болмайды',
      en: 'You cannot change your own roles or block yourself',
    },
  },
  IDENTITY_ADMIN_EXISTS: {
    status: 409,
    message: {
      ru: 'Пользователь с этим email или телефоном уже существует',
      kk: 'Бұл email немесе телефоны бар пайдаланушы бұрыннан бар',
      en: 'A user with this email or phone already exists',
    },
  },
});
