import type { Localized } from '../localized.ts';

/** Loyalty programme rules, version 2026-01-01 (draft; the operator supplies the final text). */
export const program20260101: Localized = {
  ru: `## 1. Общие положения

1.1. Настоящие Правила определяют условия участия в программе лояльности Sauda (далее — Программа), которую проводит оператор Программы (далее — Оператор): резидент международного технопарка IT-стартапов «Астана Хаб», участник особого режима регулирования операций с цифровыми активами Национального Банка Республики Казахстан (постановление Правления НБ РК № 42 от 25.07.2025).

1.2. Программа позволяет участнику получать вознаграждение в цифровом активе за покупки у партнёров Программы без вложения собственных средств.

1.3. Участвуя в Программе, участник подтверждает, что ознакомился с настоящими Правилами, Пользовательским соглашением и Политикой конфиденциальности и принимает их.

## 2. Участники

2.1. Участником может стать дееспособное физическое лицо, достигшее 18 лет, прошедшее регистрацию и идентификацию по ИИН.

2.2. Нерезиденты Республики Казахстан допускаются к участию в порядке, установленном Оператором; их заявки могут быть отклонены или направлены на дополнительную проверку.

2.3. Один человек может иметь только один аккаунт. ИИН, подтверждённый в одном аккаунте, не может быть подтверждён в другом.

## 3. Идентификация

3.1. Идентификация обязательна и проводится через провайдера-агрегатора: проверка ИИН по Государственной базе данных физических лиц, проверка документа, удостоверяющего личность, и биометрическая проверка (селфи, проверка «живости», сравнение с фото документа).

3.2. До успешной идентификации вознаграждение не начисляется и не выводится. Количество попыток ограничено; причины отказа сообщаются участнику в личном кабинете.

## 4. Вознаграждение

4.1. Вознаграждение начисляется за покупку у партнёра, совершённую после перехода на сайт партнёра из Программы (кнопкой «Перейти в магазин» или через расширение для браузера) в авторизованном состоянии.

4.2. Размер вознаграждения указан на странице партнёра в процентах от суммы заказа или в фиксированной сумме и может быть ограничен максимальной суммой за заказ. Ставка определяется на момент покупки.

4.3. После покупки вознаграждение отображается как ожидающее. Оно становится доступным после подтверждения заказа партнёром и окончания периода холда, указанного на странице партнёра.

4.4. Вознаграждение не начисляется или отменяется, если заказ отменён, возвращён, не оплачен, оформлен с нарушением правил партнёра или с использованием мошеннических действий.

4.5. Вознаграждение начисляется в цифровом активе Программы. Эквивалент в тенге носит справочный характер.

## 5. Вывод вознаграждения

5.1. Доступное вознаграждение можно вывести на внешний криптокошелёк, принадлежащий участнику. Минимальная сумма, комиссии и сроки показываются до подтверждения вывода.

5.2. Вывод требует подтверждения вторым фактором. Оператор вправе приостановить вывод для проверки в соответствии с требованиями законодательства о противодействии легализации доходов.

## 6. Партнёры

6.1. Перечень партнёров и условия вознаграждения публикуются в каталоге и могут меняться. Изменения не затрагивают уже совершённые покупки.

6.2. Оператор не является продавцом товаров партнёров и не отвечает за их качество и доставку.

## 7. Изменение и прекращение Правил

7.1. Оператор вправе изменять Правила, публикуя новую версию на сайте не позднее чем за 10 календарных дней до её вступления в силу.

7.2. Участник вправе в любой момент прекратить участие, удалив аккаунт. Доступное вознаграждение следует вывести до удаления.

## 8. Контакты

8.1. Вопросы по Программе принимаются через раздел «Помощь» на сайте.
`,
  kk: `## 1. Жалпы ережелер

1.1. Осы Ережелер Sauda адалдық бағдарламасына (бұдан әрі — Бағдарлама) қатысу шарттарын айқындайды; Бағдарламаны оның операторы (бұдан әрі — Оператор) жүргізеді: «Астана Хаб» IT-стартаптардың халықаралық технопаркінің резиденті, Қазақстан Республикасы Ұлттық Банкінің цифрлық активтермен операцияларды реттеудің ерекше режиміне қатысушы (ҚР ҰБ Басқармасының 25.07.2025 жылғы № 42 қаулысы).

1.2. Бағдарлама қатысушыға өз қаражатын салмай, Бағдарлама серіктестерінен сатып алғаны үшін цифрлық активпен сыйақы алуға мүмкіндік береді.

1.3. Бағдарламаға қатыса отырып, қатысушы осы Ережелермен, Пайдаланушы келісімімен және Құпиялылық саясатымен танысқанын және оларды қабылдайтынын растайды.

## 2. Қатысушылар

2.1. Қатысушы 18 жасқа толған, тіркеуден және ЖСН бойынша сәйкестендіруден өткен әрекетке қабілетті жеке тұлға бола алады.

2.2. Қазақстан Республикасының резидент еместері Оператор белгілеген тәртіппен қатысуға жіберіледі; олардың өтінімдері қабылданбауы немесе қосымша тексеруге жіберілуі мүмкін.

2.3. Бір адамның тек бір аккаунты болуы мүмкін. Бір аккаунтта расталған ЖСН басқа аккаунтта расталмайды.

## 3. Сәйкестендіру

3.1. Сәйкестендіру міндетті және провайдер-агрегатор арқылы жүргізіледі: ЖСН-ді Жеке тұлғалардың мемлекеттік дерекқоры бойынша тексеру, жеке басын куәландыратын құжатты тексеру және биометриялық тексеру (селфи, «тірілікті» тексеру, құжаттағы фотомен салыстыру).

3.2. Сәйкестендіру сәтті өткенге дейін сыйақы есептелмейді және шығарылмайды. Әрекет саны шектеулі; бас тарту себептері қатысушыға жеке кабинетте хабарланады.

## 4. Сыйақы

4.1. Сыйақы Бағдарламадан серіктес сайтына (кіру жасалған күйде «Дүкенге өту» батырмасымен немесе браузер кеңейтімі арқылы) өткеннен кейін жасалған сатып алу үшін есептеледі.

4.2. Сыйақы мөлшері серіктес бетінде тапсырыс сомасының пайызымен немесе тіркелген сомамен көрсетілген және бір тапсырыс үшін ең жоғары сомамен шектелуі мүмкін. Мөлшерлеме сатып алу сәтінде анықталады.

4.3. Сатып алғаннан кейін сыйақы күтудегі ретінде көрсетіледі. Ол серіктес тапсырысты растағаннан және серіктес бетінде көрсетілген холд кезеңі аяқталғаннан кейін қолжетімді болады.

4.4. Тапсырыс жойылса, қайтарылса, төленбесе, серіктес ережелерін бұзып немесе алаяқтық әрекеттермен ресімделсе, сыйақы есептелмейді немесе жойылады.

4.5. Сыйақы Бағдарламаның цифрлық активімен есептеледі. Теңгедегі баламасы анықтамалық сипатта болады.

## 5. Сыйақыны шығару

5.1. Қолжетімді сыйақыны қатысушыға тиесілі сыртқы криптоәмиянға шығаруға болады. Ең аз сома, комиссиялар мен мерзімдер шығаруды растағанға дейін көрсетіледі.

5.2. Шығару екінші фактормен растауды талап етеді. Оператор кірістерді заңдастыруға қарсы іс-қимыл туралы заңнама талаптарына сәйкес тексеру үшін шығаруды тоқтата тұруға құқылы.

## 6. Серіктестер

6.1. Серіктестер тізімі мен сыйақы шарттары каталогта жарияланады және өзгеруі мүмкін. Өзгерістер бұрын жасалған сатып алуларға әсер етпейді.

6.2. Оператор серіктестер тауарларының сатушысы болып табылмайды және олардың сапасы мен жеткізілуіне жауап бермейді.

## 7. Ережелерді өзгерту және тоқтату

7.1. Оператор жаңа нұсқаны күшіне енгенге дейін кемінде 10 күнтізбелік күн бұрын сайтта жариялай отырып, Ережелерді өзгертуге құқылы.

7.2. Қатысушы кез келген уақытта аккаунтты жойып, қатысуды тоқтатуға құқылы. Қолжетімді сыйақыны жоюға дейін шығарған жөн.

## 8. Байланыс

8.1. Бағдарлама бойынша сұрақтар сайттағы «Көмек» бөлімі арқылы қабылданады.
`,
  en: `## 1. General provisions

1.1. These Rules set out the terms of the Sauda loyalty programme (the Programme), run by the Programme operator (the Operator): a resident of the Astana Hub international technology park of IT start-ups and a participant of the special regulatory regime for digital-asset operations of the National Bank of the Republic of Kazakhstan (Resolution No. 42 of the Board of the National Bank of 25 July 2025).

1.2. The Programme lets a participant earn a reward in a digital asset for purchases from Programme partners without investing their own money.

1.3. By taking part in the Programme, the participant confirms that they have read and accept these Rules, the User Agreement and the Privacy Policy.

## 2. Participants

2.1. Any individual of full legal capacity aged 18 or over who has registered and been identified by IIN may become a participant.

2.2. Non-residents of the Republic of Kazakhstan are admitted as the Operator decides; their applications may be declined or sent for additional review.

2.3. One person may hold one account only. An IIN confirmed on one account cannot be confirmed on another.

## 3. Identification

3.1. Identification is mandatory and runs through an aggregator provider: the IIN is checked against the State Database of Individuals, the identity document is checked, and a biometric check is made (selfie, liveness check, match with the document photo).

3.2. No reward is credited or withdrawn before identification succeeds. Attempts are limited; the reasons for a refusal are shown to the participant in their account.

## 4. Rewards

4.1. A reward is credited for a purchase made at a partner after going to the partner’s site from the Programme (with the "Go to shop" button or through the browser extension) while signed in.

4.2. The reward is shown on the partner’s page as a percentage of the order or a fixed amount and may be capped per order. The rate in force at the time of purchase applies.

4.3. After a purchase the reward is shown as pending. It becomes available once the partner confirms the order and the hold period shown on the partner’s page has ended.

4.4. No reward is credited, or it is cancelled, if the order is cancelled, returned or unpaid, or placed in breach of the partner’s rules or by fraudulent means.

4.5. Rewards are credited in the Programme’s digital asset. The equivalent in tenge is for information only.

## 5. Withdrawal

5.1. Available rewards can be withdrawn to an external crypto wallet that belongs to the participant. The minimum amount, fees and timing are shown before the withdrawal is confirmed.

5.2. A withdrawal must be confirmed with a second factor. The Operator may suspend a withdrawal for checks required by anti-money-laundering law.

## 6. Partners

6.1. The list of partners and their reward terms are published in the catalogue and may change. Changes do not affect purchases already made.

6.2. The Operator does not sell partners’ goods and is not responsible for their quality or delivery.

## 7. Changes and termination

7.1. The Operator may change these Rules by publishing a new version on the site at least 10 calendar days before it takes effect.

7.2. A participant may stop taking part at any time by deleting their account. Available rewards should be withdrawn before deletion.

## 8. Contact

8.1. Questions about the Programme are accepted through the Help section of the site.
`,
};
