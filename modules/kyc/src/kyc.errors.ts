import { defineErrors } from '@sauda/platform';

/** Error codes of the KYC module. Messages never contain an IIN or any other personal data. */
export const KycErrors = defineErrors({
  KYC_IIN_INVALID: {
    status: 422,
    message: {
      ru: 'ИИН указан неверно',
      kk: 'ЖСН қате көрсетілген',
      en: 'The IIN is not valid',
    },
  },
  KYC_CONSENT_OUTDATED: {
    status: 409,
    message: {
      ru: 'Текст согласия обновлён: прочитайте и примите версию {version}',
      kk: 'Келісім мәтіні жаңартылды: {version} нұсқасын оқып, қабылдаңыз',
      en: 'The consent text has changed: read and accept version {version}',
    },
  },
  KYC_ALREADY_VERIFIED: {
    status: 409,
    message: {
      ru: 'Личность уже подтверждена',
      kk: 'Жеке басыңыз расталған',
      en: 'Your identity is already verified',
    },
  },
  KYC_IN_PROGRESS: {
    status: 409,
    message: {
      ru: 'Проверка уже идёт: завершите текущую попытку',
      kk: 'Тексеру жүріп жатыр: ағымдағы әрекетті аяқтаңыз',
      en: 'A verification is already in progress: finish the current attempt',
    },
  },
  KYC_REJECTED_FINAL: {
    status: 409,
    message: {
      ru: 'Проверка отклонена окончательно; обратитесь в поддержку',
      kk: 'Тексеру біржола қабылданбады; қолдау қызметіне жүгініңіз',
      en: 'The verification was rejected for good; please contact support',
    },
  },
  KYC_ATTEMPTS_EXHAUSTED: {
    status: 409,
    message: {
      ru: 'Попытки проверки исчерпаны; обратитесь в поддержку',
      kk: 'Тексеру әрекеттері таусылды; қолдау қызметіне жүгініңіз',
      en: 'No verification attempts are left; please contact support',
    },
  },
  KYC_NOT_STARTED: {
    status: 409,
    message: {
      ru: 'Сначала укажите ИИН и дайте согласие',
      kk: 'Алдымен ЖСН-ді көрсетіп, келісім беріңіз',
      en: 'Enter your IIN and give consent first',
    },
  },
  KYC_WRONG_STEP: {
    status: 409,
    message: {
      ru: 'Этот шаг сейчас недоступен (статус проверки: {status})',
      kk: 'Бұл қадам қазір қолжетімсіз (тексеру мәртебесі: {status})',
      en: 'This step is not available now (verification status: {status})',
    },
  },
  KYC_DOCUMENT_PAGES_INVALID: {
    status: 422,
    message: {
      ru: 'Для документа «{documentType}» нужны страницы: {sides}',
      kk: '«{documentType}» құжаты үшін мына беттер керек: {sides}',
      en: 'A "{documentType}" document needs these pages: {sides}',
    },
  },
  KYC_IMAGE_INVALID: {
    status: 422,
    message: {
      ru: 'Изображение должно быть файлом JPEG или PNG не больше {maxMegabytes} МБ',
      kk: 'Сурет {maxMegabytes} МБ-тан аспайтын JPEG немесе PNG файлы болуы керек',
      en: 'The image must be a JPEG or PNG file of at most {maxMegabytes} MB',
    },
  },
  KYC_CASE_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Проверка не найдена',
      kk: 'Тексеру табылмады',
      en: 'Verification case not found',
    },
  },
  KYC_DOCUMENT_NOT_FOUND: {
    status: 404,
    message: {
      ru: 'Изображение не найдено или уже удалено по сроку хранения',
      kk: 'Сурет табылмады немесе сақтау мерзімі өткендіктен жойылды',
      en: 'Image not found, or already deleted at the end of its retention period',
    },
  },
  KYC_REQUIRED: {
    status: 403,
    message: {
      ru: 'Чтобы продолжить, подтвердите личность по ИИН',
      kk: 'Жалғастыру үшін жеке басыңызды ЖСН арқылы растаңыз',
      en: 'Verify your identity by IIN to continue',
    },
  },
  KYC_WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    message: {
      ru: 'Подпись уведомления неверна',
      kk: 'Хабарлама қолтаңбасы жарамсыз',
      en: 'The notification signature is not valid',
    },
  },
  KYC_WEBHOOK_STALE: {
    status: 401,
    message: {
      ru: 'Уведомление устарело или повторено вне допустимого окна',
      kk: 'Хабарлама ескірген немесе рұқсат етілген уақыттан тыс қайталанған',
      en: 'The notification is too old or was replayed outside the allowed window',
    },
  },
  KYC_WEBHOOK_MALFORMED: {
    status: 400,
    message: {
      ru: 'Уведомление провайдера имеет неверный формат',
      kk: 'Провайдер хабарламасының пішімі қате',
      en: 'The provider notification is malformed',
    },
  },
  KYC_COMPLIANCE_ROLE_REQUIRED: {
    status: 403,
    message: {
      ru: 'Персональные данные проверки доступны только комплаенс-офицеру',
      kk: 'Тексерудің дербес деректері тек комплаенс-офицерге қолжетімді',
      en: 'Personal data of a verification is available to compliance officers only',
    },
  },
  KYC_OWN_CASE: {
    status: 403,
    message: {
      ru: 'Нельзя решать по собственной проверке',
      kk: 'Өз тексеруіңіз бойынша шешім қабылдауға болмайды',
      en: 'You cannot decide on your own verification',
    },
  },
  KYC_IIN_VERIFIED_ELSEWHERE: {
    status: 409,
    message: {
      ru: 'Этот ИИН подтверждён в другом аккаунте: сначала переоткройте ту проверку',
      kk: 'Бұл ЖСН басқа аккаунтта расталған: алдымен сол тексеруді қайта ашыңыз',
      en: 'This IIN is verified on another account: reopen that verification first',
    },
  },
  KYC_CONCURRENT_CHANGE: {
    status: 409,
    message: {
      ru: 'Проверка только что изменилась; обновите данные и повторите',
      kk: 'Тексеру жаңа ғана өзгерді; деректерді жаңартып, қайталаңыз',
      en: 'The verification has just changed; reload and try again',
    },
  },
  KYC_EXPORT_RANGE_INVALID: {
    status: 400,
    message: {
      ru: 'Период выгрузки задан неверно (не более {maxDays} дней, начало не позже конца)',
      kk: 'Жүктеу кезеңі қате көрсетілген ({maxDays} күннен аспауы, басы соңынан кеш болмауы керек)',
      en: 'The export period is not valid (at most {maxDays} days, start not after end)',
    },
  },
});
