import type { Localized } from './localized.ts';

export interface FaqEntry {
  readonly id: string;
  readonly question: Localized;
  readonly answer: Localized;
}

/**
 * The help centre's questions and answers. Drafts until content managers get a content API; each
 * entry exists in every language (the type enforces it).
 */
export const FAQ: readonly FaqEntry[] = [
  {
    id: 'what-is-sauda',
    question: {
      ru: 'Что такое Sauda?',
      kk: 'Sauda дегеніміз не?',
      en: 'What is Sauda?',
    },
    answer: {
      ru: 'Sauda — программа лояльности: вы покупаете в интернет-магазинах партнёров, а партнёр платит программе комиссию, часть которой начисляется вам вознаграждением в цифровом активе. Собственные деньги вкладывать не нужно.',
      kk: 'Sauda — адалдық бағдарламасы: сіз серіктестердің интернет-дүкендерінен сатып аласыз, серіктес бағдарламаға комиссия төлейді, оның бір бөлігі сізге цифрлық активпен сыйақы ретінде есептеледі. Өз ақшаңызды салудың қажеті жоқ.',
      en: 'Sauda is a loyalty programme: you shop at partner online stores, the partner pays the programme a commission, and part of it is credited to you as a reward in a digital asset. You never invest your own money.',
    },
  },
  {
    id: 'how-to-start',
    question: {
      ru: 'Как начать получать вознаграждение?',
      kk: 'Сыйақы алуды қалай бастауға болады?',
      en: 'How do I start earning rewards?',
    },
    answer: {
      ru: 'Зарегистрируйтесь по телефону или email, подтвердите контакт кодом и пройдите идентификацию по ИИН. Затем переходите в магазин со страницы партнёра кнопкой «Перейти в магазин» или установите расширение для браузера — оно напомнит о вознаграждении на сайте партнёра.',
      kk: 'Телефон немесе email арқылы тіркеліңіз, байланысты кодпен растаңыз және ЖСН бойынша сәйкестендіруден өтіңіз. Содан кейін дүкенге серіктес бетіндегі «Дүкенге өту» батырмасымен өтіңіз немесе браузер кеңейтімін орнатыңыз — ол серіктес сайтында сыйақы туралы еске салады.',
      en: 'Register with a phone number or email, confirm it with the code we send and complete identification by IIN. Then go to a shop with the "Go to shop" button on the partner’s page, or install the browser extension, which reminds you of the reward on partner sites.',
    },
  },
  {
    id: 'why-kyc',
    question: {
      ru: 'Зачем нужна идентификация по ИИН?',
      kk: 'ЖСН бойынша сәйкестендіру не үшін қажет?',
      en: 'Why do I need to be identified by IIN?',
    },
    answer: {
      ru: 'Программа работает в особом режиме регулирования операций с цифровыми активами Национального Банка РК, который требует идентифицировать каждого участника. Проверка проходит через лицензированного провайдера: ИИН сверяется с государственной базой данных физических лиц, документ и селфи проверяются автоматически.',
      kk: 'Бағдарлама Қазақстан Ұлттық Банкінің цифрлық активтермен операцияларды реттеудің ерекше режимінде жұмыс істейді, ол әр қатысушыны сәйкестендіруді талап етеді. Тексеру лицензияланған провайдер арқылы өтеді: ЖСН жеке тұлғалардың мемлекеттік дерекқорымен салыстырылады, құжат пен селфи автоматты түрде тексеріледі.',
      en: 'The programme operates under the special regulatory regime for digital-asset operations of the National Bank of Kazakhstan, which requires every participant to be identified. The check runs through a licensed provider: your IIN is matched against the state database of individuals, and your document and selfie are checked automatically.',
    },
  },
  {
    id: 'kyc-rejected',
    question: {
      ru: 'Идентификация не прошла. Что делать?',
      kk: 'Сәйкестендіру өтпеді. Не істеу керек?',
      en: 'My identification failed. What now?',
    },
    answer: {
      ru: 'На странице «Идентификация» в кабинете указана причина и следующий шаг. Чаще всего помогает новая попытка с чётким фото документа без бликов и селфи при хорошем освещении. Количество попыток ограничено; если они закончились, напишите в поддержку.',
      kk: 'Кабинеттегі «Сәйкестендіру» бетінде себебі мен келесі қадам көрсетілген. Көбінесе жарқылсыз анық құжат фотосы және жақсы жарықтағы селфимен жаңа әрекет көмектеседі. Әрекет саны шектеулі; олар таусылса, қолдау қызметіне жазыңыз.',
      en: 'The Identification page of your account shows the reason and the next step. A new attempt with a sharp, glare-free photo of the document and a selfie in good light usually helps. Attempts are limited; when none are left, contact support.',
    },
  },
  {
    id: 'minors',
    question: {
      ru: 'Могут ли участвовать несовершеннолетние и нерезиденты?',
      kk: 'Кәмелетке толмағандар мен резидент еместер қатыса ала ма?',
      en: 'Can minors and non-residents take part?',
    },
    answer: {
      ru: 'Нет, участвовать могут только совершеннолетние (18+). Нерезиденты Республики Казахстан допускаются в соответствии с правилами программы: заявка может быть отклонена или отправлена на ручную проверку.',
      kk: 'Жоқ, тек кәмелетке толғандар (18+) қатыса алады. Қазақстан Республикасының резидент еместері бағдарлама ережелеріне сәйкес жіберіледі: өтінім қабылданбауы немесе қолмен тексеруге жіберілуі мүмкін.',
      en: 'Only adults (18+) can take part. Non-residents of Kazakhstan are admitted as the programme rules allow: the application may be declined or sent for manual review.',
    },
  },
  {
    id: 'when-reward',
    question: {
      ru: 'Когда начисляется вознаграждение?',
      kk: 'Сыйақы қашан есептеледі?',
      en: 'When is the reward credited?',
    },
    answer: {
      ru: 'Сразу после покупки вознаграждение появляется как ожидающее. Когда партнёр подтвердит заказ и истечёт срок возврата товара (период холда, он указан на странице партнёра), вознаграждение становится доступным. Если заказ отменён или возвращён, ожидающее вознаграждение отменяется.',
      kk: 'Сатып алғаннан кейін бірден сыйақы күтудегі ретінде пайда болады. Серіктес тапсырысты растап, тауарды қайтару мерзімі (холд кезеңі, ол серіктес бетінде көрсетілген) өткенде, сыйақы қолжетімді болады. Тапсырыс жойылса немесе қайтарылса, күтудегі сыйақы жойылады.',
      en: 'Right after the purchase the reward appears as pending. Once the partner confirms the order and the return period ends (the hold period shown on the partner’s page), it becomes available. If the order is cancelled or returned, the pending reward is cancelled too.',
    },
  },
  {
    id: 'no-reward',
    question: {
      ru: 'Покупка не отобразилась. Почему?',
      kk: 'Сатып алу көрінбеді. Неліктен?',
      en: 'My purchase does not show up. Why?',
    },
    answer: {
      ru: 'Убедитесь, что вы перешли в магазин из Sauda (кнопкой или через расширение) и были авторизованы, а блокировщик рекламы не мешал переходу. Партнёры передают данные о заказах с задержкой до нескольких дней. Если покупки нет дольше 7 дней, напишите в поддержку с номером заказа.',
      kk: 'Дүкенге Sauda-дан (батырмамен немесе кеңейтім арқылы) өткеніңізге және кіргеніңізге, ал жарнама бұғаттағыш өтуге кедергі келтірмегеніне көз жеткізіңіз. Серіктестер тапсырыстар туралы деректерді бірнеше күнге дейін кешіктіріп береді. Сатып алу 7 күннен артық көрінбесе, тапсырыс нөмірімен қолдау қызметіне жазыңыз.',
      en: 'Make sure you went to the shop from Sauda (with the button or through the extension) while signed in, and that an ad blocker did not interfere. Partners report orders with a delay of up to a few days. If the purchase is still missing after 7 days, contact support with the order number.',
    },
  },
  {
    id: 'what-asset',
    question: {
      ru: 'В чём начисляется вознаграждение и что с ним можно делать?',
      kk: 'Сыйақы неммен есептеледі және онымен не істеуге болады?',
      en: 'What is the reward paid in and what can I do with it?',
    },
    answer: {
      ru: 'Вознаграждение начисляется в цифровом активе программы; в кабинете показан и его эквивалент в тенге. Доступное вознаграждение можно вывести на свой внешний криптокошелёк после идентификации. Курс и комиссии вывода показываются до подтверждения.',
      kk: 'Сыйақы бағдарламаның цифрлық активімен есептеледі; кабинетте оның теңгедегі баламасы да көрсетіледі. Қолжетімді сыйақыны сәйкестендіруден кейін өзіңіздің сыртқы криптоәмиянға шығаруға болады. Шығару бағамы мен комиссиялары растау алдында көрсетіледі.',
      en: 'Rewards are credited in the programme’s digital asset; your account also shows the equivalent in tenge. Available rewards can be withdrawn to your own external crypto wallet after identification. The rate and withdrawal fees are shown before you confirm.',
    },
  },
  {
    id: 'extension-data',
    question: {
      ru: 'Какие данные видит расширение?',
      kk: 'Кеңейтім қандай деректерді көреді?',
      en: 'What data does the extension see?',
    },
    answer: {
      ru: 'Расширение запрашивает доступ только к сайтам партнёров из каталога, не читает содержимое страниц и не передаёт адреса сайтов вне списка партнёров. Оно не видит ваших платёжных данных.',
      kk: 'Кеңейтім тек каталогтағы серіктес сайттарына қол жеткізуді сұрайды, беттердің мазмұнын оқымайды және серіктестер тізімінен тыс сайттардың мекенжайларын жібермейді. Ол сіздің төлем деректеріңізді көрмейді.',
      en: 'The extension asks for access to partner sites from the catalogue only, does not read page contents and never sends addresses of sites outside the partner list. It cannot see your payment details.',
    },
  },
  {
    id: 'two-factor',
    question: {
      ru: 'Как защитить аккаунт?',
      kk: 'Аккаунтты қалай қорғауға болады?',
      en: 'How do I protect my account?',
    },
    answer: {
      ru: 'Используйте длинный уникальный пароль и включите двухфакторную аутентификацию в разделе «Безопасность»: понадобится приложение-аутентификатор. Там же видны все сеансы и устройства — завершите те, которые вы не узнаёте.',
      kk: 'Ұзын бірегей құпиясөзді пайдаланып, «Қауіпсіздік» бөлімінде екі факторлы аутентификацияны қосыңыз: аутентификатор қосымшасы қажет болады. Сол жерде барлық сеанстар мен құрылғылар көрінеді — өзіңіз танымайтындарын аяқтаңыз.',
      en: 'Use a long, unique password and turn on two-factor authentication in Security: you will need an authenticator app. The same page lists every session and device; end any you do not recognise.',
    },
  },
  {
    id: 'forgot-password',
    question: {
      ru: 'Я забыл пароль',
      kk: 'Құпиясөзді ұмытып қалдым',
      en: 'I forgot my password',
    },
    answer: {
      ru: 'На странице входа нажмите «Забыли пароль?», укажите телефон или email и введите код из сообщения вместе с новым паролем. После смены пароля все сеансы завершатся.',
      kk: 'Кіру бетінде «Құпиясөзді ұмыттыңыз ба?» батырмасын басып, телефонды немесе email-ді көрсетіңіз және хабарламадағы кодты жаңа құпиясөзбен бірге енгізіңіз. Құпиясөз ауысқаннан кейін барлық сеанстар аяқталады.',
      en: 'On the sign-in page choose "Forgot your password?", enter your phone or email, then the code from the message together with a new password. Changing the password ends every session.',
    },
  },
  {
    id: 'delete-account',
    question: {
      ru: 'Как удалить аккаунт и мои данные?',
      kk: 'Аккаунтты және деректерімді қалай жоюға болады?',
      en: 'How do I delete my account and data?',
    },
    answer: {
      ru: 'Запрос на удаление можно отменить в течение 30 дней; после этого аккаунт удаляется. Данные идентификации хранятся столько, сколько требует законодательство РК, затем уничтожаются. Подробности — в Политике конфиденциальности.',
      kk: 'Жою туралы сұранысты 30 күн ішінде болдырмауға болады; содан кейін аккаунт жойылады. Сәйкестендіру деректері ҚР заңнамасы талап ететін мерзімде сақталады, содан кейін жойылады. Толығырақ — Құпиялылық саясатында.',
      en: 'A deletion request can be cancelled within 30 days; after that the account is deleted. Identification data is kept as long as Kazakh law requires and then destroyed. See the Privacy Policy for details.',
    },
  },
];
